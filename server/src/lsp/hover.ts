// Hover on a token: a Markdown table of everything decoded from it, the grade and why, and the rule
// link. The secret appears only as its redacted preview (at most four characters).
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, ruleHelpUri } from '../core/findings/rules';
import { revocationFor, revokeScript, revokingDocUri, type Revocation } from '../core/revoke/revocation';
import { serviceBusFormatService } from '../core/assess/notificationHubs';
import { plural } from '../core/util/wording';
import type { Finding, IotHolder, IotKeyDetails, IotSasDetails, IotService, KeyDetails, SasDetails, ServiceBusSasDetails } from '../core/findings/types';
import type { AnalysisOutcome } from './analyze';
import { offsetInside, toRange } from './positions';

type Cell = string | { readonly markdown: string };
type Row = readonly [string, Cell | undefined];

const md = (markdown: string): Cell => ({ markdown });

/**
 * `note`: a last paragraph for a finding, if any (the server's: where the secret was already
 * committed, from the last history scan).
 */
export function hoverAt(document: TextDocument, offset: number, outcome: AnalysisOutcome, note?: (finding: Finding) => string | undefined): Hover | null {
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
    contents: { kind: MarkupKind.Markdown, value: withNote(hoverMarkdown(hit.finding, hit.status), note?.(hit.finding)) },
    range: toRange(document, hit.finding.range),
  };
}

function withNote(markdown: string, note: string | undefined): string {
  return note === undefined ? markdown : `${markdown}\n\n${note}`;
}

/** What to do about a token inside a base64 value, where no edit of the text can fix it in place. */
const BASE64_ADVICE =
  'base64-encoded: the value decodes to this token. Keep it out of the repository: create the Secret at deploy time from a secret store (Azure Key Vault through the Secrets Store CSI driver, or an environment variable), or suppress it if reviewed';

export function hoverMarkdown(finding: Finding, status = 'reported'): string {
  const rule = RULES[finding.ruleId];
  const rows: Row[] = [
    ['Grade', md(`**${finding.grade}**`)],
    ['Why', finding.reasons.length > 0 ? finding.reasons.join('; ') : undefined],
    ['Encoding', finding.encoding === 'base64' ? BASE64_ADVICE : undefined],
    ...detailRows(finding),
    [
      'Written as',
      finding.literalCount !== undefined && finding.literalCount > 1 ? `${finding.literalCount} string literals, joined by the language` : undefined,
    ],
    ['Fingerprint', md(`\`${finding.fingerprint.slice(0, 12)}\``)],
    [finding.details.type === 'key' || finding.details.type === 'iot-key' ? 'Key' : 'Signature', md(`\`${redacted(finding.redactedSecret)}\` (redacted)`)],
    ['Status', status],
  ];
  const table = rows
    .filter((row): row is readonly [string, Cell] => row[1] !== undefined && row[1] !== '')
    .map(([name, value]) => `| ${name} | ${cell(value)} |`);
  return [
    `**SAS Guard: ${escapeMarkdown(headingOf(finding, rule?.title))}** ([${finding.ruleId}](${ruleHelpUri(finding.ruleId)}))`,
    '',
    escapeMarkdown(finding.message),
    '',
    '| | |',
    '|---|---|',
    ...table,
    '',
    ...revocationMarkdown(revocationFor(finding)),
    '',
    rule ? escapeMarkdown(rule.fix) : '',
  ].join('\n');
}

/** The hover's heading: the rule's title, or the service the evidence names where the rule covers several formats alike. */
function headingOf(finding: Finding, title: string | undefined): string {
  const d = finding.details;
  if ((d.type === 'key' || d.type === 'servicebus-sas') && d.service === 'notification-hubs') {
    return `${serviceBusFormatService(true)} ${d.type === 'key' ? 'shared access key' : 'SAS token'}`;
  }
  return title ?? finding.ruleId;
}

/**
 * "How to revoke": the commands in a shell code block (names from the token, placeholders
 * otherwise), what they break, the preventive settings and the safer way to share. Removing the
 * token from the code revokes nothing, so this comes before the fix.
 */
export function revocationMarkdown(plan: Revocation): string[] {
  const script = revokeScript(plan);
  const lines = ['**How to revoke**', ''];
  if (!plan.needed && plan.reason !== undefined) lines.push(escapeMarkdown(plan.reason), '');
  lines.push(`${escapeMarkdown(plan.action)}. Removing the token from the code does not revoke it.`, '');
  if (script !== '') lines.push(...codeBlock(script), '');
  lines.push(`Breaks: ${escapeMarkdown(plan.breaks)}.`, '');
  for (const note of plan.notes) lines.push(`- ${escapeMarkdown(note)}`);
  if (plan.notes.length > 0) lines.push('');
  if (plan.prevention.length > 0) {
    lines.push('**Prevent the next one**', '');
    for (const p of plan.prevention) lines.push(`- ${escapeMarkdown(p.text)}${p.command !== undefined ? `: ${inlineCode(p.command)}` : ''}`);
    lines.push('');
  }
  if (plan.saferSharing.length > 0) lines.push(`**Share it safely next time:** ${plan.saferSharing.map(escapeMarkdown).join('; ')}.`, '');
  lines.push(`[Revoking leaked credentials](${revokingDocUri(plan)})`);
  return lines;
}

/** A fenced block whose fence is longer than any backtick run inside, so no name can close it early. */
function codeBlock(text: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}sh`, text, fence];
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
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
    case 'iot-key':
    case 'iot-sas':
      return iotRows(d);
  }
}

const SAS_KIND_WORDS: Record<SasDetails['kind'], string> = {
  account: 'account SAS (signed with the account key)',
  service: 'service SAS (signed with the account key)',
  'user-delegation': 'user delegation SAS (signed with an Entra ID user delegation key)',
  policy: 'service SAS bound to a stored access policy',
  unknown: 'storage SAS of unknown kind',
};

/** A storage SAS row, with the query parameters it shows: the ones no row shows are listed as they are. */
type SasRow = readonly [string, Cell | undefined, shows?: readonly string[]];

/** Never listed: the signature is the secret (the Signature row shows its redacted preview). */
const UNLISTED_SAS_PARAMETERS = ['sig'];

function sasRows(d: SasDetails): Row[] {
  const ud = d.userDelegation;
  const rows: SasRow[] = [
    ['Kind', SAS_KIND_WORDS[d.kind]],
    ['Account', d.account],
    ['Host', d.host],
    ['Path', d.path],
    ['Services', list(d.services), ['ss']],
    ['Resource types', list(d.resourceTypes), ['srt']],
    ['Resource', d.resource, ['sr']],
    ['Table', d.tableName, ['tn']],
    ['Directory depth', d.directoryDepth?.toString(), ['sdd']],
    [
      'Permissions',
      d.permissions.length > 0
        ? d.permissions.map((p) => `${p.name} (${p.letter})`).join(', ')
        : d.permissionLetters !== undefined
          ? d.permissionLetters
          : 'none stated (the stored access policy decides)',
      ['sp'],
    ],
    ['Start', d.start ?? 'not set (valid from when it was signed)', ['st']],
    ['Expiry', d.expiry, ['se']],
    ['Effective expiry', d.effectiveExpiry !== undefined && d.effectiveExpiry !== d.expiry ? d.effectiveExpiry : undefined],
    ['Time left', timeLeft(d.expired, d.timeLeftMs)],
    ['Protocol', d.protocol === undefined ? 'https or http (not restricted)' : d.protocol, ['spr']],
    ['IP range', d.ipRange ?? 'any', ['sip']],
    ['Signed version', d.signedVersion, ['sv']],
    ['Stored access policy', d.policyId, ['si']],
    ['Encryption scope', d.encryptionScope, ['ses']],
    ['Key object id', ud?.objectId, ['skoid']],
    ['Key tenant id', ud?.tenantId, ['sktid']],
    ['Key start', ud?.keyStart, ['skt']],
    ['Key expiry', ud?.keyExpiry, ['ske']],
    ['Key service', ud?.keyService, ['sks']],
    ['Key version', ud?.keyVersion, ['skv']],
    ['Delegated user', ud?.delegatedUserObjectId, ['sduoid']],
    ['Bound to request headers/query', d.requestBound ? 'yes' : undefined],
    ['Emulator', d.emulator ? 'yes (Azurite / storage emulator)' : undefined],
  ];
  const shown = new Set([...UNLISTED_SAS_PARAMETERS, ...rows.flatMap(([, , shows = []]) => shows)]);
  const others = Object.entries(d.parameters)
    .filter(([key]) => !shown.has(key))
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  return [...rows.map(([name, value]): Row => [name, value]), ['Other parameters', others === '' ? undefined : others]];
}

const KEY_KIND_WORDS: Record<KeyDetails['keyKind'], string> = {
  'storage-account-key': 'storage account key (full control of the account, never expires)',
  'cosmos-account-key': 'Cosmos DB account key',
  'servicebus-key': `${serviceBusFormatService(false)} shared access key`,
};

function keyRows(d: KeyDetails): Row[] {
  return [
    ['Kind', d.service === 'notification-hubs' ? `${serviceBusFormatService(true)} shared access key` : KEY_KIND_WORDS[d.keyKind]],
    ['Account', d.account],
    ['Endpoint', d.endpoint],
    ['Key name', d.keyName],
    ['Entity', d.entityPath],
    ['Evidence', d.evidence],
    ['Identifiable key', identifiableWords(d)],
    ['Emulator', d.emulator ? 'yes: for a local emulator, not an Azure account' : undefined],
    ['Expiry', 'never (until the key is rotated)'],
  ];
}

function identifiableWords(d: KeyDetails): string | undefined {
  if (!d.identifiable) return undefined;
  if (d.checksumVerified === undefined) return 'yes';
  return d.checksumVerified ? 'yes (checksum verified)' : '+ASt marker, but the checksum does not verify';
}

function serviceBusRows(d: ServiceBusSasDetails): Row[] {
  return [
    ['Kind', `${serviceBusFormatService(d.service === 'notification-hubs')} SAS token`],
    ['Resource', d.resource],
    ['Key name', d.keyName],
    ['Expiry', d.expiry],
    ['Time left', timeLeft(d.expired, d.timeLeftMs)],
  ];
}

const IOT_SERVICE_WORDS: Record<IotService, string> = { 'iot-hub': 'IoT Hub', 'device-provisioning': 'Device Provisioning Service' };

/** What an IoT key or SAS token is, by who holds the key: [as a key, as a SAS token]. */
const IOT_HOLDER_WORDS: Record<IotHolder, { readonly key: string; readonly sas: string }> = {
  device: { key: 'device key', sas: 'SAS token of a device (signed with its key)' },
  module: { key: 'module key', sas: 'SAS token of a module (signed with its key)' },
  policy: { key: 'shared access policy key', sas: 'SAS token signed with a shared access policy key' },
  registration: { key: 'device registration key', sas: 'SAS token of a device registration' },
  unknown: { key: 'shared access key (no policy or device named)', sas: 'SAS token' },
};

/** An IoT key's or SAS token's rows: a row only one of the two has is empty for the other. */
function iotRows(d: IotKeyDetails | IotSasDetails): Row[] {
  const key = d.type === 'iot-key' ? d : undefined;
  const token = d.type === 'iot-sas' ? d : undefined;
  return [
    ['Kind', `${IOT_SERVICE_WORDS[d.service]} ${key ? IOT_HOLDER_WORDS[d.holder].key : IOT_HOLDER_WORDS[d.holder].sas}`],
    [d.service === 'iot-hub' ? 'Hub' : 'Service', d.host],
    ['Device', d.deviceId],
    ['Module', d.moduleId],
    ['ID scope', key?.idScope],
    ['Registration', d.registrationId],
    ['Policy', d.keyName],
    ['Resource', token?.resource],
    ['Allows', d.allows],
    ['Expiry', token ? (token.expiry ?? 'none (se missing: the service rejects the token)') : 'never (until the key is regenerated)'],
    ['Time left', token ? timeLeft(token.expired, token.timeLeftMs) : undefined],
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

/** At most four characters of a secret, then an ellipsis, whatever the engine handed over. */
export function redacted(preview: string): string {
  const body = preview.replace(/\u2026$/, '');
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
