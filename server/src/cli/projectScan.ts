// `sas-guard scan` within a project: finds and checks the project config (.sas-guard.json) before
// anything else, lets the command line override it, runs the scan (of the working tree, or of the
// index with --staged), then applies the project's policy (disabled rules, minimum grade, the
// baseline) and writes the baseline when asked. main.ts calls resolveProject, then runProjectScan.
import { stat, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { DEFAULT_BASELINE_FILE, ProjectConfigError } from '../config/projectConfig';
import { loadProjectConfig, readProjectConfig, repositoryTop, type LoadedProjectConfig } from '../config/loadProjectConfig';
import { excludeForWalker } from '../config/configExclude';
import { BaselineError, formatBaseline } from '../baseline/baseline';
import { baselineRelativePath, readBaselineFile, type LoadedBaseline } from '../baseline/baselineFile';
import type { Grade } from '../core/findings/grades';
import type { RuleId } from '../core/findings/types';
import { applyFindingPolicy } from '../report/findingPolicy';
import type { ReportedFinding, ReportedSkip, ScanReport } from '../report';
import { DEFAULT_FAIL_ON, type ScanCommand } from './args';
import { FatalError, UsageError } from './errors';
import { runHistoryScan } from './historyCommand';
import { runScan, type ScanIo } from './scanCommand';
import { runStagedScan } from './stagedScan';
import { excludeNamedFiles } from './namedFileExclude';

/** A problem with the project config or the baseline: one line, exit code 2 (as main.ts does for FatalError). */
export class ProjectFileError extends FatalError {}

/** The scan to run once the command line and the project config are merged. */
export interface ProjectScan {
  readonly options: ScanCommand;
  readonly config?: LoadedProjectConfig;
  readonly minimumGrade: Grade;
  readonly disabledRules: readonly RuleId[];
  /** --baseline: the file to read (absolute). */
  readonly baselinePath?: string;
  /** --write-baseline: the file to write (absolute). */
  readonly writeBaselinePath?: string;
  /** --staged: the repository's top. */
  readonly stagedRepository?: string;
  /** Files named on the command line that the config's exclude globs leave out (namedFileExclude.ts). */
  readonly excludedNamedFiles: readonly ReportedSkip[];
}

/** Reads the project config and merges it under the command line; a bad config is a ProjectFileError. */
export async function resolveProject(options: ScanCommand, cwd: string): Promise<ProjectScan> {
  if (options.staged && options.paths.includes('-')) throw new UsageError('--staged scans the git index: standard input (-) cannot be among the paths');
  const start = await configSearchStart(options, cwd);
  let config: LoadedProjectConfig | undefined;
  try {
    if (typeof options.config === 'string') config = await readProjectConfig(resolve(cwd, options.config), cwd);
    else if (options.config !== false) config = await loadProjectConfig(start, cwd);
  } catch (error) {
    if (error instanceof ProjectConfigError) throw new ProjectFileError(error.message);
    throw error;
  }
  const project = config?.config;
  const top = await repositoryTop(start);
  const projectRoot = config?.root ?? top ?? resolve(cwd);
  const defaultBaseline = resolve(projectRoot, project?.baseline ?? DEFAULT_BASELINE_FILE);
  const baselineFile = (given: string | undefined): string | undefined =>
    given === undefined ? undefined : given === '' ? defaultBaseline : resolve(cwd, given);
  let stagedRepository: string | undefined;
  if (options.staged) {
    stagedRepository = top;
    if (stagedRepository === undefined) throw new UsageError(`--staged needs a git repository, and ${start} is in none`);
  }
  // --staged and --history apply the config's globs themselves (or have no named files).
  const named =
    options.staged || options.history !== undefined ? { paths: [...options.paths], excluded: [] } : await excludeNamedFiles(options.paths, cwd, config);
  const baselinePath = baselineFile(options.baseline);
  const writeBaselinePath = baselineFile(options.writeBaseline);
  return {
    options: {
      ...options,
      paths: named.paths,
      failOn: options.failOnFromFlag ? options.failOn : (project?.failOn ?? DEFAULT_FAIL_ON),
      exclude: [...(config !== undefined ? excludeForWalker(config.config.exclude, config.root) : []), ...options.exclude],
    },
    ...(config !== undefined ? { config } : {}),
    minimumGrade: options.minimumGrade ?? project?.minimumGrade ?? 'info',
    disabledRules: project?.disabledRules ?? [],
    ...(baselinePath !== undefined ? { baselinePath } : {}),
    ...(writeBaselinePath !== undefined ? { writeBaselinePath } : {}),
    ...(stagedRepository !== undefined ? { stagedRepository } : {}),
    excludedNamedFiles: named.excluded,
  };
}

/** Runs the scan and applies the project's policy; with --write-baseline, writes it first and accepts all. */
export async function runProjectScan(project: ProjectScan, io: ScanIo): Promise<ScanReport> {
  const { options } = project;
  const scanned =
    project.stagedRepository !== undefined
      ? await runStagedScan(options, project.stagedRepository, io)
      : options.history !== undefined
        ? await runHistoryScan(options, options.history, io)
        : await runScan(options, io);
  const report = project.excludedNamedFiles.length > 0 ? { ...scanned, skipped: [...project.excludedNamedFiles, ...scanned.skipped] } : scanned;
  const pathIn = (baselinePath: string) => (reported: ReportedFinding) =>
    baselineRelativePath(baselinePath, reported.absolutePath ?? resolve(io.cwd, reported.path));
  let baseline: LoadedBaseline | undefined;
  try {
    if (project.writeBaselinePath !== undefined) {
      const path = project.writeBaselinePath;
      // Every finding the engine reported, whatever the grade or rule: a later change of policy
      // must not bring an accepted secret back as new.
      const pathOf = pathIn(path);
      await writeBaselineFile(
        path,
        shownPath(io.cwd, path),
        formatBaseline(report.findings.map((reported) => ({ path: pathOf(reported), finding: reported.finding }))),
      );
    }
    const readPath = project.baselinePath ?? project.writeBaselinePath;
    if (readPath !== undefined) baseline = await readBaselineFile(readPath, shownPath(io.cwd, readPath));
  } catch (error) {
    if (error instanceof BaselineError) throw new ProjectFileError(error.message);
    throw error;
  }
  return applyFindingPolicy(report, {
    minimumGrade: project.minimumGrade,
    disabledRules: project.disabledRules,
    ...(baseline !== undefined ? { baseline: { shown: baseline.shown, accepted: baseline.accepted, pathOf: pathIn(baseline.path) } } : {}),
  });
}

/** Where the config search starts: the first directory PATH (a file's folder), else the working directory. */
async function configSearchStart(options: ScanCommand, cwd: string): Promise<string> {
  const first = options.paths.find((p) => p !== '-');
  if (first === undefined) return resolve(cwd);
  const absolute = resolve(cwd, first);
  try {
    return (await stat(absolute)).isDirectory() ? absolute : dirname(absolute);
  } catch {
    return resolve(cwd);
  }
}

function shownPath(cwd: string, path: string): string {
  return relative(cwd, path) || path;
}

async function writeBaselineFile(path: string, shown: string, text: string): Promise<void> {
  try {
    await writeFile(path, text, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(`${shown}: cannot write the baseline (${code === 'ENOENT' ? 'its folder does not exist' : (code ?? String(error))})`);
  }
}
