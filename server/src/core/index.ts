// The engine's public surface. Everything the LSP glue and the CLI need comes from here.
export * from './types';
export * from './rules';
export { scanText } from './scanText';
export { rescanAfterEdit, scanTextIncremental, composeEdits, type TextEdit, type ChangedSpan } from './rescan';
