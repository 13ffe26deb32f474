// Turns findings into LSP Diagnostics (and a document too large to check into its one notice); it
// publishes nothing. The diagnostic's `data` carries what the quick fixes need to find the
// token again (offsets, document version, fingerprint, container, encoding, non-secret details) and
// never the secret itself: code actions re-read it from the document text.
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { gradeLevel } from '../core/findings/grades';
import { ruleHelpUri } from '../core/findings/rules';
import type { Finding, Grade, OffsetRange } from '../core/findings/types';
import { formatBytes } from '../core/util/wording';
import { DIAGNOSTIC_SOURCE, SKIPPED_FILE_CODE, type SasGuardDiagnosticData } from './protocol';
import { toRange, type PositionSource } from './positions';

export { DIAGNOSTIC_SOURCE, type SasGuardDiagnosticData };

export function isSasGuardData(value: unknown): value is SasGuardDiagnosticData {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<SasGuardDiagnosticData>;
  return v.sasGuard === 1 && typeof v.ruleId === 'string' && typeof v.fingerprint === 'string' && isOffsetRange(v.range) && isOffsetRange(v.secretRange);
}

function isOffsetRange(value: unknown): value is OffsetRange {
  return value !== null && typeof value === 'object' && typeof (value as OffsetRange).start === 'number' && typeof (value as OffsetRange).end === 'number';
}

export function gradeSeverity(grade: Grade): DiagnosticSeverity {
  const level = gradeLevel(grade);
  return level === 'error' ? DiagnosticSeverity.Error : level === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information;
}

export function diagnosticData(finding: Finding, version: number | null): SasGuardDiagnosticData {
  const d = finding.details;
  const account = d.type === 'sas' || d.type === 'key' ? d.account : undefined;
  const host = d.type === 'sas' || d.type === 'iot-key' || d.type === 'iot-sas' ? d.host : d.type === 'key' ? d.endpoint : undefined;
  const keyName = d.type === 'key' || d.type === 'servicebus-sas' || d.type === 'iot-key' || d.type === 'iot-sas' ? d.keyName : undefined;
  const expired = d.type === 'sas' || d.type === 'servicebus-sas' || d.type === 'iot-sas' ? d.expired : undefined;
  return {
    sasGuard: 1,
    ruleId: finding.ruleId,
    grade: finding.grade,
    range: { start: finding.range.start, end: finding.range.end },
    secretRange: { start: finding.secretRange.start, end: finding.secretRange.end },
    version,
    fingerprint: finding.fingerprint,
    container: finding.container,
    encoding: finding.encoding,
    redactedSecret: finding.redactedSecret,
    ...(account !== undefined ? { account } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(keyName !== undefined ? { keyName } : {}),
    ...(expired !== undefined ? { expired } : {}),
  };
}

export interface DiagnosticOptions {
  /** The client renders relatedInformation (textDocument.publishDiagnostics.relatedInformation). */
  readonly relatedInformation: boolean;
  /** Open document version, or null when the text came from disk. */
  readonly version: number | null;
  /** A clause to end a finding's message with (its secret is already committed), if any. */
  readonly noteFor?: (finding: Finding) => string | undefined;
}

function withNote(message: string, note: string | undefined): string {
  return note === undefined ? message : `${message} — ${note}`;
}

export function findingsToDiagnostics(document: PositionSource, findings: readonly Finding[], options: DiagnosticOptions): Diagnostic[] {
  const byFingerprint = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFingerprint.get(f.fingerprint);
    if (list === undefined) byFingerprint.set(f.fingerprint, [f]);
    else list.push(f);
  }
  return findings.map((finding) => {
    const diagnostic: Diagnostic = {
      range: toRange(document, finding.range),
      severity: gradeSeverity(finding.grade),
      source: DIAGNOSTIC_SOURCE,
      code: finding.ruleId,
      codeDescription: { href: ruleHelpUri(finding.ruleId) },
      message: withNote(finding.message, options.noteFor?.(finding)),
      data: diagnosticData(finding, options.version),
    };
    if (options.relatedInformation) {
      const others = (byFingerprint.get(finding.fingerprint) ?? []).filter((f) => f !== finding);
      if (others.length > 0) {
        diagnostic.relatedInformation = others.map((other): DiagnosticRelatedInformation => ({
          location: { uri: document.uri, range: toRange(document, other.range) },
          message: `The same secret (${finding.redactedSecret}) also appears here`,
        }));
      }
    }
    return diagnostic;
  });
}

/** The one diagnostic on a document too large to check. */
export function skippedDiagnostic(sizeBytes: number, limitKB: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: SKIPPED_FILE_CODE,
    message: `SAS Guard did not check this file: it is ${formatBytes(sizeBytes)}, over the sasGuard.maxFileSizeKB limit of ${limitKB} KB.`,
  };
}
