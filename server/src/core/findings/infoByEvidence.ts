// A finding the text's own evidence shows to be no live secret (a comment calls it fake, it is
// written beside its own decoded bytes): it stays, at info, and its message and reasons say why.
import type { Finding } from './types';

/** `finding` at info: `reason` first among its reasons, `note` in its message before the grade. */
export function infoByEvidence(finding: Finding, reason: string, note: string): Finding {
  const suffix = ` \u2014 ${finding.grade}`;
  const head = finding.message.endsWith(suffix) ? finding.message.slice(0, -suffix.length) : finding.message;
  return { ...finding, grade: 'info', reasons: [reason, ...finding.reasons], message: `${head} (${note}) \u2014 info` };
}
