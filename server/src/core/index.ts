// The engine's public surface. Everything the LSP glue and the CLI need comes from here.
export * from './findings/types';
export * from './findings/rules';
export { scanText } from './scan/scanText';
export { rescanAfterEdit, scanTextIncremental, composeEdits, type TextEdit, type ChangedSpan } from './scan/rescan';
