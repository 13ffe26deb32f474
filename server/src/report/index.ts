// Report formatters of the CLI (and the language server's SARIF export): text, JSON, SARIF 2.1.0.
export * from './scanReport';
export * from './scanSummary';
export { LineIndex, type LineColumn } from './lineIndex';
export { formatText, type TextOptions } from './text';
export { formatJson, buildJsonReport, JSON_REPORT_VERSION, type JsonReport, type JsonFinding } from './json';
export { formatSarif, buildSarifLog, sarifLevel, FINGERPRINT_KEY, RULE_WORST_GRADE } from './sarif';
export * from './historyOrigin';
