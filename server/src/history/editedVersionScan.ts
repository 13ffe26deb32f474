// Scans a new version of a large, clean file around its changed lines only (unchangedRegions.ts
// finds them), with the CLI's prefilter and engine, so that a file edited a little at a time is not
// scanned whole at every version. Every finding of the engine rests on an anchor and on text within
// a bounded reach of it, so a finding the clean predecessor did not have needs an anchor within
// that reach of a changed line:
//   - the plain-text anchors (`sig=`, `AccountKey`, `SharedAccessSignature`, …) read at most
//     BACKWARD_REACH before the anchor (token extent, joined literals, folded lines, connection
//     string) and FORWARD_REACH after it, the bounds the editor's re-scan rests on too (core/scan/
//     rescan.ts), and a finding starts within what its anchor reads before it. So a new finding's
//     anchor lies within BACKWARD_REACH after or FORWARD_REACH before a change, it starts within
//     REACH (their sum) of a change, and everything it reads lies within REACH of its start. The
//     bounds are UTF-16 units, counted over the UTF-8 bytes (windowsAroundUnits). Files that
//     document the anchors (API docs, SDK typings, generated HTML) hold them everywhere, and were
//     scanned whole at every version when an anchor near a change was taken as a reason to;
//   - the bare account key pattern (86 base64 characters and `==`, in every package-lock.json
//     `integrity`) reads its setting's name, SDK call and enclosing block, within BARE_KEY_REACH;
//   - a credential inside a base64 value depends on that value alone, a run of base64 characters
//     that never crosses a line, so a new one lies on a changed line.
// The engine reads each stretch of changed lines widened by the reach twice over (REACH when a
// plain anchor lies near a change, else BARE_KEY_REACH for the last two kinds), and keeps what
// starts in the inner part. The result is the engine's on the whole file, as long as the reach
// bounds hold.
import { BACKWARD_REACH, FORWARD_REACH } from '../core/scan/reach';
import { scanDecodedText, type FileScanOptions, type PlacedFinding } from '../walker/scanFile';
import { mayContainSecrets } from '../walker/byteChecks';
import { decodeUtf8Body } from '../walker/decodeUtf8';
import { mayContainPlainAnchorsBesideBareKeys } from '../walker/prefilter';
import { changedLines, lineSpan, windowsAround, windowsAroundUnits, type LineBigrams, type LineHashes } from './unchangedRegions';

/** The engine's reach around a plain anchor, before and after it, in UTF-16 units (see the header). */
const PLAIN_REACH_UNITS = BACKWARD_REACH + FORWARD_REACH;
/** How far from a change a bare account key pattern may make a new finding (bytes). */
export const BARE_KEY_REACH = 4 * 1024;

export type EditedVersionResult =
  | { readonly kind: 'scan-whole' }
  | { readonly kind: 'scanned'; readonly findings: readonly PlacedFinding[]; readonly suppressed: readonly PlacedFinding[]; readonly error?: string };

const NOTHING: EditedVersionResult = Object.freeze({ kind: 'scanned', findings: [], suppressed: [] });

export function scanEditedVersion(bytes: Uint8Array, hashes: LineHashes, old: LineBigrams, fileName: string, options: FileScanOptions): EditedVersionResult {
  const changed = changedLines(hashes, old);
  if (changed.length === 0) return NOTHING;
  const far = windowsAroundUnits(changed, hashes, bytes, BACKWARD_REACH);
  let plain = false;
  for (let i = 0; i < far.length; i += 2) {
    const [start, end] = lineSpan(hashes, far[i]!, far[i + 1]!, bytes.length);
    if (mayContainPlainAnchorsBesideBareKeys(bytes.subarray(start, end))) {
      // The windows at the plain anchors' reach, when they would be most of the file, cost more than one whole scan.
      if (spannedBytes(windowsAroundUnits(changed, hashes, bytes, 2 * PLAIN_REACH_UNITS), hashes, bytes.length) * 2 > bytes.length)
        return { kind: 'scan-whole' };
      plain = true;
      break;
    }
  }
  const around = (lines: readonly number[]): number[] =>
    plain ? windowsAroundUnits(lines, hashes, bytes, PLAIN_REACH_UNITS) : windowsAround(lines, hashes, bytes.length, BARE_KEY_REACH);
  const inner = around(changed);
  const scans: { first: number; last: number; text: number[] }[] = [];
  let engineBytes = 0;
  for (let i = 0; i < inner.length; i += 2) {
    const [start, end] = lineSpan(hashes, inner[i]!, inner[i + 1]!, bytes.length);
    if (!mayContainSecrets(bytes.subarray(start, end))) continue;
    const outer = around([inner[i]!, inner[i + 1]!]);
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

/** The bytes of the lines that `windows` (first and last line, in pairs) cover. */
function spannedBytes(windows: readonly number[], hashes: LineHashes, byteLength: number): number {
  let total = 0;
  for (let i = 0; i < windows.length; i += 2) {
    const [start, end] = lineSpan(hashes, windows[i]!, windows[i + 1]!, byteLength);
    total += end - start;
  }
  return total;
}
