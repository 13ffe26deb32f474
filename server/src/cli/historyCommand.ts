// The run of `sas-guard scan --history`: scans the repository's history (history/historyScan.ts)
// and shapes the result as the ScanReport every format renders, with each finding's origin
// (commit, author, date, whether HEAD still holds it, occurrences) and the scan's coverage
// (shallow, missing blobs, skipped entries). Paths are the repository's, so SARIF's %SRCROOT% is
// the repository's root.
import { resolve } from 'node:path';
import type { ReportedFinding, ScanReport } from '../report';
import { scanHistory, type HistoryScanResult, type HistorySecret } from '../history/historyScan';
import { RepositoryError } from '../history/repositoryInfo';
import { TOOL_NAME, VERSION, type ScanCommand } from './args';
import { FatalError } from './errors';
import type { HistoryArgs } from './historyArgs';
import type { ScanIo } from './scanCommand';

export async function runHistoryScan(options: ScanCommand, history: HistoryArgs, io: ScanIo): Promise<ScanReport> {
  const started = performance.now();
  let result: HistoryScanResult;
  try {
    result = await scanHistory({
      repository: resolve(io.cwd, history.repository),
      ...(history.branch !== undefined ? { branch: history.branch } : {}),
      ...(history.since !== undefined ? { since: history.since } : {}),
      maxFileSize: options.maxFileSize,
      ...(io.now ? { now: io.now } : {}),
    });
  } catch (error) {
    if (error instanceof RepositoryError) throw new FatalError(error.message);
    throw error;
  }
  const { repository, counts } = result;
  return {
    tool: { name: TOOL_NAME, version: VERSION },
    cwd: repository.topLevel ?? repository.gitDir,
    roots: [history.repository],
    findings: result.secrets.map(reportedSecret),
    suppressed: result.suppressed.map(reportedSecret),
    skipped: [],
    errors: [],
    filesScanned: counts.blobsScanned,
    filesWithInvalidUtf8: counts.blobsWithInvalidUtf8,
    durationMs: performance.now() - started,
    failOn: options.failOn,
    history: {
      range: result.range,
      commits: counts.commits,
      distinctBlobs: counts.distinctBlobs,
      blobsScanned: counts.blobsScanned,
      shallow: repository.shallow,
      partialClone: repository.partialClone,
      missing: counts.missing,
      binary: counts.binary,
      lfsPointers: counts.lfsPointers,
      submodules: counts.submodules,
      tooLarge: counts.tooLarge,
      warnings: result.errors,
    },
  };
}

function reportedSecret({ path, placed, origin }: HistorySecret): ReportedFinding {
  return { path, finding: placed.finding, start: placed.start, end: placed.end, history: origin };
}
