// The engine's entry point: text in, findings out (scanner.ts runs the loop). Pure: no file system,
// no editor, no network. Besides the plain scan, the traced and resumed scans that rescan.ts uses to
// re-scan only around an edit.
import type { ResumedScan, ResumePlan, ScanTrace } from './checkpoints';
import type { EncodedCredential } from './base64Wrapped';
import { Scanner } from './scanner';
import type { ScanOptions, ScanResult } from '../findings/types';

export { finishScan } from './scanner';

export function scanText(text: string, options: ScanOptions = {}): ScanResult {
  const scanner = new Scanner(asText(text), options ?? {}, false);
  return scanner.run();
}

/** A full scan that also returns its trace. */
export function scanTextTraced(text: string, options: ScanOptions = {}): { result: ScanResult; trace: ScanTrace | undefined } {
  const scanner = new Scanner(asText(text), options ?? {}, true);
  const result = scanner.run();
  return { result, trace: result.cancelled ? undefined : scanner.trace() };
}

/** Resumes a scan of `text` from a checkpoint; stops where `plan.converge` says the old scan takes over. */
export function resumeScan(text: string, options: ScanOptions, plan: ResumePlan): ResumedScan {
  const scanner = new Scanner(text, options ?? {}, true);
  return scanner.resume(plan);
}

/** Credentials in the base64 values of `text` whose anchors start in [from, to) (base64Wrapped.ts). */
export function encodedCredentialsBetween(text: string, options: ScanOptions, from: number, to: number): readonly EncodedCredential[] {
  return new Scanner(text, options ?? {}, false).encodedCredentials(from, to);
}

/** Callers from plain JavaScript may pass anything; the engine never throws. */
function asText(text: unknown): string {
  if (typeof text === 'string') return text;
  try {
    return String(text ?? '');
  } catch {
    return '';
  }
}
