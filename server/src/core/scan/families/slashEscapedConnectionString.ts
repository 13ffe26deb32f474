// A storage connection string whose slashes are JSON-escaped (parse/escapedSlashes.ts):
// `"…;AccountKey=abc\/def…==;EndpointSuffix=…"`. The string around an `AccountKey=` whose value is a
// key written so is read with each escaped slash taken as `/`, parsed like any connection string,
// and its key reported over the characters as written.
import type { Anchor } from '../anchors';
import { ACCOUNT_KEY_BASE64_RUN } from '../anchorLiterals';
import { EscapedKeyJudge, settingValueStart, unescapedStringAround } from '../../parse/escapedSlashes';
import { readAccountKeyAt } from '../../parse/keyAssignment';
import type { ScanState } from './family';
import { isPlausibleAccountKey } from './accountKey';
import { reportDecodedConnectionStringKeys } from './decodedConnectionString';

/** The account key of an `AccountKey=` value read with its slashes: 86 characters and "==". */
const judge = new EscapedKeyJudge(ACCOUNT_KEY_BASE64_RUN, 2, (decoded) => {
  const key = readAccountKeyAt(decoded, 0);
  return key !== undefined && isPlausibleAccountKey(key) ? key : undefined;
});

/**
 * Reads the connection string around the `AccountKey=` setting at `anchor` when its value is a key
 * written with escaped slashes, and reports every plausible key of the string from the anchor on;
 * false (nothing done) when the value is no such key, for the ordinary reading.
 */
export function handleSlashEscapedConnectionStringKey(scan: ScanState, anchor: Anchor): boolean {
  const text = scan.text;
  const judged = judge.at(text, settingValueStart(text, anchor.index + anchor.length));
  if (judged === undefined) return false;
  const keyEnd = judged.end;
  if (judged.key === undefined) {
    scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, keyEnd);
    return true;
  }
  const { decoded, sourceAt } = unescapedStringAround(text, anchor.index, keyEnd);
  reportDecodedConnectionStringKeys(scan, anchor, decoded, sourceAt, keyEnd);
  return true;
}
