// sasGuard.scanHistory and sasGuard.showCommittedFile: the history scan (server/src/history) behind
// `workspace/executeCommand`, so every LSP client has it, with work-done progress and
// cancellation; and the text of a file at a commit, for the client to show a secret where it was
// committed. Node only: it runs git, so node/main.ts hands it to the server and the web worker's
// server has neither command.
import type { WorkDoneProgressReporter } from 'vscode-languageserver';
import { firstLine, runGit } from '../history/gitCommand';
import { scanHistory, type HistoryScanResult, type HistorySecret } from '../history/historyScan';
import { RepositoryError } from '../history/repositoryInfo';
import type { CommittedFile, CommittedFileArgs, HistoryScanSummary, HistorySecretItem, ScanHistoryArgs } from './protocol';

export interface HistoryScanRequest {
  readonly folderPath: string;
  readonly args?: ScanHistoryArgs;
  readonly maxFileSize: number;
  readonly now: Date;
  readonly isCancelled: () => boolean;
  readonly progress: WorkDoneProgressReporter;
}

/** What node/main.ts gives the server (ServerDependencies.gitHistory). */
export interface GitHistoryCommands {
  scanHistory(request: HistoryScanRequest): Promise<HistoryScanSummary>;
  showCommittedFile(args: CommittedFileArgs): Promise<CommittedFile>;
}

/** Progress is reported at most this often. */
const PROGRESS_INTERVAL_MS = 200;

export const gitHistoryCommands: GitHistoryCommands = {
  async scanHistory({ folderPath, args, maxFileSize, now, isCancelled, progress }) {
    progress.begin('SAS Guard: scanning the git history', undefined, 'Reading commits…', true);
    let lastReport = 0;
    try {
      const result = await scanHistory({
        repository: folderPath,
        ...(args?.branch !== undefined ? { branch: args.branch } : {}),
        ...(args?.since !== undefined ? { since: args.since } : {}),
        maxFileSize,
        now,
        isCancelled,
        onProgress: ({ commits, blobsScanned }) => {
          const time = Date.now();
          if (time - lastReport < PROGRESS_INTERVAL_MS) return;
          lastReport = time;
          progress.report(`${commits} commits, ${blobsScanned} blobs read`);
        },
      });
      return historySummary(result);
    } catch (error) {
      if (!(error instanceof RepositoryError)) throw error;
      return {
        repository: folderPath,
        range: '',
        commits: 0,
        blobsScanned: 0,
        shallow: false,
        partialClone: false,
        missing: 0,
        secrets: [],
        warnings: [error.message],
        cancelled: false,
      };
    } finally {
      progress.done();
    }
  },

  async showCommittedFile({ repository, commit, path }) {
    // The commit is an id from a history scan; anything else is refused rather than resolved.
    if (!/^[0-9a-f]{40}$/.test(commit) || typeof path !== 'string' || path === '')
      throw new Error('sasGuard.showCommittedFile needs a full commit id and a path');
    const result = await runGit(repository, ['cat-file', 'blob', `${commit}:${path}`]);
    if (result.code !== 0) throw new Error(`cannot read ${path} at ${commit.slice(0, 7)}: ${firstLine(result.stderr)}`);
    return { text: result.stdout.toString('utf8') };
  },
};

function historySummary(result: HistoryScanResult): HistoryScanSummary {
  return {
    repository: result.repository.topLevel ?? result.repository.gitDir,
    range: result.range,
    commits: result.counts.commits,
    blobsScanned: result.counts.blobsScanned,
    shallow: result.repository.shallow,
    partialClone: result.repository.partialClone,
    missing: result.counts.missing,
    secrets: result.secrets.map(historyItem),
    warnings: result.errors,
    cancelled: result.cancelled,
  };
}

function historyItem({ placed, path, origin }: HistorySecret): HistorySecretItem {
  const { finding, start, end } = placed;
  const { commit, date, author, inHead, occurrences } = origin;
  return {
    ruleId: finding.ruleId,
    grade: finding.grade,
    message: finding.message,
    redactedSecret: finding.redactedSecret,
    fingerprint: finding.fingerprint,
    path,
    range: { start: { line: start.line - 1, character: start.column - 1 }, end: { line: end.line - 1, character: end.column - 1 } },
    ...{ commit, date, author, inHead, occurrences },
  };
}
