// Finds how far a URL / SAS query reaches around an anchor in the raw text, honouring the escapes
// of its container. The scan is bounded (WINDOW each way) and never goes below `lowerBound`, so
// consecutive anchors never re-read the same text: the whole scan stays linear.
import { isAlnum } from './charClasses';
import { escapeAt, escapeEndingAt } from './decode';

/** How far a token may reach on each side of its anchor. */
export const TOKEN_WINDOW = 4096;

/** Plain characters that can be part of a URL or a SAS query. */
function isTokenChar(c: number): boolean {
  if (isAlnum(c)) return true;
  switch (c) {
    case 37: // %
    case 38: // &
    case 61: // =
    case 43: // +
    case 47: // /
    case 58: // :
    case 46: // .
    case 95: // _
    case 126: // ~
    case 45: // -
    case 33: // !
    case 42: // *
    case 36: // $
    case 64: // @
    case 63: // ?
    case 123: // {
    case 125: // }
      return true;
    default:
      return false;
  }
}

/** Entities that are quotes or brackets in HTML: they end a token. */
const ENDING_ENTITIES = ['&quot;', '&#34;', '&#39;', '&apos;', '&lt;', '&gt;', '&#x22;', '&#x27;'];

function endingEntityAt(text: string, index: number): boolean {
  if (text.charCodeAt(index) !== 38) return false;
  for (const entity of ENDING_ENTITIES) {
    if (text.startsWith(entity, index)) return true;
  }
  return false;
}

/** A comma belongs to a token only between two alphanumerics, as in `spr=https,http`. */
function isInnerComma(text: string, index: number): boolean {
  return text.charCodeAt(index) === 44 && isAlnum(text.charCodeAt(index - 1)) && isAlnum(text.charCodeAt(index + 1));
}

export function scanTokenEnd(text: string, from: number, limit = from + TOKEN_WINDOW): number {
  const max = Math.min(text.length, limit);
  let i = from;
  while (i < max) {
    const c = text.charCodeAt(i);
    if (c === 38 && endingEntityAt(text, i)) break;
    const escape = escapeAt(text, i);
    if (escape) {
      if (i + escape.length > max) break;
      i += escape.length;
      continue;
    }
    if (isTokenChar(c) || isInnerComma(text, i)) {
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
    const escape = escapeEndingAt(text, i);
    if (escape && i - escape.length >= min) {
      i -= escape.length;
      continue;
    }
    const c = text.charCodeAt(i - 1);
    if (c === 59 /* ; */) break; // a `;` that does not end an entity separates connection-string pairs
    if (isTokenChar(c) || isInnerComma(text, i - 1)) {
      i--;
      continue;
    }
    break;
  }
  // Never start inside an HTML quote entity such as `&#39;` whose `;` stopped the scan.
  return i;
}
