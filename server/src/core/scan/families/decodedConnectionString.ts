// A storage connection string read from a decoded copy of the text (percent-encoded, slashes
// JSON-escaped): parsed like any connection string, its keys reported over the characters as
// written through the copy's source map.
import type { Anchor } from '../anchors';
import { parseConnectionString } from '../../parse/connectionString';
import { readAccountKeyAt } from '../../parse/keyAssignment';
import type { ScanState } from './family';
import { connectionStringKeyFinding, isPlausibleAccountKey } from './accountKey';

/**
 * Reports every plausible key setting of the connection string `decoded` from `anchor` on (the
 * string read back may hold earlier ones, which their own anchors answered): their anchors are
 * answered here, so a key is decoded once. `sourceAt[i]` is where decoded position `i` came from
 * (and `sourceAt[decoded.length]` the end); `keyEnd` is where the anchor's own key ends as written.
 */
export function reportDecodedConnectionStringKeys(scan: ScanState, anchor: Anchor, decoded: string, sourceAt: readonly number[], keyEnd: number): void {
  const cs = parseConnectionString(decoded, 0, decoded.length);
  let examinedEnd = keyEnd;
  for (const pair of cs.pairs) {
    if (pair.key !== 'accountkey' || sourceAt[pair.keyStart]! < anchor.index) continue;
    const key = readAccountKeyAt(decoded, pair.valueStart);
    if (!key || !isPlausibleAccountKey(key)) continue;
    const secretRange = { start: sourceAt[pair.valueStart]!, end: sourceAt[pair.valueStart + key.length]! };
    examinedEnd = Math.max(examinedEnd, secretRange.end);
    scan.add(connectionStringKeyFinding(cs, decoded.slice(cs.start, cs.end), key, { start: sourceAt[cs.start]!, end: sourceAt[cs.end]! }, secretRange));
  }
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, examinedEnd);
}
