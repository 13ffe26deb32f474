// The engine's public surface: what the LSP glue, the CLI and the walker may use. The engine is pure
// (no vscode, no LSP library, no file system). Read its folders in the order a text travels:
//
//   scan/       text → anchors → candidates: the entry (scanText.ts), the main loop (scanner.ts), the
//               literal anchors (anchorLiterals.ts, anchors.ts), the `sig=` reader the SAS families
//               share (signatureReader.ts), one handler per credential family (families/, registered
//               in families/index.ts), re-scanning after an edit (rescan.ts, checkpoints.ts) and
//               suppression comments (suppression.ts)
//   parse/      a candidate's text → structure: SAS queries, connection strings, key settings,
//               escapes and encodings, folded lines, token extents, dates, hosts
//   assess/     structure → meaning: SAS kind and scope (classify.ts), permissions, placeholders,
//               and every grade (grade.ts)
//   findings/   the data model (types.ts), the grade vocabulary (grades.ts), rules, message words,
//               secret identity, fingerprints and redaction
//   fixes/      finding → text edits: quick fixes and fix-all plans
//   util/       character classes shared by the folders above
export * from './findings/types';
export * from './findings/grades';
export * from './findings/rules';
export { scanText } from './scan/scanText';
export { FindingMemo } from './findings/findingMemo';
export { rescanAfterEdit, scanTextIncremental, composeEdits, type TextChange, type ChangedSpan } from './scan/rescan';
