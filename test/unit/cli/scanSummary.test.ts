// The one summary of a scan (report/scanSummary), as the CLI's reports and the language server's
// workspace scan both compute it: same counts, same skip examples, whatever the caller.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SKIPPED_EXAMPLES_PER_REASON, summarizeScan } from '../../../server/src/report/scanSummary';
import { fakeFinding } from './fakeFindings';

describe('summarizeScan', () => {
  it('counts files with findings, grades, distinct secrets and skips by reason', () => {
    const a = fakeFinding({ grade: 'critical', fingerprint: 'a'.repeat(32) });
    const b = fakeFinding({ grade: 'low', fingerprint: 'b'.repeat(32) });
    const skipped = Array.from({ length: SKIPPED_EXAMPLES_PER_REASON + 2 }, (_, i) => ({
      path: `big${i}.log`,
      reason: 'too-large' as const,
      detail: '2 MiB > limit 1 MiB',
    }));
    const summary = summarizeScan({
      filesScanned: 7,
      filesWithInvalidUtf8: 1,
      findings: [
        { path: 'one.ts', finding: a },
        { path: 'one.ts', finding: b },
        { path: 'two.ts', finding: a },
      ],
      suppressed: 2,
      skipped: [{ path: 'logo.png', reason: 'binary' }, ...skipped],
      durationMs: 12,
    });
    assert.deepEqual(summary, {
      filesScanned: 7,
      filesWithFindings: 2,
      findings: 3,
      findingsByGrade: { critical: 2, high: 0, medium: 0, low: 1, info: 0 },
      distinctSecrets: 2,
      suppressed: 2,
      skipped: SKIPPED_EXAMPLES_PER_REASON + 3,
      skippedByReason: { binary: 1, 'too-large': SKIPPED_EXAMPLES_PER_REASON + 2 },
      skippedExamples: [{ path: 'logo.png', reason: 'binary' }, ...skipped.slice(0, SKIPPED_EXAMPLES_PER_REASON)],
      filesWithInvalidUtf8: 1,
      durationMs: 12,
    });
  });
});
