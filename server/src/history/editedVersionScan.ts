// Scans a new version of a large, clean file around its changed lines only (unchangedRegions.ts
// finds them), with the CLI's prefilter and engine, so that a file edited a little at a time is not
// scanned whole at every version. Every finding of the engine rests on an anchor and on text within
// a bounded reach of it, so a finding the clean predecessor did not have needs an anchor within
// that reach of a changed line:
//   - the plain-text anchors (`sig=`, `AccountKey`, `SharedAccessSignature`, …) read up to the
//     engine's widest windows (token extent and connection string 4,096 UTF-16 units, enclosing
//     block 1,200, call 320; see core/parse), all within ENGINE_REACH of the anchor, and a finding
//     starts at most a token's extent before its anchor: a new one starts within 2 × ENGINE_REACH
//     of a change, and everything it reads lies within 2 × ENGINE_REACH of its start. Files that
//     document the anchors (API docs, SDK typings, generated HTML) hold them everywhere, and were
//     scanned whole at every version when the anchors were taken as a reason to (Azure/
//     azure-storage-node: 155 MB of 264 MB of large versions);
//   - the bare account key pattern (86 base64 characters and `==`, in every package-lock.json
//     `integrity`) reads its setting's name, SDK call and enclosing block, within BARE_KEY_REACH;
//   - a credential inside a base64 value depends on that value alone, a run of base64 characters
//     that never crosses a line, so a new one lies on a changed line.
// The engine reads each stretch of changed lines widened by the reach twice over (2 × ENGINE_REACH
// when a plain anchor lies within ENGINE_REACH of a change, else BARE_KEY_REACH for the last two
// kinds), and keeps what starts in the inner part. The result is the engine's on the whole file, as
// long as the reach bounds hold.
import { scanDecodedText, type FileScanOptions, type PlacedFinding } from '../walker/scanFile';
import { mayContainSecrets } from '../walker/byteChecks';
import { decodeUtf8Body } from '../walker/decodeUtf8';
import { mayContainPlainAnchorsBesideBareKeys } from '../walker/prefilter';
import { changedLines, lineSpan, windowsAround, type LineBigrams, type LineHashes } from './unchangedRegions';

/** How far from a change any anchor but the bare key pattern may make a new finding (bytes). */
export const ENGINE_REACH = 16 * 1024;
/** How far from a change a bare account key pattern may make a new finding (bytes). */
export const BARE_KEY_REACH = 4 * 1024;

export type EditedVersionResult =
  | { readonly kind: 'scan-whole' }
  | { readonly kind: 'scanned'; readonly findings: readonly PlacedFinding[]; readonly suppressed: readonly PlacedFinding[]; readonly error?: string };

const NOTHING: EditedVersionResult = Object.freeze({ kind: 'scanned', findings: [], suppressed: [] });

export function scanEditedVersion(bytes: Uint8Array, hashes: LineHashes, old: LineBigrams, fileName: string, options: FileScanOptions): EditedVersionResult {
  const changed = changedLines(hashes, old);
  if (changed.length === 0) return NOTHING;
  const far = windowsAround(changed, hashes, bytes.length, ENGINE_REACH);
  let reach = BARE_KEY_REACH;
  for (let i = 0; i < far.length; i += 2) {
    const [start, end] = lineSpan(hashes, far[i]!, far[i + 1]!, bytes.length);
    if (mayContainPlainAnchorsBesideBareKeys(bytes.subarray(start, end))) {
      reach = 2 * ENGINE_REACH;
      break;
    }
  }
  const inner = windowsAround(changed, hashes, bytes.length, reach);
  const scans: { first: number; last: number; text: number[] }[] = [];
  let engineBytes = 0;
  for (let i = 0; i < inner.length; i += 2) {
    const [start, end] = lineSpan(hashes, inner[i]!, inner[i + 1]!, bytes.length);
    if (!mayContainSecrets(bytes.subarray(start, end))) continue;
    const outer = windowsAround([inner[i]!, inner[i + 1]!], hashes, bytes.length, reach);
    const [from, to] = lineSpan(hashes, outer[0]!, outer[1]!, bytes.length);
    engineBytes += to - from;
    // Windows that cover most of the file cost more than one whole scan.
    if (engineBytes * 2 > bytes.length) return { kind: 'scan-whole' };
    scans.push({ first: inner[i]!, last: inner[i + 1]!, text: [outer[0]!, from, to] });
  }
  const findings: PlacedFinding[] = [];
  const suppressed: PlacedFinding[] = [];
  for (const { first, last, text } of scans) {
    const [firstLine, from, to] = text as [number, number, number];
    const result = scanDecodedText(decodeUtf8Body(bytes.subarray(from, to)), false, fileName, options);
    if (result.kind !== 'scanned') continue;
    if (result.error !== undefined) return { kind: 'scanned', findings, suppressed, error: result.error };
    // 1-based lines of the file; a finding that starts outside the inner window is the outer
    // window's cut edge, and the clean predecessor had it if it is real.
    const place = (placed: PlacedFinding): PlacedFinding => ({
      finding: placed.finding,
      start: { line: placed.start.line + firstLine, column: placed.start.column },
      end: { line: placed.end.line + firstLine, column: placed.end.column },
    });
    const inside = (placed: PlacedFinding): boolean => placed.start.line >= first + 1 && placed.start.line <= last + 1;
    findings.push(...(result.findings ?? []).map(place).filter(inside));
    suppressed.push(...(result.suppressed ?? []).map(place).filter(inside));
  }
  return { kind: 'scanned', findings, suppressed };
}
