// SARIF 2.1.0 log for GitHub code scanning and other SARIF viewers. One run; every rule of the
// catalogue in tool.driver.rules; results located by 1-based line/column in UTF-16 code units
// (SARIF's default columnKind); skipped files as tool execution notifications; suppressed findings
// as results with an inSource suppression. Never a snippet: the region's text is the secret.
// Revocation: each rule's help has "How to revoke" (the commands with placeholders) and each result
// that still works carries its own commands, names filled in, in `properties.revoke`.
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { gradeLevel, SECURITY_SEVERITY } from '../core/findings/grades';
import { ruleHelpUri, RULES, type RuleInfo } from '../core/findings/rules';
import type { Finding, Grade, RuleId } from '../core/findings/types';
import { revokeScript, revokingDocUri, ruleRevocation, type Revocation } from '../core/revoke/revocation';
import { revokeEntry, type RevokeEntry } from './revokeEntry';
import { SKIP_REASONS, type SkipReason } from '../walker/skipReasons';
import type { ReportedError, ReportedFinding, ReportedSkip, ScanReport } from './scanReport';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_INFORMATION_URI = 'https://github.com/sas-guard/sas-guard';
/** Key of our own fingerprint in partialFingerprints: the hex id of the secret's decoded bytes. */
export const FINGERPRINT_KEY = 'sasGuard/v1';
const SRCROOT = '%SRCROOT%';

/**
 * Code scanning ranks alerts by the rule's `security-severity`, not the result's, so each rule
 * carries the worst grade it can reach (docs/detection.md, "Grades"); each result still has its own grade,
 * level and security-severity in its properties.
 */
export const RULE_WORST_GRADE: Readonly<Record<RuleId, Grade>> = {
  'account-sas': 'critical',
  'service-sas': 'critical',
  'policy-sas': 'critical',
  'user-delegation-sas': 'medium',
  'unknown-sas': 'high',
  'storage-account-key': 'critical',
  'servicebus-sas': 'high',
  'servicebus-key': 'critical',
  'iothub-device-key': 'high',
  'iothub-policy-key': 'critical',
  'iothub-sas': 'high',
  'dps-policy-key': 'high',
};

/** How often a report of the rule is a real secret: unknown-kind SAS tokens are the least certain. */
const RULE_PRECISION: Readonly<Record<RuleId, 'very-high' | 'high' | 'medium'>> = {
  'account-sas': 'very-high',
  'service-sas': 'very-high',
  'policy-sas': 'very-high',
  'user-delegation-sas': 'very-high',
  'unknown-sas': 'medium',
  'storage-account-key': 'high',
  'servicebus-sas': 'very-high',
  'servicebus-key': 'high',
  'iothub-device-key': 'high',
  'iothub-policy-key': 'high',
  'iothub-sas': 'very-high',
  'dps-policy-key': 'high',
};

const SKIP_NOTIFICATIONS: Readonly<Record<SkipReason, { level: Sarif.Notification.level; text: string }>> = {
  binary: { level: 'note', text: 'Skipped a binary file' },
  'too-large': { level: 'warning', text: 'Skipped a file over the size limit (--max-file-size); it was not scanned for secrets' },
  unreadable: { level: 'warning', text: 'Skipped a file that could not be read' },
  'symlink-loop': { level: 'note', text: 'Did not follow a symbolic link to a directory already walked' },
  vanished: { level: 'note', text: 'Skipped a file deleted during the scan' },
  excluded: { level: 'note', text: "Skipped a file named on the command line that the project config's exclude globs leave out" },
};

export function sarifLevel(grade: Grade): Sarif.Result.level {
  const level = gradeLevel(grade);
  return level === 'info' ? 'note' : level;
}

export function buildSarifLog(report: ScanReport): Sarif.Log {
  const ruleIds = Object.keys(RULES) as RuleId[];
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const cwdUri = pathToFileURL(report.cwd).href.replace(/\/?$/, '/');

  const withBaseline = report.baseline !== undefined;
  const result = (reported: ReportedFinding, suppressed: boolean, accepted = false): Sarif.Result => {
    const { finding } = reported;
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId)!,
      level: sarifLevel(finding.grade),
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(reported),
            region: {
              startLine: reported.start.line,
              startColumn: reported.start.column,
              endLine: reported.end.line,
              endColumn: reported.end.column,
            },
          },
          ...historyLocationProperties(reported),
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
      ...(suppressed ? { suppressions: [{ kind: 'inSource', justification: 'sas-guard-ignore comment' }] } : {}),
      // A baseline is an external suppression: code scanning shows the alert as dismissed, not open.
      ...(accepted ? { suppressions: [{ kind: 'external', justification: `accepted in the baseline ${report.baseline?.path ?? ''}` }] } : {}),
      ...(withBaseline && !suppressed ? { baselineState: accepted ? 'unchanged' : 'new' } : {}),
      properties: {
        grade: finding.grade,
        'security-severity': SECURITY_SEVERITY[finding.grade],
        reasons: [...finding.reasons],
        redactedSecret: finding.redactedSecret,
        ...revokeProperty(finding),
        ...(reported.history !== undefined ? { occurrences: { count: reported.history.occurrences, first: reported.history.firstOccurrences } } : {}),
      },
    };
  };

  const notifications: Sarif.Notification[] = report.skipped.map((skip) => {
    const kind = SKIP_NOTIFICATIONS[skip.reason];
    return {
      level: kind.level,
      message: { text: `${kind.text}: ${skip.path}${skip.detail ? ` (${skip.detail})` : ''}` },
      descriptor: { id: `skipped/${skip.reason}`, index: SKIP_REASONS.indexOf(skip.reason) },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(skip) } }],
    };
  });

  const errors = report.errors ?? [];
  for (const error of errors) {
    notifications.push({
      level: 'error',
      message: { text: `Internal error while scanning ${error.path}: ${error.message}` },
      descriptor: { id: 'internal-error', index: SKIP_REASONS.length },
      locations: [{ physicalLocation: { artifactLocation: artifactLocation(error) } }],
    });
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'SAS Guard',
            informationUri: SARIF_INFORMATION_URI,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: ruleIds.map((id) => ruleDescriptor(RULES[id])),
            notifications: SKIP_REASONS.map((reason) => ({
              id: `skipped/${reason}`,
              name: `Skipped${pascalCase(reason)}`,
              shortDescription: { text: SKIP_NOTIFICATIONS[reason].text },
              defaultConfiguration: { level: SKIP_NOTIFICATIONS[reason].level },
            })).concat([
              {
                id: 'internal-error',
                name: 'InternalError',
                shortDescription: { text: 'The engine failed on a file; it was not fully scanned' },
                defaultConfiguration: { level: 'error' },
              },
            ]),
          },
        },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: notifications,
            ...(report.history !== undefined ? { properties: { history: report.history } } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results: [
          ...report.findings.map((f) => result(f, false)),
          ...report.suppressed.map((f) => result(f, true)),
          ...(report.accepted ?? []).map((f) => result(f, false, true)),
        ],
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return JSON.stringify(buildSarifLog(report), null, 2) + '\n';
}

/**
 * A history finding's location is a file as it was at a commit: the commit, its author date and
 * author, and whether HEAD still holds the secret go in the location's properties.
 */
function historyLocationProperties({ history }: ReportedFinding): { properties?: Sarif.PropertyBag } {
  if (history === undefined) return {};
  return { properties: { commit: history.commit, date: history.date, author: history.author, inHead: history.inHead } };
}

/** The result's own revoke commands (names from the token), unless nothing needs revoking. */
function revokeProperty(finding: Finding): { revoke?: RevokeEntry } {
  const entry = revokeEntry(finding);
  return entry !== undefined ? { revoke: entry } : {};
}

/** "How to revoke" for a rule's help: removing the token from code revokes nothing, so it comes first. */
function revokeHelp(plan: Revocation): { text: string; markdown: string } {
  const script = revokeScript(plan);
  const docs = revokingDocUri(plan);
  const warning = 'Removing the token from the code does not revoke it: it still works, and it stays in the history of every clone.';
  return {
    text: `How to revoke: ${plan.action}.\n${script}\n${warning}\n${docs}`,
    markdown:
      `**How to revoke:** ${plan.action.replace(/[<>]/g, (c) => `\\${c}`)}. Replace each \`<placeholder>\`; the result's \`revoke\` property has the names filled in.\n\n` +
      `\`\`\`sh\n${script}\n\`\`\`\n\n${warning} [Revoking leaked credentials](${docs})`,
  };
}

function ruleDescriptor(rule: RuleInfo): Sarif.ReportingDescriptor {
  const helpUri = ruleHelpUri(rule.id);
  const worst = RULE_WORST_GRADE[rule.id];
  const revoke = revokeHelp(ruleRevocation(rule.id));
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\n${revoke.text}\n\nHow to fix: ${rule.fix}\n\n${helpUri}`,
      markdown: `**${rule.title}**\n\n${rule.description}\n\n${revoke.markdown}\n\n**How to fix:** ${rule.fix}\n\n[SAS Guard documentation](${helpUri})`,
    },
    helpUri,
    defaultConfiguration: { level: sarifLevel(worst) },
    properties: {
      tags: ['security', 'secrets', 'azure'],
      precision: RULE_PRECISION[rule.id],
      'security-severity': SECURITY_SEVERITY[worst],
    },
  };
}

/**
 * Files under the working directory get a relative URI against %SRCROOT% (what code scanning
 * expects when the scan runs at the checkout's top); others an absolute file URI.
 */
function artifactLocation(item: Pick<ReportedFinding | ReportedSkip | ReportedError, 'path' | 'absolutePath'>): Sarif.ArtifactLocation {
  if (item.absolutePath !== undefined && (item.path.startsWith('../') || item.path === '..')) {
    return { uri: pathToFileURL(item.absolutePath).href };
  }
  return { uri: item.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
