// sasGuard.exportSarif: the findings the server holds (the last workspace scan, with open documents'
// current findings in place of their scanned ones) as a SARIF 2.1.0 log, through the CLI's writer.
import * as path from 'node:path';
import type { Range } from 'vscode-languageserver';
import type { OpenDocumentSource } from './openDocuments';
import type { Finding } from '../core/findings/types';
import { formatSarif, type ReportedFinding, type ReportedSkip, type ScanReport } from '../report';
import type { DocumentAnalysis } from './openDocumentDiagnostics';
import type { ScanResults } from './scanResults';
import { normalizeUri, uriToPath } from './uris';
import type { WorkspaceFolders } from './workspaceFolders';
import { toRange } from './positions';

export interface SarifExportContext {
  readonly scanResults: ScanResults;
  readonly documents: OpenDocumentSource;
  readonly analysisOf: (uri: string) => DocumentAnalysis | undefined;
  readonly folders: WorkspaceFolders;
  readonly version: string;
}

export function exportSarif(ctx: SarifExportContext): string {
  const roots = ctx.folders.onDisk().map((f) => f.path as string);
  const cwd = roots[0] ?? process.cwd();
  const display = (absolutePath: string): string => path.relative(cwd, absolutePath).split(path.sep).join('/') || '.';
  const findings: ReportedFinding[] = [];
  const suppressed: ReportedFinding[] = [];
  const open = new Set<string>();

  for (const document of ctx.documents.all()) {
    const filePath = uriToPath(document.uri);
    const analysis = ctx.analysisOf(document.uri);
    if (filePath === undefined || analysis === undefined || analysis.outcome.kind !== 'checked') continue;
    open.add(normalizeUri(document.uri));
    const report = (finding: Finding): ReportedFinding => ({
      path: display(filePath),
      absolutePath: filePath,
      finding,
      ...lineColumns(toRange(document, finding.range)),
    });
    findings.push(...analysis.outcome.findings.map(report));
    suppressed.push(...analysis.outcome.suppressed.map(report));
  }
  let filesScanned = open.size;
  for (const file of ctx.scanResults.all()) {
    if (open.has(file.uri)) continue;
    const report = ({ finding, range }: { finding: Finding; range: Range }): ReportedFinding => ({
      path: display(file.path),
      absolutePath: file.path,
      finding,
      ...lineColumns(range),
    });
    findings.push(...file.findings.map(report));
    suppressed.push(...file.suppressed.map(report));
  }
  filesScanned = Math.max(filesScanned, ctx.scanResults.summary?.filesScanned ?? 0);
  const skipped: ReportedSkip[] = ctx.scanResults.skipped.map((s) => ({
    path: display(s.path),
    absolutePath: s.path,
    reason: s.reason,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
  }));
  const byLocation = (a: ReportedFinding, b: ReportedFinding): number =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.start.line - b.start.line || a.start.column - b.start.column;
  const report: ScanReport = {
    tool: { name: 'SAS Guard', version: ctx.version },
    cwd,
    roots,
    findings: findings.sort(byLocation),
    suppressed: suppressed.sort(byLocation),
    skipped,
    filesScanned,
    filesWithInvalidUtf8: 0,
    durationMs: ctx.scanResults.summary?.durationMs ?? 0,
    failOn: 'none',
  };
  return formatSarif(report);
}

function lineColumns(range: Range): Pick<ReportedFinding, 'start' | 'end'> {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}
