// `sas-guard scan --staged`: scans exactly what `git commit` would record, read from the index
// (gitIndex.ts), so a secret staged and then edited away in the working tree is still caught, and
// one only in the working tree does not block the commit. PATHs narrow it to the staged files under
// them; --exclude and the config's exclude globs apply; .gitignore does not (a staged file is being
// committed, ignored or not).
import { join, relative, resolve, sep } from 'node:path';
import { formatBytes } from '../core/util/wording';
import type { ReportedFinding, ReportedSkip, ScanReport } from '../report';
import { createMatcher, testPath } from '../walker/ignoreRules';
import { anchorAbsolutePattern } from '../walker/walkFiles';
import { TOOL_NAME, VERSION, type ScanCommand } from './args';
import { blobSizes, readBlobs, stagedFiles, type StagedFile } from './gitIndex';
import type { ScanIo } from './scanCommand';
import { scanTextOnDemand } from '../walker/engineOnDemand';
import { scanFileBytes, type FileScanOptions } from '../walker/scanFile';

export async function runStagedScan(options: ScanCommand, repository: string, io: ScanIo): Promise<ScanReport> {
  const started = performance.now();
  const cwd = resolve(io.cwd);
  const roots = options.paths.map((p) => resolve(cwd, p));
  const excluded = (absolute: string): boolean =>
    roots.some((root) => {
      const rel = relative(root, absolute);
      if (rel.startsWith('..')) return false;
      const matcher = createMatcher(options.exclude.map((pattern) => anchorAbsolutePattern(pattern, root)));
      return testPath(matcher, sep === '/' ? rel : rel.split(sep).join('/')).ignored;
    });
  const underRoots = (absolute: string): boolean => roots.some((root) => absolute === root || !relative(root, absolute).startsWith('..'));

  const chosen: (StagedFile & { absolutePath: string })[] = [];
  for (const file of stagedFiles(repository)) {
    const absolutePath = join(repository, ...file.path.split('/'));
    if (underRoots(absolutePath) && !excluded(absolutePath)) chosen.push({ ...file, absolutePath });
  }
  const sizes = blobSizes(
    repository,
    chosen.map((f) => f.blob),
  );
  const skipped: ReportedSkip[] = [];
  const shown = (absolutePath: string): string => relative(cwd, absolutePath).split(sep).join('/');
  const small = chosen.filter((file) => {
    const size = sizes.get(file.blob) ?? 0;
    if (size <= options.maxFileSize) return true;
    skipped.push({
      path: shown(file.absolutePath),
      absolutePath: file.absolutePath,
      reason: 'too-large',
      detail: `${formatBytes(size)} > limit ${formatBytes(options.maxFileSize)}`,
    });
    return false;
  });
  const contents = readBlobs(repository, [...new Set(small.map((f) => f.blob))]);

  const engine = io.scanText ?? scanTextOnDemand;
  const fileOptions: FileScanOptions = { maxFileSize: options.maxFileSize, ...(io.now ? { now: io.now } : {}), engine, prefilter: io.scanText === undefined };
  const findings: ReportedFinding[] = [];
  const suppressed: ReportedFinding[] = [];
  const errors: { path: string; absolutePath: string; message: string }[] = [];
  let filesScanned = 0;
  let filesWithInvalidUtf8 = 0;
  for (const file of small) {
    const path = shown(file.absolutePath);
    const bytes = contents.get(file.blob);
    const result =
      bytes === undefined
        ? ({ kind: 'skipped', reason: 'unreadable', detail: 'blob missing from the object store' } as const)
        : scanFileBytes(bytes, file.absolutePath, fileOptions);
    if (result.kind === 'skipped') {
      skipped.push({ path, absolutePath: file.absolutePath, reason: result.reason, ...(result.detail ? { detail: result.detail } : {}) });
      continue;
    }
    filesScanned++;
    if (result.invalidUtf8) filesWithInvalidUtf8++;
    if (result.error !== undefined) errors.push({ path, absolutePath: file.absolutePath, message: result.error });
    findings.push(...(result.findings ?? []).map((placed) => ({ path, absolutePath: file.absolutePath, ...placed })));
    suppressed.push(...(result.suppressed ?? []).map((placed) => ({ path, absolutePath: file.absolutePath, ...placed })));
  }
  const tally = { findings, suppressed, skipped, errors, filesScanned, filesWithInvalidUtf8 };
  return {
    tool: { name: TOOL_NAME, version: VERSION },
    cwd: io.cwd,
    roots: options.paths,
    ...tally,
    durationMs: performance.now() - started,
    failOn: options.failOn,
  };
}
