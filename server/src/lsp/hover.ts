// Hover on a token: a Markdown table of everything decoded from it, the grade and why, and the rule
// link. The secret appears only as its redacted preview (at most four characters).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, ruleHelpUri } from '../core/findings/rules';
import type { Finding, KeyDetails, SasDetails, ServiceBusSasDetails } from '../core/findings/types';
import type { AnalysisOutcome } from './analyze';
import { offsetInside, toRange } from './positions';

type Cell = string | { readonly markdown: string };
type Row = readonly [string, Cell | undefined];

const md = (markdown: string): Cell => ({ markdown });

export function hoverAt(document: TextDocument, offset: number, outcome: AnalysisOutcome): Hover | null {
  if (outcome.kind !== 'checked') return null;
  const candidates: { finding: Finding; status: string }[] = [
    ...outcome.findings.map((finding) => ({ finding, status: 'reported' })),
    ...outcome.suppressed.map((finding) => ({ finding, status: 'suppressed by a sas-guard-ignore comment' })),
    ...outcome.belowMinimum.map((finding) => ({ finding, status: 'not reported (below sasGuard.minimumGrade)' })),
  ];
  const hit = candidates
    .filter((c) => offsetInside(offset, c.finding.range))
    .sort((a, b) => a.finding.range.end - a.finding.range.start - (b.finding.range.end - b.finding.range.start))[0];
  if (hit === undefined) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(hit.finding, hit.status) },
    range: toRange(document, hit.finding.range),
  };
}

export function hoverMarkdown(finding: Finding, status = 'reported'): string {
  const rule = RULES[finding.ruleId];
  const rows: Row[] = [
    ['Grade', md(`**${finding.grade}**`)],
    ['Why', finding.reasons.length > 0 ? finding.reasons.join('; ') : undefined],
    ...detailRows(finding),
    ['Written as', finding.literalCount !== undefined && finding.literalCount > 1 ? `${finding.literalCount} string literals, joined by the language` : undefined],
    ['Fingerprint', md(`\`${finding.fingerprint.slice(0, 12)}\``)],
    [finding.details.type === 'key' ? 'Key' : 'Signature', md(`\`${redacted(finding.redactedSecret)}\` (redacted)`)],
    ['Status', status],
  ];
  const table = rows
    .filter((row): row is readonly [string, Cell] => row[1] !== undefined && row[1] !== '')
    .map(([name, value]) => `| ${name} | ${cell(value)} |`);
  return [
    `**SAS Guard: ${escapeMarkdown(rule?.title ?? finding.ruleId)}** ([${finding.ruleId}](${ruleHelpUri(finding.ruleId)}))`,
    '',
    escapeMarkdown(finding.message),
    '',
    '| | |',
    '|---|---|',
    ...table,
    '',
    rule ? escapeMarkdown(rule.fix) : '',
  ].join('\n');
}

function detailRows(finding: Finding): Row[] {
  const d = finding.details;
  switch (d.type) {
    case 'sas':
      return sasRows(d);
    case 'key':
      return keyRows(d);
    case 'servicebus-sas':
      return serviceBusRows(d);
  }
}

const SAS_KIND_WORDS: Record<SasDetails['kind'], string> = {
  account: 'account SAS (signed with the account key)',
  service: 'service SAS (signed with the account key)',
  'user-delegation': 'user delegation SAS (signed with an Entra ID user delegation key)',
  policy: 'service SAS bound to a stored access policy',
  unknown: 'storage SAS of unknown kind',
};

function sasRows(d: SasDetails): Row[] {
  const ud = d.userDelegation;
  const covered = new Set(['sv', 'ss', 'srt', 'sr', 'sp', 'st', 'se', 'spr', 'sip', 'si', 'sig', 'tn', 'sdd', 'ses',
    'skoid', 'sktid', 'skt', 'ske', 'sks', 'skv', 'sduoid']);
  const others = Object.entries(d.parameters)
    .filter(([key]) => !covered.has(key))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [
    ['Kind', SAS_KIND_WORDS[d.kind]],
    ['Account', d.account],
    ['Host', d.host],
    ['Path', d.path],
    ['Services', list(d.services)],
    ['Resource types', list(d.resourceTypes)],
    ['Resource', d.resource],
    ['Table', d.tableName],
    ['Directory depth', d.directoryDepth?.toString()],
    ['Permissions', d.permissions.length > 0
      ? d.permissions.map((p) => `${p.name} (${p.letter})`).join(', ')
      : d.permissionLetters !== undefined ? d.permissionLetters : 'none stated (the stored access policy decides)'],
    ['Start', d.start ?? 'not set (valid from when it was signed)'],
    ['Expiry', d.expiry],
    ['Effective expiry', d.effectiveExpiry !== undefined && d.effectiveExpiry !== d.expiry ? d.effectiveExpiry : undefined],
    ['Time left', timeLeft(d.expired, d.timeLeftMs)],
    ['Protocol', d.protocol === undefined ? 'https or http (not restricted)' : d.protocol],
    ['IP range', d.ipRange ?? 'any'],
    ['Signed version', d.signedVersion],
    ['Stored access policy', d.policyId],
    ['Encryption scope', d.encryptionScope],
    ['Key object id', ud?.objectId],
    ['Key tenant id', ud?.tenantId],
    ['Key start', ud?.keyStart],
    ['Key expiry', ud?.keyExpiry],
    ['Key service', ud?.keyService],
    ['Key version', ud?.keyVersion],
    ['Delegated user', ud?.delegatedUserObjectId],
    ['Bound to request headers/query', d.requestBound ? 'yes' : undefined],
    ['Emulator', d.emulator ? 'yes (Azurite / storage emulator)' : undefined],
    ['Other parameters', others === '' ? undefined : others],
  ];
}

const KEY_KIND_WORDS: Record<KeyDetails['keyKind'], string> = {
  'storage-account-key': 'storage account key (full control of the account, never expires)',
  'cosmos-account-key': 'Cosmos DB account key',
  'servicebus-key': 'Service Bus / Event Hubs shared access key',
};

function keyRows(d: KeyDetails): Row[] {
  return [
    ['Kind', KEY_KIND_WORDS[d.keyKind]],
    ['Account', d.account],
    ['Endpoint', d.endpoint],
    ['Key name', d.keyName],
    ['Entity', d.entityPath],
    ['Identifiable key', d.identifiable ? 'yes' : undefined],
    ['Emulator', d.emulator ? 'yes (the public emulator key)' : undefined],
    ['Expiry', 'never (until the key is rotated)'],
  ];
}

function serviceBusRows(d: ServiceBusSasDetails): Row[] {
  return [
    ['Kind', 'Service Bus / Event Hubs SAS token'],
    ['Resource', d.resource],
    ['Key name', d.keyName],
    ['Expiry', d.expiry],
    ['Time left', timeLeft(d.expired, d.timeLeftMs)],
  ];
}

function list(values: readonly string[]): string | undefined {
  return values.length > 0 ? values.join(', ') : undefined;
}

export function timeLeft(expired: boolean, ms: number | undefined): string | undefined {
  if (ms === undefined) return expired ? 'expired' : undefined;
  if (expired || ms <= 0) return `expired ${duration(-ms)} ago`;
  return duration(ms);
}

export function duration(ms: number): string {
  const minute = 60_000;
  const hour = 60 * minute;
  const day = 24 * hour;
  const year = 365.25 * day;
  const abs = Math.abs(ms);
  if (abs >= year) {
    const years = Math.floor(abs / year);
    const days = Math.floor((abs - years * year) / day);
    return `${plural(years, 'year')}${days > 0 ? ` ${plural(days, 'day')}` : ''}`;
  }
  if (abs >= day) {
    const days = Math.floor(abs / day);
    const hours = Math.floor((abs - days * day) / hour);
    return `${plural(days, 'day')}${hours > 0 ? ` ${plural(hours, 'hour')}` : ''}`;
  }
  if (abs >= hour) return plural(Math.floor(abs / hour), 'hour');
  return plural(Math.max(1, Math.floor(abs / minute)), 'minute');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** At most four characters of a secret, then an ellipsis, whatever the engine handed over. */
export function redacted(preview: string): string {
  const body = preview.replace(/…$/, '');
  return `${body.slice(0, 4)}…`;
}

function cell(value: Cell): string {
  // Pipes and newlines would break the table; plain values are escaped, prepared Markdown is kept.
  const text = typeof value === 'string' ? escapeMarkdown(value) : value.markdown.replace(/\|/g, '\\|');
  return text.replace(/\r?\n/g, ' ');
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}
