// The storage (and Cosmos DB) account key family: 64 random bytes, 88 base64 characters ending
// "==". Found in connection strings (AccountKey=), in obvious settings (AZURE_STORAGE_KEY=,
// accountKey = "…", "accountKey": "…"), or anywhere when they carry the "+ASt" marker of
// identifiable storage keys. The grade is assess/grade.ts's.
import type { Anchor } from '../anchors';
import { IDENTIFIABLE_KEY_MARKER, IDENTIFIABLE_MARKER_OFFSET } from '../anchorLiterals';
import { gradeAccountKey } from '../../assess/grade';
import { isDocumentationAccount, isEmulatorKey, isRealAccountKeyShape, looksMadeUp } from '../../assess/placeholders';
import { connectionStringStorageInfo, isConnectionStringSetting, type ConnectionString, type ConnectionStringPair } from '../../parse/connectionString';
import { EMULATOR_ACCOUNT } from '../../parse/hosts';
import { ACCOUNT_KEY_LENGTH, parseKeyAssignment, readAccountKeyAt } from '../../parse/keyAssignment';
import { secretIdentity } from '../../findings/secretIdentity';
import type { Finding, KeyDetails, OffsetRange, TokenContainer } from '../../findings/types';
import { isBase64Char } from '../../util/charClasses';
import type { CredentialFamily, ScanState } from './family';

export const accountKeyFamily: CredentialFamily = {
  name: 'storage account key',
  anchorKinds: ['account-key', 'key', 'identifiable-key'],
  handleAnchor(scan, anchor) {
    if (anchor.index < scan.keyExaminedEnd) return;
    if (anchor.kind === 'identifiable-key') handleIdentifiableKeyAnchor(scan, anchor);
    else if (anchor.kind === 'account-key' && isConnectionStringSetting(scan.text, anchor.index, anchor.length)) scan.reportConnectionStringKeys(anchor);
    else handleKeySettingAnchor(scan, anchor);
  },
  takeConnectionStringPair(scan, cs, pair) {
    // SharedAccessKey is claimed by the Service Bus family, which is asked first.
    if (!pair.key.endsWith('key') || pair.key === 'sharedaccesskeyname') return false;
    reportConnectionStringAccountKey(scan, cs, pair);
    return true;
  },
};

export function isIdentifiableStorageKey(key: string): boolean {
  return key.length === ACCOUNT_KEY_LENGTH && key.startsWith(IDENTIFIABLE_KEY_MARKER, IDENTIFIABLE_MARKER_OFFSET);
}

/** A key that is real-shaped and not an obvious fake. */
export function isPlausibleAccountKey(key: string): boolean {
  return isRealAccountKeyShape(key) && (isEmulatorKey(key) || !looksMadeUp(key));
}

function reportConnectionStringAccountKey(scan: ScanState, cs: ConnectionString, pair: ConnectionStringPair): void {
  const text = scan.text;
  let valueStart = pair.valueStart;
  while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
  const key = readAccountKeyAt(text, valueStart);
  if (!key || !isPlausibleAccountKey(key)) return;
  const accountEndpoint = cs.get('accountendpoint')?.value;
  const cosmos = accountEndpoint !== undefined || /documents\.azure\.(?:com|cn|us)/i.test(text.slice(cs.start, cs.end));
  const info = connectionStringStorageInfo(cs);
  const useDevelopmentStorage = /^true$/i.test(cs.get('usedevelopmentstorage')?.value.trim() ?? '');
  const endpoint = accountEndpoint ?? info.endpoint;
  scan.add(
    buildAccountKeyFinding({
      key,
      cosmos,
      ...(info.account !== undefined ? { account: info.account } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
      range: { start: cs.start, end: cs.end },
      secretRange: { start: valueStart, end: valueStart + key.length },
      container: 'connection-string',
      emulatorContext: info.account === EMULATOR_ACCOUNT || info.host?.emulator === true || useDevelopmentStorage,
      weakContext: !pair.key.endsWith('accountkey') && !/stor|azure|blob|cosmos/.test(pair.key),
    }),
  );
}

/** `key` (or an `AccountKey` not written as a connection-string setting) in a setting's name. */
function handleKeySettingAnchor(scan: ScanState, anchor: Anchor): void {
  const assignment = parseKeyAssignment(scan.text, anchor.index, anchor.length, scan.keyExaminedEnd);
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, assignment.examinedEnd);
  const key = assignment.key;
  if (!key || !isPlausibleAccountKey(key)) return;
  const identifier = assignment.identifier.toLowerCase();
  const storageContext = /account|storage|azure|az|stor|blob|cosmos|conn/.test(identifier);
  scan.add(
    buildAccountKeyFinding({
      key,
      cosmos: identifier.includes('cosmos'),
      range: { start: assignment.valueStart, end: assignment.valueStart + key.length },
      secretRange: { start: assignment.valueStart, end: assignment.valueStart + key.length },
      container: 'key-assignment',
      emulatorContext: false,
      weakContext: !storageContext,
    }),
  );
}

/** The "+ASt" marker of an identifiable storage key, wherever it stands. */
function handleIdentifiableKeyAnchor(scan: ScanState, anchor: Anchor): void {
  const text = scan.text;
  const start = anchor.index - IDENTIFIABLE_MARKER_OFFSET;
  // Cheap checks first, so a run of "+ASt+ASt…" costs constant work per anchor.
  if (start < 0 || text.charCodeAt(anchor.index + 86 - IDENTIFIABLE_MARKER_OFFSET) !== 61) return;
  if (!isBase64Char(text.charCodeAt(start))) return;
  const key = readAccountKeyAt(text, start);
  if (!key || !isIdentifiableStorageKey(key) || !isPlausibleAccountKey(key)) return;
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, start + key.length);
  scan.add(
    buildAccountKeyFinding({
      key,
      cosmos: false,
      range: { start, end: start + key.length },
      secretRange: { start, end: start + key.length },
      container: 'key-assignment',
      emulatorContext: false,
    }),
  );
}

export interface AccountKeyInput {
  readonly key: string;
  readonly cosmos: boolean;
  readonly account?: string;
  readonly endpoint?: string;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  readonly container: TokenContainer;
  /** Emulator context (UseDevelopmentStorage, devstoreaccount1, emulator endpoints). */
  readonly emulatorContext: boolean;
  /** The setting's name says little about storage: grade one step lower. */
  readonly weakContext?: boolean;
}

export function buildAccountKeyFinding(input: AccountKeyInput): Finding {
  const emulatorKey = isEmulatorKey(input.key);
  const emulator = emulatorKey || input.emulatorContext;
  const identifiable = isIdentifiableStorageKey(input.key);
  const documentation = isDocumentationAccount(input.account);
  const kindWords = input.cosmos ? 'Cosmos DB account key' : 'Storage account key';
  const { grade, reasons } = gradeAccountKey({
    cosmos: input.cosmos,
    emulatorKey,
    emulatorContext: input.emulatorContext,
    documentationAccount: documentation,
    weakContext: input.weakContext === true,
    identifiable,
  });
  const details: KeyDetails = {
    type: 'key',
    keyKind: input.cosmos ? 'cosmos-account-key' : 'storage-account-key',
    ...(input.account !== undefined ? { account: input.account } : {}),
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    identifiable,
    emulator,
  };
  const forAccount = input.account ? ` for ${input.account}` : '';
  const note = emulator
    ? ' (public emulator key, not a secret)'
    : documentation
      ? ' (documentation sample account)'
      : ' (full control of the account, never expires)';
  return {
    ruleId: 'storage-account-key',
    grade,
    reasons,
    message: `${kindWords}${forAccount}${note} — ${grade}`,
    range: input.range,
    secretRange: input.secretRange,
    ...secretIdentity(input.key),
    container: input.container,
    encoding: 'plain',
    details,
  };
}
