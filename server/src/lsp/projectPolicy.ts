// The project config (.sas-guard.json) and the baseline in the language server: read per workspace
// folder with the CLI's own loader (config/loadProjectConfig.ts, baseline/baselineFile.ts), cached
// until either file changes (didChangeWatchedFiles), and applied on top of the editor settings:
// exclude globs add up, the stricter minimum grade wins, disabled rules are not reported, and a
// finding the baseline accepts becomes info, "accepted in the baseline". A bad file is shown once
// (window/showMessage and a diagnostic on the file) and the server goes on with the defaults.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { DiagnosticSeverity, MessageType, type Connection, type Diagnostic, type Range } from 'vscode-languageserver';
import { gradeAtLeast, type Grade } from '../core/findings/grades';
import type { Finding } from '../core/findings/types';
import { BaselineError } from '../baseline/baseline';
import { baselineRelativePath, readBaselineFile, type LoadedBaseline } from '../baseline/baselineFile';
import { createConfigExcludeTest, excludeForWalker } from '../config/configExclude';
import { findProjectConfig, readProjectConfig, repositoryTop } from '../config/loadProjectConfig';
import { DEFAULT_BASELINE_FILE, PROJECT_CONFIG_FILE, ProjectConfigError } from '../config/projectConfig';
import { DIAGNOSTIC_SOURCE } from './protocol';
import type { PublishedDiagnostics } from './publishedDiagnosticsRegistry';
import type { Settings } from './settings';
import { pathToUri } from './uris';

/** What the project decided, for one workspace folder. */
export interface ProjectPolicy {
  readonly excluded: (filePath: string) => boolean;
  /** The config's exclude globs for the walker (the workspace scan). */
  readonly walkerExclude: readonly string[];
  readonly minimumGrade?: Grade;
  readonly disabledRules: ReadonlySet<string>;
  readonly baseline?: LoadedBaseline;
}

const NO_POLICY: ProjectPolicy = { excluded: () => false, walkerExclude: [], disabledRules: new Set() };

/** Said in a finding's message and hover when the baseline accepts it. */
export const ACCEPTED_NOTE = 'accepted in the baseline';
const GRADE_SUFFIX = / \u2014 (?:critical|high|medium|low|info)$/;

/** The settings with the project's policy applied on top (see the header). */
export function withProjectPolicy(settings: Settings, policy: ProjectPolicy): Settings {
  const minimumGrade =
    policy.minimumGrade !== undefined && gradeAtLeast(policy.minimumGrade, settings.minimumGrade) ? policy.minimumGrade : settings.minimumGrade;
  return { ...settings, minimumGrade, project: policy };
}

/** The findings of the file at `filePath` as the project wants them: disabled rules out, accepted ones info. */
export function applyProjectPolicy(findings: readonly Finding[], filePath: string | undefined, policy: ProjectPolicy | undefined): Finding[] {
  return findings.flatMap((finding) => {
    const kept = projectFinding(finding, filePath, policy);
    return kept === undefined ? [] : [kept];
  });
}

/** One finding as the project wants it; undefined when its rule is turned off. */
export function projectFinding(finding: Finding, filePath: string | undefined, policy: ProjectPolicy | undefined): Finding | undefined {
  if (policy === undefined) return finding;
  if (policy.disabledRules.has(finding.ruleId)) return undefined;
  const { baseline } = policy;
  if (baseline === undefined || filePath === undefined) return finding;
  return baseline.accepted.accepts(baselineRelativePath(baseline.path, filePath), finding) ? asAccepted(finding, baseline.shown) : finding;
}

/** A finding the baseline accepts: grade info, the message and the hover's reasons say so. */
export function asAccepted(finding: Finding, baselineName: string): Finding {
  const was = finding.grade === 'info' ? '' : ` (${finding.grade} otherwise)`;
  return {
    ...finding,
    grade: 'info',
    message: `${finding.message.replace(GRADE_SUFFIX, '')}; ${ACCEPTED_NOTE} ${baselineName} — info`,
    reasons: [`${ACCEPTED_NOTE} ${baselineName}: an accepted secret, still to be revoked${was}`, ...finding.reasons],
  };
}

export class ProjectPolicies {
  private readonly byFolder = new Map<string, Promise<ProjectPolicy>>();
  /** Files whose change means reading again: every config and baseline seen, and their default names. */
  private readonly watched = new Set<string>();
  /** Messages already shown, so a bad file is announced once, not on every document. */
  private readonly shown = new Set<string>();
  private readonly problemUris = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly published: PublishedDiagnostics,
    private readonly log: (message: string) => void,
  ) {}

  /** The policy of the workspace folder at `folder` (a path), read once and cached. */
  forFolder(folder: string): Promise<ProjectPolicy> {
    let entry = this.byFolder.get(folder);
    if (entry === undefined) {
      entry = this.load(folder).catch((error: unknown) => {
        this.log(`Could not read the project config for ${folder}: ${String(error)}`);
        return NO_POLICY;
      });
      this.byFolder.set(folder, entry);
    }
    return entry;
  }

  /** Whether a change of this file (a path) means reading the policies again. */
  isProjectFile(filePath: string): boolean {
    return path.basename(filePath) === PROJECT_CONFIG_FILE || path.basename(filePath) === DEFAULT_BASELINE_FILE || this.watched.has(filePath);
  }

  invalidate(): void {
    this.byFolder.clear();
    this.shown.clear();
  }

  private async load(folder: string): Promise<ProjectPolicy> {
    const problems = new Map<string, Diagnostic[]>();
    let policy = NO_POLICY;
    const configPath = await findProjectConfig(folder);
    const root = configPath !== undefined ? path.dirname(configPath) : ((await repositoryTop(folder)) ?? folder);
    let baselineName = DEFAULT_BASELINE_FILE;
    if (configPath !== undefined) {
      this.watched.add(configPath);
      try {
        const { config } = await readProjectConfig(configPath, root);
        baselineName = config.baseline ?? DEFAULT_BASELINE_FILE;
        policy = {
          excluded: createConfigExcludeTest(config.exclude, root),
          walkerExclude: excludeForWalker(config.exclude, root),
          ...(config.minimumGrade !== undefined ? { minimumGrade: config.minimumGrade } : {}),
          disabledRules: new Set(config.disabledRules),
        };
      } catch (error) {
        if (!(error instanceof ProjectConfigError)) throw error;
        problems.set(configPath, [this.problem(error.message, await fieldRange(configPath, error.field))]);
      }
    }
    const baselinePath = path.resolve(root, baselineName);
    this.watched.add(baselinePath);
    try {
      policy = { ...policy, baseline: await readBaselineFile(baselinePath, path.relative(root, baselinePath)) };
    } catch (error) {
      if (!(error instanceof BaselineError)) throw error;
      // No baseline is the usual case: only a file that exists and is wrong is a problem.
      if (!/baseline does not exist/.test(error.message)) problems.set(baselinePath, [this.problem(error.message)]);
    }
    this.report(folder, problems);
    return policy;
  }

  private problem(message: string, range: Range = FIRST_CHARACTER): Diagnostic {
    return {
      range,
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      code: 'project-config',
      message: `${message}. SAS Guard uses the defaults until it is fixed.`,
    };
  }

  /** Shows each new problem once and puts it on its file; clears the files that are fine again. */
  private report(folder: string, problems: Map<string, Diagnostic[]>): void {
    for (const file of [...this.watched].filter((f) => f.startsWith(folder) || problems.has(f))) {
      const uri = pathToUri(file);
      const diagnostics = problems.get(file) ?? [];
      if (diagnostics.length === 0 && !this.problemUris.has(uri)) continue;
      if (diagnostics.length > 0) this.problemUris.add(uri);
      else this.problemUris.delete(uri);
      this.published.setProjectFileProblems(uri, diagnostics);
    }
    for (const diagnostics of problems.values()) {
      for (const { message } of diagnostics) {
        const text = typeof message === 'string' ? message : message.value;
        if (this.shown.has(text)) continue;
        this.shown.add(text);
        void this.connection.sendNotification('window/showMessage', { type: MessageType.Error, message: `SAS Guard: ${text}` });
      }
    }
  }
}

const FIRST_CHARACTER: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };

/** Where the config names `field` (its first `"field"` key), so the error sits on it; else the first character. */
async function fieldRange(configPath: string, field: string | undefined): Promise<Range> {
  if (field === undefined) return FIRST_CHARACTER;
  let text: string;
  try {
    text = await readFile(configPath, 'utf8');
  } catch {
    return FIRST_CHARACTER;
  }
  const at = text.indexOf(JSON.stringify(field));
  if (at === -1) return FIRST_CHARACTER;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  const character = at - (before.lastIndexOf('\n') + 1);
  return { start: { line, character }, end: { line, character: character + JSON.stringify(field).length } };
}
