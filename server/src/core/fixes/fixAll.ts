// "Strip every signature in the file": one edit list for all findings, sorted and non-overlapping.
import type { Finding, FixEdit } from '../findings/types';
import { sortEdits } from './edits';
import { stripSignatureFix } from './stripSignature';

/** Strip edits for every finding. Duplicate findings (one token seen twice) give one edit; an edit that would overlap an earlier one is dropped. */
export function fixAllStripSignatures(text: string, findings: readonly Finding[]): FixEdit[] {
  const all = sortEdits(findings.flatMap((f) => stripSignatureFix(text, f)));
  const out: FixEdit[] = [];
  for (const e of all) {
    const prev = out[out.length - 1];
    if (prev && e.start < prev.end) continue;
    if (prev && prev.start === e.start && prev.end === e.end) continue;
    out.push(e);
  }
  return out;
}
