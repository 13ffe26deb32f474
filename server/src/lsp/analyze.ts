// One place that runs the engine for the server: applies the settings (enable, exclude, size limit,
// minimum grade) and turns any engine failure into a logged outcome instead of a crash.
import { scanText, type ScanOptions, type ScanResult } from '../core';
import { gradeAtLeast } from '../core/findings/grades';
import type { Finding } from '../core/findings/types';
import { createExcludeMatcher } from './exclude';
import { asGitIgnored } from './gitIgnored';
import { applyProjectPolicy } from './projectPolicy';
import { maxFileSizeBytes, type Settings } from './settings';

export type AnalysisOutcome =
  | { readonly kind: 'checked'; readonly findings: readonly Finding[]; readonly suppressed: readonly Finding[]; readonly belowMinimum: readonly Finding[] }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'excluded' }
  | { readonly kind: 'too-large'; readonly sizeBytes: number; readonly limitKB: number }
  | { readonly kind: 'failed'; readonly error: string };

export interface AnalysisInput {
  readonly text: string;
  /** File system path when the document is a file (for exclude globs and the engine's context). */
  readonly filePath?: string | undefined;
  /** Name the engine sees when there is no path (the URI's last segment). */
  readonly fileName?: string | undefined;
  readonly languageId?: string | undefined;
  /** Workspace folder (path) holding the file, for relative exclude globs. */
  readonly folder?: string | undefined;
  readonly now: Date;
  readonly isCancelled?: (() => boolean) | undefined;
  /** Git ignores the file: every finding is graded info, saying why (before the minimum grade applies). */
  readonly gitIgnored?: boolean;
  /** The text's size in UTF-8 bytes, when the caller keeps it (open documents); else it is counted. */
  readonly byteLength?: () => number;
  /** Runs the engine (default `scanText`); open documents pass an incremental re-scan. */
  readonly scan?: (text: string, options: ScanOptions) => ScanResult;
}

export function analyze(input: AnalysisInput, settings: Settings): AnalysisOutcome {
  if (!settings.enable) return { kind: 'disabled' };
  if (input.filePath !== undefined && settings.exclude.length > 0) {
    if (createExcludeMatcher(settings.exclude, input.folder)(input.filePath)) return { kind: 'excluded' };
  }
  if (input.filePath !== undefined && settings.project?.excluded(input.filePath) === true) return { kind: 'excluded' };
  const limit = maxFileSizeBytes(settings);
  // UTF-8 never takes fewer bytes than UTF-16 code units, so only long texts need counting.
  if (input.text.length > limit || input.text.length * 3 > limit) {
    const sizeBytes = input.byteLength !== undefined ? input.byteLength() : Buffer.byteLength(input.text, 'utf8');
    if (sizeBytes > limit) return { kind: 'too-large', sizeBytes, limitKB: settings.maxFileSizeKB };
  }
  try {
    const result = (input.scan ?? scanText)(input.text, {
      now: input.now,
      fileName: input.filePath ?? input.fileName,
      languageId: input.languageId,
      isCancelled: input.isCancelled,
    });
    const findings: Finding[] = [];
    const belowMinimum: Finding[] = [];
    const graded = applyProjectPolicy(input.gitIgnored === true ? result.findings.map(asGitIgnored) : result.findings, input.filePath, settings.project);
    const suppressed = input.gitIgnored === true ? result.suppressed.map(asGitIgnored) : result.suppressed;
    for (const f of graded) (gradeAtLeast(f.grade, settings.minimumGrade) ? findings : belowMinimum).push(f);
    return { kind: 'checked', findings, suppressed, belowMinimum };
  } catch (error) {
    return { kind: 'failed', error: describeError(error) };
  }
}

/** An error for the log: name, message and the top of the stack, with anything secret-shaped redacted. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}` : String(error);
  return redactSecrets(text);
}

/** Long base64 / hex runs (signatures, keys) become their first four characters and an ellipsis. */
export function redactSecrets(text: string): string {
  return text.replace(/[A-Za-z0-9+/%_-]{20,}={0,2}/g, (run) => (/[0-9]/.test(run) && /[A-Za-z]/.test(run) ? `${run.slice(0, 4)}…` : run));
}
