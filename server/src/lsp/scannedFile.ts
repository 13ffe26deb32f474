// A file's workspace-scan result as the server keeps it (scanResults.ts): its findings located as
// LSP ranges, and its diagnostics. It comes two ways: from findings the per-file scan already placed
// on lines and columns (walker/scanFile.ts, which keeps no text), or from findings with the file's
// text at hand (a scanned file re-read when the editor closes it).
import type { Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/findings/types';
import type { LineColumn } from '../report/lineIndex';
import type { PlacedFinding } from '../walker/scanFile';
import { findingsToDiagnostics } from './findingDiagnostics';
import { toRange, type PositionSource } from './positions';
import type { LocatedFinding, ScannedFile } from './scanResults';

/** Where the file is: its URI and path, the workspace folder it was found under and the path below it. */
export type ScannedFilePlace = Pick<ScannedFile, 'uri' | 'path' | 'root' | 'relativePath'>;

/** From findings the per-file scan placed on lines and columns; `relatedInformation` as the client supports it. */
export function placedScannedFile(
  place: ScannedFilePlace,
  findings: readonly PlacedFinding[],
  suppressed: readonly PlacedFinding[],
  relatedInformation: boolean,
): ScannedFile {
  const positions = new Map<number, Position>();
  for (const placed of [...findings, ...suppressed]) {
    positions.set(placed.finding.range.start, lspPosition(placed.start));
    positions.set(placed.finding.range.end, lspPosition(placed.end));
  }
  const source: PositionSource = {
    uri: place.uri,
    positionAt: (offset) => {
      const position = positions.get(offset);
      if (position === undefined) throw new Error(`no placed position for offset ${offset}`);
      return position;
    },
  };
  const found = (placed: readonly PlacedFinding[]): Finding[] => placed.map((p) => p.finding);
  return scannedFile(place, source, found(findings), found(suppressed), relatedInformation);
}

/** From findings in `text`, the file's content. */
export function scannedFileOfText(
  place: ScannedFilePlace,
  text: string,
  findings: readonly Finding[],
  suppressed: readonly Finding[],
  relatedInformation: boolean,
): ScannedFile {
  return scannedFile(place, TextDocument.create(place.uri, 'plaintext', 0, text), findings, suppressed, relatedInformation);
}

function scannedFile(
  place: ScannedFilePlace,
  source: PositionSource,
  findings: readonly Finding[],
  suppressed: readonly Finding[],
  relatedInformation: boolean,
): ScannedFile {
  const diagnostics = findingsToDiagnostics(source, findings, { relatedInformation, version: null });
  const locate = (finding: Finding): LocatedFinding => ({ finding, range: toRange(source, finding.range) });
  return {
    uri: place.uri,
    path: place.path,
    root: place.root,
    relativePath: place.relativePath,
    findings: findings.map(locate),
    suppressed: suppressed.map(locate),
    diagnostics,
  };
}

/** A 1-based line and column (report/lineIndex.ts) as an LSP position (0-based). */
function lspPosition(at: LineColumn): Position {
  return { line: at.line - 1, character: at.column - 1 };
}
