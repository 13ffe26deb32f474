// A connection string written as several string literals that the language joins, the key in a
// literal of its own: `"HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;"` and
// `"SharedAccessKey=…"` on the next line (Python's adjacent literals, `+` in C#, …). The key's literal
// alone reads as a key standing by itself; the literals joined before it (parse/splitLiterals.ts,
// with the language's own joining) say whose key it is: an IoT hub's, a Service Bus namespace's,
// under which rule.
import { parseConnectionString, type ConnectionString } from '../../parse/connectionString';
import { JOIN_REACH, literalContentsBefore } from '../../parse/splitLiterals';
import type { ScanState } from './family';

/**
 * The connection string the literals joined before the one that starts at `keyStart` (right after
 * its opening quote, with `SharedAccessKey=`) spell together with it up to `keyEnd`; undefined when
 * no literal joins it from before (or the language joins none).
 */
export function joinedConnectionStringBefore(scan: ScanState, keyStart: number, keyEnd: number): ConnectionString | undefined {
  const syntax = scan.literalSyntax;
  if (syntax === undefined) return undefined;
  const text = scan.text;
  // A literal with a key of its own belongs to the connection string before this one: the walk
  // ends there, so each literal is walked for one key at most and a line of keys stays linear.
  const pieces = literalContentsBefore(text, keyStart - 1, syntax, Math.max(0, keyStart - JOIN_REACH), holdsKey);
  if (pieces.length === 0) return undefined;
  const joined = pieces.map((piece) => text.slice(piece.start, piece.end)).join('') + text.slice(keyStart, keyEnd);
  const cs = parseConnectionString(joined, 0, joined.length);
  return cs.get('sharedaccesskey') !== undefined && cs.pairs.length > 1 ? cs : undefined;
}

/** A literal that sets a key (`SharedAccessKey=`, `AccountKey=`): another connection string's end. */
function holdsKey(content: string): boolean {
  const lower = content.toLowerCase();
  return lower.includes('sharedaccesskey=') || lower.includes('accountkey=');
}
