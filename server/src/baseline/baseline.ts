// The baseline: the secrets a team has accepted (today's findings), so a scan reports and fails on
// new ones only. A secret is accepted by its fingerprint, rule and file, never by line, so it still
// matches after the lines around it move (as detect-secrets does it). The file holds fingerprints
// (one-way hashes) and the four-character preview only: never a secret. Pure: text in and out;
// baselineFile.ts reads and writes it.
import { RULES } from '../core/findings/rules';
import type { Finding, RuleId } from '../core/findings/types';

export const BASELINE_FORMAT_VERSION = 1;

export interface BaselineEntry {
  /** The secret's fingerprint (SHA-256 of its decoded value). */
  readonly fingerprint: string;
  readonly rule: RuleId;
  /** The file, relative to the baseline's folder, forward slashes. */
  readonly path: string;
  /** The finding's redacted preview: at most four characters and an ellipsis. */
  readonly preview: string;
}

/** A finding with the path the baseline knows its file by (relative to the baseline's folder). */
export interface BaselineCandidate {
  readonly path: string;
  readonly finding: Finding;
}

/** A baseline file the tools refuse: one message naming the file and what is wrong. */
export class BaselineError extends Error {}

/** The baseline file's text for these findings: one entry a secret a file, sorted, so diffs stay small. */
export function formatBaseline(findings: readonly BaselineCandidate[]): string {
  const entries = new Map<string, BaselineEntry>();
  for (const { path, finding } of findings) {
    const entry: BaselineEntry = { fingerprint: finding.fingerprint, rule: finding.ruleId, path, preview: finding.redactedSecret };
    entries.set(entryKey(entry), entry);
  }
  const sorted = [...entries.values()].sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint));
  const document = {
    version: BASELINE_FORMAT_VERSION,
    description: 'Secrets accepted by `sas-guard scan --write-baseline`: fingerprints (SHA-256) and previews only, never a secret. See docs/baseline.md.',
    secrets: sorted,
  };
  return JSON.stringify(document, null, 2) + '\n';
}

/** Reads a baseline's text; `file` is the name its errors show. */
export function parseBaseline(text: string, file: string): AcceptedSecrets {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineError(`${file}: is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const document = raw as { version?: unknown; secrets?: unknown } | null;
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new BaselineError(`${file}: must hold a JSON object`);
  if (document.version !== BASELINE_FORMAT_VERSION) {
    throw new BaselineError(`${file}: "version" must be ${BASELINE_FORMAT_VERSION}, not ${JSON.stringify(document.version)}`);
  }
  if (!Array.isArray(document.secrets)) throw new BaselineError(`${file}: "secrets" must be an array`);
  const entries = document.secrets.map((item: unknown, index: number) => checkedEntry(item, `${file}: "secrets"[${index}]`));
  return new AcceptedSecrets(entries);
}

function checkedEntry(item: unknown, where: string): BaselineEntry {
  if (item === null || typeof item !== 'object') throw new BaselineError(`${where} must be an object`);
  const e = item as Record<string, unknown>;
  for (const field of ['fingerprint', 'rule', 'path'] as const) {
    if (typeof e[field] !== 'string' || e[field] === '') throw new BaselineError(`${where}: "${field}" must be a non-empty string`);
  }
  if (!/^[0-9a-f]{64}$/.test(e.fingerprint as string)) throw new BaselineError(`${where}: "fingerprint" must be 64 hex digits`);
  if (!Object.hasOwn(RULES, e.rule as string)) throw new BaselineError(`${where}: "rule" names no rule: ${JSON.stringify(e.rule)}`);
  return { fingerprint: e.fingerprint as string, rule: e.rule as RuleId, path: e.path as string, preview: typeof e.preview === 'string' ? e.preview : '' };
}

/** The accepted secrets of one baseline, looked up by fingerprint, rule and path. */
export class AcceptedSecrets {
  private readonly keys: ReadonlySet<string>;

  constructor(readonly entries: readonly BaselineEntry[]) {
    this.keys = new Set(entries.map(entryKey));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Whether the baseline accepts this finding in the file at `path` (relative to the baseline's folder). */
  accepts(path: string, finding: Finding): boolean {
    return this.keys.has(entryKey({ fingerprint: finding.fingerprint, rule: finding.ruleId, path }));
  }
}

function entryKey(entry: Pick<BaselineEntry, 'fingerprint' | 'rule' | 'path'>): string {
  return `${entry.fingerprint}\0${entry.rule}\0${entry.path}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
