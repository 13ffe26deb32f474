// Connection strings: `;`-separated `Key=Value` pairs with case-insensitive keys. Split on `;`
// FIRST (a SharedAccessSignature value holds `&` and `=`), then each pair on its first `=`. A `;`
// that ends an HTML entity (`&amp;`) is not a separator.
import { analyzeHost, type HostInfo } from './hosts';
import { endsWithIgnoreCase, isWhitespace, startsWithIgnoreCase } from '../util/charClasses';

/** How far a connection string may reach on each side of its anchor. */
export const CONNECTION_STRING_WINDOW = 4096;

export interface ConnectionStringPair {
  /** Lower-cased key ('' for a bare segment such as a URL). */
  readonly key: string;
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly value: string;
}

export interface ConnectionString {
  readonly start: number;
  readonly end: number;
  readonly pairs: readonly ConnectionStringPair[];
  get(key: string): ConnectionStringPair | undefined;
}

/** Characters that end a connection string; a local table because this runs per character. */
const STOP = new Uint8Array(128);
for (let c = 0; c < 32; c++) STOP[c] = 1;
STOP[0x7f] = 1;
for (const ch of '"\'`<>()[]{},|\\') STOP[ch.charCodeAt(0)] = 1;

/** Whether the character at `i` ends a connection string (a quote, a bracket, a line break, …). */
export function isStop(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32) {
    // "SharedAccessSignature sr=…" inside a Service Bus connection string keeps its space.
    return !endsWithIgnoreCase(text, i, 'sharedaccesssignature');
  }
  if (c < 128) return STOP[c] === 1;
  return c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029;
}

/**
 * A run of characters that end nothing: neither a stop character nor a space (a space is a stop
 * unless it follows "SharedAccessSignature", which the loop checks). Stepped over by the regular
 * expression engine rather than character by character: one character class, no backtracking.
 */
// eslint-disable-next-line no-control-regex -- control characters end a connection string: the class must name them
const NON_STOP_RUN = /[^\x00-\x20\x7f"'`<>()[\]{},|\\\xa0\ufeff\u2028\u2029]*/y;

/** The first stop at or after `from` and below `max` (`max` when there is none). */
function stopAtOrAfter(text: string, from: number, max: number): number {
  let end = from;
  while (end < max) {
    NON_STOP_RUN.lastIndex = 0;
    NON_STOP_RUN.test(text.slice(end, max));
    end += NON_STOP_RUN.lastIndex;
    if (end >= max || isStop(text, end)) break;
    end++; // a space that continues "SharedAccessSignature "
  }
  return end;
}

/** A `;` that ends `&amp;`, `&#38;`, `&#x26;`, `&#61;` or `&#x3d;` (an escaped `&` or `=`), not a separator. */
function isEntitySemicolon(text: string, i: number): boolean {
  for (const length of [4, 5]) {
    if (text.charCodeAt(i - length) !== 38) continue;
    const entity = text.slice(i - length, i + 1).toLowerCase();
    if (entity === '&amp;' || entity === '&#38;' || entity === '&#x26;' || entity === '&#61;' || entity === '&#x3d;') return true;
  }
  return false;
}

/** The connection string around `anchor`, never reaching below `lowerBound`. */
export function connectionStringAround(text: string, anchor: number, lowerBound: number): ConnectionString {
  const min = Math.max(0, lowerBound, anchor - CONNECTION_STRING_WINDOW);
  let start = anchor;
  while (start > min && !isStop(text, start - 1)) start--;
  const max = Math.min(text.length, anchor + CONNECTION_STRING_WINDOW);
  let end = stopAtOrAfter(text, anchor, max);
  // An HTML entity quote (&quot;) ends the string too.
  const quot = text.slice(start, end).search(/&quot;|&#34;|&#39;|&apos;/i);
  if (quot >= 0 && start + quot > anchor) end = start + quot;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  const parsed = parseConnectionString(text, start, end);
  // `AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=…`: the setting's name is not part of
  // the connection string.
  const first = parsed.pairs[0];
  if (first && !CONNECTION_STRING_KEYS.has(first.key) && first.valueStart < anchor) {
    const eq = first.value.indexOf('=');
    if (eq > 0 && CONNECTION_STRING_KEYS.has(first.value.slice(0, eq).trim().toLowerCase())) {
      return parseConnectionString(text, first.valueStart, end);
    }
  }
  return parsed;
}

/** Settings that can appear in storage, Cosmos DB, Service Bus, Event Hubs and IoT Hub connection strings. */
export const CONNECTION_STRING_KEYS: ReadonlySet<string> = new Set([
  'defaultendpointsprotocol',
  'accountname',
  'accountkey',
  'accountkeyname',
  'endpointsuffix',
  'blobendpoint',
  'queueendpoint',
  'tableendpoint',
  'fileendpoint',
  'blobsecondaryendpoint',
  'queuesecondaryendpoint',
  'tablesecondaryendpoint',
  'filesecondaryendpoint',
  'sharedaccesssignature',
  'usedevelopmentstorage',
  'developmentstorageproxyuri',
  'accountendpoint',
  'endpoint',
  'sharedaccesskeyname',
  'sharedaccesskey',
  'entitypath',
  'hostname',
  'deviceid',
  'moduleid',
  'transporttype',
]);

const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_ -]*$/;

export function parseConnectionString(text: string, start: number, end: number): ConnectionString {
  const pairs: ConnectionStringPair[] = [];
  // Separators are found with the native indexOf on the string's own span (a slice: no copy, and
  // no search past `end`).
  const span = text.slice(start, end);
  let i = start;
  while (i < end) {
    let j = i;
    for (;;) {
      const semicolon = span.indexOf(';', j - start);
      if (semicolon < 0) {
        j = end;
        break;
      }
      j = start + semicolon;
      if (!isEntitySemicolon(text, j)) break;
      j++;
    }
    if (j > i) {
      let eq = -1;
      for (let k = i; k < j; k++) {
        if (text.charCodeAt(k) === 61) {
          eq = k;
          break;
        }
      }
      // A bare URL segment has no key of its own ("https://acct.blob…/;SharedAccessSignature=…").
      const name = eq > i && eq - i <= 64 ? text.slice(i, eq).trim().replace(/^\/\//, '') : '';
      if (name && SETTING_NAME.test(name)) {
        const key = name.toLowerCase();
        pairs.push({ key, keyStart: i, valueStart: eq + 1, valueEnd: j, value: text.slice(eq + 1, j) });
      } else {
        pairs.push({ key: '', keyStart: i, valueStart: i, valueEnd: j, value: text.slice(i, j) });
      }
    }
    i = j + 1;
  }
  const byKey = new Map<string, ConnectionStringPair>();
  for (const pair of pairs) if (pair.key && !byKey.has(pair.key)) byKey.set(pair.key, pair);
  return { start, end, pairs, get: (key: string) => byKey.get(key) };
}

/** Endpoint settings of a storage connection string, most specific first. */
export const STORAGE_ENDPOINT_KEYS = ['blobendpoint', 'fileendpoint', 'queueendpoint', 'tableendpoint', 'blobsecondaryendpoint'];

/** True when `text` just before `index` is `SharedAccessSignature=` (optionally followed by `?`). */
export function isAfterSharedAccessSignatureSetting(text: string, index: number): boolean {
  let i = index;
  if (text.charCodeAt(i - 1) === 63) i--;
  return endsWithIgnoreCase(text, i, 'sharedaccesssignature=');
}

/** True when `text` just before `index` is the Service Bus token prefix `SharedAccessSignature `. */
export function serviceBusPrefixStart(text: string, index: number): number | undefined {
  let i = index;
  let spaces = 0;
  while (i > 0 && text.charCodeAt(i - 1) === 32 && spaces < 4) {
    i--;
    spaces++;
  }
  if (spaces === 0) return undefined;
  const start = i - 'sharedaccesssignature'.length;
  return startsWithIgnoreCase(text, start, 'sharedaccesssignature') ? start : undefined;
}

/**
 * `AccountKey=value` / `SharedAccessKey=value` written as a connection-string setting (not
 * `= "…"`): the name at [index, index + length) is followed by `=` and a value right after it.
 */
export function isConnectionStringSetting(text: string, index: number, length: number): boolean {
  let i = index + length;
  while (i < text.length && i - index < 40 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) !== 61) return false;
  const next = text.charCodeAt(i + 1);
  return i + 1 < text.length && !isWhitespace(next) && next !== 34 && next !== 39 && next !== 61;
}

export interface ConnectionStorageInfo {
  readonly account?: string;
  readonly endpoint?: string;
  readonly host?: HostInfo;
}

/** Account and host named by a storage connection string (AccountName or an endpoint URL). */
export function connectionStringStorageInfo(cs: ConnectionString): ConnectionStorageInfo {
  let endpoint: string | undefined;
  for (const key of STORAGE_ENDPOINT_KEYS) {
    const pair = cs.get(key);
    if (pair && pair.value.trim()) {
      endpoint = pair.value.trim();
      break;
    }
  }
  if (!endpoint) {
    for (const p of cs.pairs) {
      if (p.key === '' && /^[a-z]+:\/\//i.test(p.value.trim())) {
        endpoint = p.value.trim();
        break;
      }
    }
  }
  let host: HostInfo | undefined;
  if (endpoint) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(endpoint);
    if (m) host = analyzeHost(m[1]!, safeDecode(m[2] ?? ''));
  }
  const accountName = cs.get('accountname')?.value.trim();
  const account = accountName || host?.account;
  return {
    ...(account ? { account } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(host ? { host } : {}),
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
