// Quick fixes, computed on the document text as plain edits. The LSP glue converts them; nothing here
// knows about vscode, LSP or the file system.
export { applyEdits, editsOverlap, sortEdits } from './edits';
export { stripSignatureFix } from './stripSignature';
export { fixAllStripSignatures } from './fixAll';
export { envReferenceFix, secretRegion, type EnvReferenceContext, type EnvReferenceFix } from './envReference';
export { chooseVariableName, isValidEnvName, toEnvName, DEFAULT_NAMES, type SecretKind } from './envVariableName';
export { resolveFixLanguage, type FixLanguage } from './fileLanguage';
export { envFilePlan, formatEnvValue, readEnvEntries, type EnvFilePlan } from './envFilePlan';
export { gitignorePlan, type GitignorePlan } from './gitignorePlan';
export { suppressionFix, commentSyntaxFor, IGNORE_LINE_MARKER, IGNORE_NEXT_LINE_MARKER } from './suppressionComment';
