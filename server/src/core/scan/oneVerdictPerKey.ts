// One key, one verdict in one file (issue 9, W2): the same storage account key written twice, once in
// a connection string for a documentation sample account (or the emulator) and once in an assert or
// a variable, used to get info at one place and critical at the other. The occurrence whose context
// shows the key is a sample (or the emulator's) decides for every occurrence of the same secret: a
// user reading either line should get the same answer. Runs on the finished list, so a full scan
// and a re-scan after an edit agree.
import { isDocumentationAccount } from '../assess/placeholders';
import type { Finding } from '../findings/types';

/** Whether this occurrence's context says the key is not a live secret (sample account, emulator). */
function isSampleVerdict(finding: Finding): boolean {
  const d = finding.details;
  return finding.ruleId === 'storage-account-key' && finding.grade === 'info' && d.type === 'key' && (d.emulator || isDocumentationAccount(d.account));
}

/** The findings with every storage key given the sample verdict of another occurrence of it. */
export function oneVerdictPerKey(findings: readonly Finding[]): readonly Finding[] {
  let samples: Map<string, Finding> | undefined;
  for (const f of findings) {
    if (isSampleVerdict(f) && !samples?.has(f.fingerprint)) (samples ??= new Map()).set(f.fingerprint, f);
  }
  if (!samples) return findings;
  return findings.map((f) => {
    const sample = f.ruleId === 'storage-account-key' ? samples!.get(f.fingerprint) : undefined;
    if (!sample || sample === f || isSampleVerdict(f) || f.details.type !== 'key' || sample.details.type !== 'key') return f;
    const where = sample.details.account !== undefined ? `the sample account ${sample.details.account}` : 'the storage emulator';
    return {
      ...f,
      grade: sample.grade,
      reasons: [...sample.reasons, `the same key is used with ${where} elsewhere in this file`],
      message: sample.message,
      details: {
        ...f.details,
        ...(sample.details.account !== undefined ? { account: sample.details.account } : {}),
        emulator: sample.details.emulator,
      },
    };
  });
}
