// The reader behind every `sig=` anchor, shared by the SAS families: it takes the token extent
// around the anchor, undoes the container's escapes (and joins lines folded before it), finds the
// SAS queries in it, checks each signature, places the token in the text (URL, bare query,
// connection string, Service Bus token), and hands it to the first family that claims the query.
import type { Anchor } from './anchors';
import type { CredentialFamily, SasQueryPlacement, SasToken, ScanState } from './families';
import { isRealSignatureShape, looksMadeUp } from '../assess/placeholders';
import { connectionStringStorageInfo, isAfterSharedAccessSignatureSetting, serviceBusPrefixStart } from '../parse/connectionString';
import { decodeContainerEscapes, percentDecodeValue } from '../parse/decode';
import { foldedFragmentsBefore, joinMapped } from '../parse/foldedLines';
import { analyzeHost, type HostInfo } from '../parse/hosts';
import { originalRange } from '../parse/mappedString';
import { findSasQueries, urlBeforeQuery, type SasPair, type SasQuery } from '../parse/sasQuery';
import { scanTokenEnd, scanTokenStart } from '../parse/tokenExtent';
import type { OffsetRange, TokenContainer, TokenEncoding } from '../findings/types';

/** `sig=` and 43 base64 characters and `=`: no shorter extent can hold a signature. */
const MIN_SAS_EXTENT = 48;

export function readSignatureAnchor(scan: ScanState, anchor: Anchor, families: readonly CredentialFamily[]): void {
  if (anchor.index < scan.sasExaminedEnd) return;
  const text = scan.text;
  const lowerBound = scan.sasExaminedEnd;
  const extentStart = scanTokenStart(text, anchor.index, lowerBound);
  const extentEnd = Math.max(scanTokenEnd(text, anchor.index), anchor.index + anchor.length);
  scan.sasExaminedEnd = extentEnd;
  // "sig=" plus a 44-character signature at the very least: shorter extents cannot hold one.
  if (extentEnd - extentStart < MIN_SAS_EXTENT) return;
  const decoded = decodeContainerEscapes(text, extentStart, extentEnd);
  let mapped = decoded.mapped;
  let encoding = decoded.encoding;
  const folded = foldedFragmentsBefore(text, extentStart, lowerBound);
  if (folded.length > 0) {
    const pieces = folded.map((fragment) => decodeContainerEscapes(text, fragment.start, fragment.end));
    if (encoding === 'plain') encoding = pieces.find((piece) => piece.encoding !== 'plain')?.encoding ?? 'plain';
    mapped = joinMapped([...pieces.map((piece) => piece.mapped), mapped]);
  }
  for (const query of findSasQueries(mapped)) readSasQuery(scan, query, encoding, families);
}

function readSasQuery(scan: ScanState, query: SasQuery, containerEncoding: TokenEncoding, families: readonly CredentialFamily[]): void {
  const mapped = query.mapped;
  const sigPair = query.params.get('sig')!;
  const signature = readSignature(sigPair);
  if (!signature) return;
  // A signature trimmed of sentence punctuation ends the query when it was its last pair.
  const queryEnd = sigPair.valueEnd === query.queryEnd ? signature.valueEnd : query.queryEnd;

  const text = scan.text;
  const queryRange = originalRange(mapped, query.queryStart, queryEnd);
  const sbPrefix = serviceBusPrefixStart(text, queryRange.start);
  const placement: SasQueryPlacement = { serviceBusPrefix: sbPrefix !== undefined };
  const family = families.find((candidate) => candidate.reportSasToken !== undefined && candidate.claimsSasQuery?.(query, placement) === true);
  if (!family) return;

  const secretRange = originalRange(mapped, sigPair.valueStart, signature.valueEnd);
  const encoding: TokenEncoding = query.percentRounds > 0 ? 'percent-encoded-query' : containerEncoding;

  let container: TokenContainer;
  let range: OffsetRange;
  let host: HostInfo | undefined;
  let path: string | undefined;
  let connectionAccount: string | undefined;
  const prefixIsSasSetting = query.prefixName !== undefined && query.prefixName.toLowerCase() === 'sharedaccesssignature';
  if (sbPrefix !== undefined) {
    container = 'servicebus-token';
    range = { start: sbPrefix, end: queryRange.end };
  } else if (prefixIsSasSetting || isAfterSharedAccessSignatureSetting(text, queryRange.start)) {
    container = 'connection-string';
    const cs = scan.connectionStringAt(queryRange.start);
    range = { start: Math.min(cs.start, queryRange.start), end: Math.max(cs.end, queryRange.end) };
    const info = connectionStringStorageInfo(cs);
    host = info.host;
    connectionAccount = info.account;
  } else if (query.questionMark !== undefined) {
    const url = urlBeforeQuery(mapped, query.questionMark);
    if (url) {
      container = 'url';
      range = { start: originalRange(mapped, url.urlStart, url.urlStart + 1).start, end: queryRange.end };
      host = analyzeHost(url.authority, url.path);
      path = url.path;
    } else {
      container = 'query';
      range = { start: originalRange(mapped, query.questionMark, query.questionMark + 1).start, end: queryRange.end };
    }
  } else {
    container = 'query';
    range = queryRange;
  }

  const token: SasToken = {
    query,
    signature: signature.value,
    range,
    secretRange,
    queryRange,
    container,
    encoding,
    ...(host ? { host } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(connectionAccount !== undefined ? { connectionAccount } : {}),
  };
  family.reportSasToken!(scan, token);
}

/** The signature value, trimmed of trailing sentence punctuation when that makes it valid. */
function readSignature(pair: SasPair): { value: string; valueEnd: number } | undefined {
  let raw = pair.rawValue;
  let valueEnd = pair.valueEnd;
  for (let trimmed = 0; trimmed <= 3; trimmed++) {
    const decoded = trimmed === 0 ? pair.value : percentDecodeValue(raw);
    if (decoded !== undefined && isRealSignatureShape(decoded)) {
      return looksMadeUp(decoded) ? undefined : { value: decoded, valueEnd };
    }
    const last = raw.charAt(raw.length - 1);
    if (raw.length === 0 || !'.,:;!*}'.includes(last)) return undefined;
    raw = raw.slice(0, -1);
    valueEnd--;
  }
  return undefined;
}
