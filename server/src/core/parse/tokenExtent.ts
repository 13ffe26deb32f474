// Finds how far a URL / SAS query reaches around an anchor in the raw text, honouring the escapes
// of its container. The scan is bounded (TOKEN_WINDOW each way) and never goes below `lowerBound`,
// so consecutive anchors never re-read the same text: the whole scan stays linear.
// Hot loop: plain character-code tests; the escape decoder is only consulted at `&`, `\` and `^`.
import { escapeAt, escapeEndingAt } from './decode';

/** How far a token may reach on each side of its anchor. */
export const TOKEN_WINDOW = 4096;

/** Plain characters that can be part of a URL or a SAS query: A-Z a-z 0-9 % & = + / : . _ ~ - ! * $ @ ? { } */
const TOKEN_CHAR = new Uint8Array(128);
for (let c = 48; c <= 57; c++) TOKEN_CHAR[c] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CHAR[c] = 1;
for (let c = 97; c <= 122; c++) TOKEN_CHAR[c] = 1;
for (const ch of '%&=+/:._~-!*$@?{}') TOKEN_CHAR[ch.charCodeAt(0)] = 1;

/**
 * A run of token characters that start no escape: the plain ones, and `&` when no `;` follows it
 * where an entity's would (exactly what `mayBeEntity` rejects). Stepped over by the regular
 * expression engine (a few times faster than a `charCodeAt` loop on adversarial windows); it stops
 * at anything the loop must look at: a possible entity, `\`, `^`, `,`, any other character. The
 * alternatives start with different characters and nothing follows the loop: no backtracking.
 */
const TOKEN_RUN = /(?:[A-Za-z0-9%=+/:._~!*$@?{}-]+|&(?![^]{2,4};))*/y;

/** Characters an entity lookahead may read past the end of a run (`&` and 2–4 more, then `;`). */
const RUN_LOOKAHEAD = 5;

/**
 * The same run where no `;` is within reach: then no `&` can start an entity, and one character
 * class (no lookahead per `&`) does.
 */
const TOKEN_RUN_NO_ENTITY = /[A-Za-z0-9%&=+/:._~!*$@?{}-]*/y;

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHAR[c] === 1;
}

/** Entities that are quotes or brackets in HTML: they end a token. */
const ENDING_ENTITIES = ['&quot;', '&#34;', '&#39;', '&apos;', '&lt;', '&gt;', '&#x22;', '&#x27;'];

function endingEntityAt(text: string, index: number): boolean {
  for (const entity of ENDING_ENTITIES) {
    if (text.startsWith(entity, index)) return true;
  }
  return false;
}

/** Entities are 4 to 6 characters ending in `;`: a plain `&` separator is recognised without lookups. */
function mayBeEntity(text: string, index: number): boolean {
  return text.charCodeAt(index + 3) === 59 || text.charCodeAt(index + 4) === 59 || text.charCodeAt(index + 5) === 59;
}

/**
 * A comma belongs to a token only inside `spr=https,http` (or `http,https`): anywhere else it
 * separates tokens ("…sig=…%3D,https://…" in CSV, JSON-less lists).
 */
function isInnerComma(text: string, index: number): boolean {
  if (text.charCodeAt(index) !== 44) return false;
  const before = text.charCodeAt(index - 1) | 0x20;
  if (before !== 0x70 /* p */ && before !== 0x73 /* s */) return false;
  return (
    (text.charCodeAt(index + 1) | 0x20) === 0x68 &&
    (text.charCodeAt(index + 2) | 0x20) === 0x74 &&
    (text.charCodeAt(index + 3) | 0x20) === 0x74 &&
    (text.charCodeAt(index + 4) | 0x20) === 0x70
  );
}

export function scanTokenEnd(text: string, from: number, limit = from + TOKEN_WINDOW): number {
  const max = Math.min(text.length, limit);
  // The window (and the characters an entity lookahead reads past it) holds no `;` at all: every
  // run can take `&` without looking ahead. Looked up once per call, within the window only.
  const reach = Math.min(text.length, max + RUN_LOOKAHEAD);
  const run = from < reach && text.slice(from, reach).indexOf(';') < 0 ? TOKEN_RUN_NO_ENTITY : TOKEN_RUN;
  let i = from;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c < 128 && TOKEN_CHAR[c] === 1 && (c !== 38 || !mayBeEntity(text, i))) {
      // The slice reaches a few characters past `max` so that the lookahead sees what
      // `mayBeEntity` sees; the run is cut back to `max`.
      run.lastIndex = 0;
      run.test(text.slice(i, reach));
      i = Math.min(max, i + run.lastIndex);
      continue;
    }
    if ((c === 38 /* & */ && mayBeEntity(text, i)) || c === 92 /* \ */ || c === 94 /* ^ */) {
      if (c === 38 && endingEntityAt(text, i)) break;
      const escape = escapeAt(text, i);
      if (escape) {
        if (i + escape.length > max) break;
        i += escape.length;
        continue;
      }
    }
    if (isTokenChar(c) || (c === 44 && isInnerComma(text, i))) {
      i++;
      continue;
    }
    break;
  }
  return i;
}

export function scanTokenStart(text: string, from: number, lowerBound: number): number {
  const min = Math.max(0, lowerBound, from - TOKEN_WINDOW);
  let i = from;
  while (i > min) {
    const c = text.charCodeAt(i - 1);
    // Escapes end in `;` (entities), the escaped character (`\/`, `^&`, `\\/`) or a hex digit
    // (`\u0026`, `\\u0026`).
    if (
      c === 59 ||
      text.charCodeAt(i - 2) === 92 ||
      text.charCodeAt(i - 2) === 94 ||
      text.charCodeAt(i - 6) === 92 ||
      text.charCodeAt(i - 3) === 92 ||
      text.charCodeAt(i - 7) === 92
    ) {
      const escape = escapeEndingAt(text, i);
      if (escape && i - escape.length >= min) {
        i -= escape.length;
        continue;
      }
    }
    if (c === 59 /* ; */) break; // a `;` that does not end an entity separates connection-string pairs
    if (isTokenChar(c) || (c === 44 && isInnerComma(text, i - 1))) {
      i--;
      continue;
    }
    break;
  }
  return i;
}
