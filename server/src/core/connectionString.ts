// Connection strings: `;`-separated `Key=Value` pairs with case-insensitive keys. Split on `;`
// FIRST (a SharedAccessSignature value holds `&` and `=`), then each pair on its first `=`. A `;`
// that ends an HTML entity (`&amp;`) is not a separator.
import { endsWithIgnoreCase, isWhitespace, startsWithIgnoreCase } from './charClasses';

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

function isStop(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isWhitespace(c)) {
    // "SharedAccessSignature sr=…" inside a Service Bus connection string keeps its space.
    return !(c === 32 && endsWithIgnoreCase(text, i, 'sharedaccesssignature'));
  }
  switch (c) {
    case 34: // "
    case 39: // '
    case 96: // `
    case 60: // <
    case 62: // >
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 44: // ,
    case 124: // |
    case 92: // \
      return true;
    default:
      return c < 32 || c === 0x7f;
  }
}

function isEntitySemicolon(text: string, i: number): boolean {
  return (
    endsWithIgnoreCase(text, i, '&amp') ||
    endsWithIgnoreCase(text, i, '&#38') ||
    endsWithIgnoreCase(text, i, '&#x26') ||
    endsWithIgnoreCase(text, i, '&#61') ||
    endsWithIgnoreCase(text, i, '&#x3d')
  );
}

/** The connection string around `anchor`, never reaching below `lowerBound`. */
export function connectionStringAround(text: string, anchor: number, lowerBound: number): ConnectionString {
  const min = Math.max(0, lowerBound, anchor - CONNECTION_STRING_WINDOW);
  let start = anchor;
  while (start > min && !isStop(text, start - 1)) start--;
  const max = Math.min(text.length, anchor + CONNECTION_STRING_WINDOW);
  let end = anchor;
  while (end < max && !isStop(text, end)) end++;
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
  'defaultendpointsprotocol', 'accountname', 'accountkey', 'accountkeyname', 'endpointsuffix',
  'blobendpoint', 'queueendpoint', 'tableendpoint', 'fileendpoint', 'blobsecondaryendpoint',
  'queuesecondaryendpoint', 'tablesecondaryendpoint', 'filesecondaryendpoint', 'sharedaccesssignature',
  'usedevelopmentstorage', 'developmentstorageproxyuri', 'accountendpoint', 'endpoint',
  'sharedaccesskeyname', 'sharedaccesskey', 'entitypath', 'hostname', 'deviceid', 'moduleid', 'transporttype',
]);

export function parseConnectionString(text: string, start: number, end: number): ConnectionString {
  const pairs: ConnectionStringPair[] = [];
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && !(text.charCodeAt(j) === 59 && !isEntitySemicolon(text, j))) j++;
    if (j > i) {
      let eq = -1;
      for (let k = i; k < j; k++) {
        if (text.charCodeAt(k) === 61) {
          eq = k;
          break;
        }
      }
      // A bare URL segment has no key of its own ("https://acct.blob…/;SharedAccessSignature=…").
      const looksLikeKey = eq > i && /^[A-Za-z][A-Za-z0-9_ -]*$/.test(text.slice(i, eq).trim().replace(/^\/\//, ''));
      if (looksLikeKey) {
        const key = text.slice(i, eq).trim().replace(/^\/\//, '').toLowerCase();
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
