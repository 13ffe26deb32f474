// Reading SAS queries out of a decoded token extent: split it into queries at `?`, peel a
// `SharedAccessSignature=` / `NAME=` prefix off a bare query, split pairs on `&` and the first `=`,
// lower-case keys, percent-decode values. If no `sig=` shows up, the whole extent may be a
// percent-encoded query nested in another URL: decode it (at most three rounds) and look again.
import { percentDecodeMapped, percentDecodeValue } from './decode';
import type { MappedString } from './mappedString';

/** Every query parameter a storage or Service Bus SAS can carry (docs/detection.md, "What is detected"). */
export const SAS_PARAMETER_NAMES: ReadonlySet<string> = new Set([
  'sv',
  'ss',
  'srt',
  'sp',
  'st',
  'se',
  'sr',
  'si',
  'sig',
  'spr',
  'sip',
  'ses',
  'sdd',
  'tn',
  'skoid',
  'sktid',
  'skt',
  'ske',
  'sks',
  'skv',
  'saoid',
  'suoid',
  'scid',
  'sduoid',
  'skdutid',
  'srh',
  'srq',
  'spk',
  'srk',
  'epk',
  'erk',
  'rscc',
  'rscd',
  'rsce',
  'rscl',
  'rsct',
  'skn',
]);

export interface SasPair {
  /** Lower-cased key. */
  readonly key: string;
  /** Value as written (after container decoding). */
  readonly rawValue: string;
  /** Percent-decoded value; undefined when the encoding is invalid. */
  readonly value: string | undefined;
  /** Indexes into the mapped string. */
  readonly keyStart: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface SasQuery {
  readonly mapped: MappedString;
  /** Index in `mapped` of the first pair. */
  readonly queryStart: number;
  /** Index in `mapped` just past the last pair. */
  readonly queryEnd: number;
  /** Index of the `?` that opens the query, when there is one. */
  readonly questionMark?: number;
  /** Index where a `NAME=` prefix started (e.g. `SharedAccessSignature=`), when one was peeled off. */
  readonly prefixStart?: number;
  readonly prefixName?: string;
  /** First occurrence of each key. */
  readonly params: ReadonlyMap<string, SasPair>;
  /** How many percent-decoding rounds the whole extent needed (0 for an ordinary query). */
  readonly percentRounds: number;
}

const MAX_PERCENT_ROUNDS = 3;

/** A query with more pairs than this is not a URL anyone wrote; the rest of the segment is ignored. */
const MAX_PAIRS = 128;

/** Longer "keys" are not parameters (SAS keys are at most 7 characters; api-version is 11). */
const MAX_KEY_LENGTH = 32;

/** Finds the queries with a `sig` parameter in a decoded token extent. */
export function findSasQueries(mapped: MappedString): SasQuery[] {
  let current = mapped;
  for (let round = 0; ; round++) {
    const queries = queriesWithSignature(current, round);
    if (queries.length > 0) return queries;
    if (round >= MAX_PERCENT_ROUNDS || !/sig%3d|sig%253d|sig%25253d/i.test(current.value)) return [];
    current = percentDecodeMapped(current);
  }
}

function queriesWithSignature(mapped: MappedString, rounds: number): SasQuery[] {
  const s = mapped.value;
  const out: SasQuery[] = [];
  let segmentStart = 0;
  let questionMark: number | undefined;
  const equals = new CharCursor(s, '=');
  const ampersands = new CharCursor(s, '&');
  while (segmentStart <= s.length) {
    let segmentEnd = s.indexOf('?', segmentStart);
    if (segmentEnd < 0) segmentEnd = s.length;
    const query = parseSegment(mapped, segmentStart, segmentEnd, questionMark, rounds, equals, ampersands);
    if (query) out.push(query);
    if (segmentEnd >= s.length) break;
    questionMark = segmentEnd;
    segmentStart = segmentEnd + 1;
  }
  return out;
}

function parseSegment(
  mapped: MappedString,
  start: number,
  end: number,
  questionMark: number | undefined,
  rounds: number,
  equals: CharCursor,
  ampersands: CharCursor,
): SasQuery | undefined {
  const s = mapped.value;
  // Cheap rejection: no "sig=" in this segment at all.
  if (!hasSigEquals(s, start, end)) return undefined;

  let queryStart = start;
  let prefixStart: number | undefined;
  let prefixName: string | undefined;
  if (questionMark === undefined) {
    // `SharedAccessSignature=sv=…`, `AZURE_STORAGE_SAS_TOKEN=sv=…`, `--sas-token=sv=…`: the query
    // starts after the first `=` when what follows it is itself a SAS parameter.
    const firstEq = equals.within(start, end);
    if (firstEq > start) {
      const name = s.slice(start, firstEq);
      if (!SAS_PARAMETER_NAMES.has(name.toLowerCase())) {
        const amp = ampersands.within(firstEq + 1, end);
        const secondEq = equals.within(firstEq + 1, amp < 0 ? end : amp);
        if (secondEq > 0) {
          const inner = s.slice(firstEq + 1, secondEq).toLowerCase();
          if (SAS_PARAMETER_NAMES.has(inner)) {
            prefixStart = start;
            prefixName = name;
            queryStart = firstEq + 1;
          }
        }
      }
    }
  }

  // A folded or concatenated query may start with its separator: "&sp=rl&sig=…".
  while (queryStart < end && s.charCodeAt(queryStart) === 38) queryStart++;
  const params = new Map<string, SasPair>();
  let i = queryStart;
  let queryEnd = queryStart;
  let pairCount = 0;
  // The keys kept most recently, as written: a pair repeating one of them (adversarial lines
  // repeat the same few pairs thousands of times) is recognised without slicing its key.
  const recent: string[] = [];
  let recentNext = 0;
  while (i < end && pairCount++ < MAX_PAIRS) {
    let pairEnd = ampersands.within(i, end);
    if (pairEnd < 0) pairEnd = end;
    if (pairEnd > i) {
      const eq = equals.within(i, pairEnd);
      const hasValue = eq >= 0;
      const keyEnd = hasValue ? eq : pairEnd;
      // Only the first occurrence of each short key is kept; values of repeated or overlong keys
      // are never sliced or decoded. A key written as one of the last few kept ("sig=…&sig=…&…",
      // "sv=…&sp=…&sig=…&sv=…"): already in the map, nothing to slice.
      const keyLength = keyEnd - i;
      if (keyLength <= MAX_KEY_LENGTH && !isRecentKey(recent, s, i, keyLength)) {
        const written = s.slice(i, keyEnd);
        recent[recentNext] = written;
        recentNext = (recentNext + 1) % RECENT_KEYS;
        const key = written.toLowerCase();
        if (!params.has(key)) {
          const valueStart = hasValue ? eq + 1 : pairEnd;
          const rawValue = s.slice(valueStart, pairEnd);
          params.set(key, { key, rawValue, value: percentDecodeValue(rawValue), keyStart: i, valueStart, valueEnd: pairEnd });
        }
      }
      queryEnd = pairEnd;
    }
    i = pairEnd + 1;
  }
  if (!params.has('sig')) return undefined;
  return {
    mapped,
    queryStart,
    queryEnd,
    params,
    percentRounds: rounds,
    ...(questionMark !== undefined ? { questionMark } : {}),
    ...(prefixStart !== undefined ? { prefixStart, prefixName: prefixName! } : {}),
  };
}

/** A parameter's decoded value (or its raw value when the encoding is invalid). */
export function paramValue(query: SasQuery, key: string): string | undefined {
  const pair = query.params.get(key);
  return pair ? (pair.value ?? pair.rawValue) : undefined;
}

/** The URL in front of a query's `?`: scheme start and authority/path, as indexes into `mapped`. */
export interface UrlPart {
  readonly urlStart: number;
  readonly authority: string;
  readonly path: string;
}

export function urlBeforeQuery(mapped: MappedString, questionMark: number): UrlPart | undefined {
  const s = mapped.value;
  // Look back for "://" but not past another query's separators.
  let j = questionMark - 1;
  let schemeSep = -1;
  for (; j >= 2; j--) {
    const c = s.charCodeAt(j);
    if (c === 63 /* ? */ || c === 38 /* & */) break;
    if (c === 47 && s.charCodeAt(j - 1) === 47 && s.charCodeAt(j - 2) === 58) {
      schemeSep = j - 2;
      break;
    }
  }
  let authorityStart: number;
  let urlStart: number;
  if (schemeSep >= 0) {
    let k = schemeSep;
    while (k > 0 && k > schemeSep - 16 && /[A-Za-z0-9+.-]/.test(s.charAt(k - 1))) k--;
    urlStart = k;
    authorityStart = schemeSep + 3;
  } else {
    // A host without a scheme: "acct.blob.core.windows.net/c?sv=…".
    let k = questionMark;
    while (k > 0 && !'?&= '.includes(s.charAt(k - 1))) k--;
    const candidate = s.slice(k, questionMark);
    const slash = candidate.indexOf('/');
    const authority = slash >= 0 ? candidate.slice(0, slash) : candidate;
    if (!/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?$/.test(authority)) return undefined;
    urlStart = k;
    authorityStart = k;
  }
  let authorityEnd = authorityStart;
  while (authorityEnd < questionMark && s.charCodeAt(authorityEnd) !== 47) authorityEnd++;
  const authority = s.slice(authorityStart, authorityEnd);
  if (authority.length === 0) return undefined;
  const rawPath = s.slice(authorityEnd, questionMark);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    path = rawPath;
  }
  return { urlStart, authority, path };
}

/** `sig=` (ASCII letters in any case) within [start, end), without a lower-cased copy of the segment. */
function hasSigEquals(s: string, start: number, end: number): boolean {
  for (let i = start + 3; i < end; i++) {
    if (s.charCodeAt(i) !== 61) continue;
    if ((s.charCodeAt(i - 3) | 0x20) === 115 && (s.charCodeAt(i - 2) | 0x20) === 105 && (s.charCodeAt(i - 1) | 0x20) === 103) return true;
  }
  return false;
}

/** How many recently kept keys a pair's key is compared with before it is sliced. */
const RECENT_KEYS = 8;

/** `s` at `index` spells one of `recent` exactly (each of them is already a key of the map). */
function isRecentKey(recent: readonly string[], s: string, index: number, length: number): boolean {
  for (let k = 0; k < recent.length; k++) {
    const key = recent[k]!;
    if (key.length === length && s.startsWith(key, index)) return true;
  }
  return false;
}

/**
 * Bounded searches for one character in one string, linear over a whole extent: the native
 * `indexOf` (much faster than a `charCodeAt` loop over a sliced string) whose answer is remembered,
 * so a search that stops at a segment's or pair's end is not repeated past it by the next one.
 * Searches move forward; one that starts before the remembered start (a segment re-read from its
 * beginning after its prefix was looked at) reads only the characters up to that start.
 */
class CharCursor {
  /** Where the remembered search started (-1: none yet). */
  private from = -1;
  /** Its answer: the first occurrence at or after `from`, or -1. */
  private at = -1;
  private readonly code: number;

  constructor(
    private readonly s: string,
    private readonly ch: string,
  ) {
    this.code = ch.charCodeAt(0);
  }

  /** The first occurrence in [from, end), or -1. */
  within(from: number, end: number): number {
    let at: number;
    if (this.from >= 0 && from >= this.from && (this.at < 0 || from <= this.at)) {
      at = this.at;
    } else if (this.from >= 0 && from < this.from) {
      const stop = Math.min(this.from, end);
      for (let i = from; i < stop; i++) if (this.s.charCodeAt(i) === this.code) return i;
      at = this.at;
    } else {
      at = this.s.indexOf(this.ch, from);
      this.from = from;
      this.at = at;
    }
    return at >= 0 && at < end ? at : -1;
  }
}
