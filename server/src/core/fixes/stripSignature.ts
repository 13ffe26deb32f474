// "Strip the signature": the token stays where it is but can no longer authenticate anything.
import type { Finding, FixEdit } from '../findings/types';
import { separatorAt, separatorEndingAt } from './sasParameters';

const SIG_KEYS = ['sig=', 'sig%3d', 'sig\\u003d'];

/**
 * For a SAS (storage, Service Bus or IoT token): removes the `sig` parameter and one separator next to it,
 * in the token's own encoding. For a key (AccountKey=, SharedAccessKey=, an IoT device or policy key, a key assignment): empties
 * the key value. An empty value is valid in every syntax (quoted, unquoted, shell, YAML, .env), can
 * never be mistaken for a real key, and makes the SDK fail at once with a clear "empty key" error,
 * where a made-up placeholder could break unquoted shell (`<removed>` is a redirection) or be
 * flagged again. Every character outside the removed span stays as it was.
 */
export function stripSignatureFix(text: string, finding: Finding): FixEdit[] {
  // Inside a base64 value any edit of the text corrupts the value around the token: no strip.
  if (finding.encoding === 'base64') return [];
  const { start: secretStart, end: secretEnd } = finding.secretRange;
  if (secretEnd <= secretStart || secretEnd > text.length) return [];
  if (finding.details.type === 'key' || finding.details.type === 'iot-key') {
    return [{ start: secretStart, end: secretEnd, newText: '' }];
  }
  const keyLen = sigKeyLengthBefore(text, secretStart);
  if (keyLen === 0) {
    // Not written as `sig=…` (an unexpected shape): emptying the signature still disarms the token.
    return [{ start: secretStart, end: secretEnd, newText: '' }];
  }
  const keyStart = secretStart - keyLen;
  const before = separatorEndingAt(text, keyStart, finding.encoding);
  if (before > 0 && keyStart - before >= finding.range.start) {
    return [{ start: keyStart - before, end: secretEnd, newText: '' }];
  }
  const after = separatorAt(text, secretEnd, finding.encoding);
  const end = after > 0 && secretEnd + after <= finding.range.end ? secretEnd + after : secretEnd;
  return [{ start: keyStart, end, newText: '' }];
}

function sigKeyLengthBefore(text: string, pos: number): number {
  for (const k of SIG_KEYS) {
    if (pos >= k.length && text.slice(pos - k.length, pos).toLowerCase() === k) return k.length;
  }
  return 0;
}
