// The storage (and Cosmos DB) account key family: 64 random bytes, 88 base64 characters ending
// "==". A 64-byte value is any secret's shape (JWT, HMAC, AES keys, hashes), so it is claimed as an
// account key only with evidence (assess/storageEvidence.ts): in a connection string (AccountKey=),
// under a setting named for storage (AZURE_STORAGE_KEY=, "storageAccountKey": {"value": …},
// <Setting Name="StorageAccountKey">…<Value>…), as a storage SDK call's key, next to an account
// name or endpoint, or as an identifiable "+ASt" key whose checksum verifies. The message says
// which. The grade is assess/grade.ts's.
import { isCosmosMongoHostAt, type Anchor } from '../anchors';
import { IDENTIFIABLE_KEY_MARKER, IDENTIFIABLE_MARKER_OFFSET } from '../anchorLiterals';
import { gradeAccountKey } from '../../assess/grade';
import { isDocumentationAccount, isPublicSampleKey, isRealAccountKeyShape, looksMadeUp, publicEmulatorKey } from '../../assess/placeholders';
import { connectionStringStorageInfo, isConnectionStringSetting, type ConnectionString, type ConnectionStringPair } from '../../parse/connectionString';
import { EMULATOR_ACCOUNT } from '../../parse/hosts';
import { ACCOUNT_KEY_LENGTH, parseKeyAssignment, readAccountKeyAt, settingNameBefore } from '../../parse/keyAssignment';
import { isVerifiedIdentifiableStorageKey } from '../../assess/identifiableKey';
import {
  callEvidence,
  describeEvidence,
  keyNameVerdict,
  listKeysResponse,
  nearbyStorageEvidence,
  parentNameVerdict,
  type StorageEvidence,
} from '../../assess/storageEvidence';
import { secretIdentity } from '../../findings/secretIdentity';
import type { Finding, KeyDetails, OffsetRange, TokenContainer } from '../../findings/types';
import { isBase64Char } from '../../util/charClasses';
import { ownCopy } from '../../util/ownCopy';
import type { CredentialFamily, ScanState } from './family';
import { handlePercentEncodedConnectionStringKey, isPercentEncodedSetting } from './percentEncodedConnectionString';
import { decodeKeyEscapes } from '../../parse/percentEncodedKey';
import { handleSlashEscapedConnectionStringKey } from './slashEscapedConnectionString';

export const accountKeyFamily: CredentialFamily = {
  name: 'storage account key',
  anchorKinds: ['account-key', 'key', 'identifiable-key', 'argument-key', 'userinfo-key'],
  handleAnchor(scan, anchor) {
    if (anchor.index < scan.keyExaminedEnd) return;
    if (anchor.kind === 'identifiable-key') handleIdentifiableKeyAnchor(scan, anchor);
    else if (anchor.kind === 'argument-key') handleArgumentKeyAnchor(scan, anchor);
    else if (anchor.kind === 'userinfo-key') handleUserinfoKeyAnchor(scan, anchor);
    else if (anchor.kind === 'account-key' && isPercentEncodedSetting(scan.text, anchor.index, anchor.length))
      handlePercentEncodedConnectionStringKey(scan, anchor);
    else if (anchor.kind === 'account-key' && isConnectionStringSetting(scan.text, anchor.index, anchor.length)) {
      if (!handleSlashEscapedConnectionStringKey(scan, anchor)) scan.reportConnectionStringKeys(anchor);
    } else handleKeySettingAnchor(scan, anchor);
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

/**
 * The last keys judged by isPlausibleAccountKey, with their verdicts: a text that repeats one key (a
 * line of copies, one made-up key in every setting of a test file) has it judged once, not at each
 * copy. A verdict depends on the key's characters alone. Each is kept as a copy of its own (ownCopy.ts).
 */
const JUDGED_KEYS = 8;
const judgedKeys: string[] = [];
const judgedVerdicts: boolean[] = [];
let nextJudged = 0;

/** A key that is real-shaped and not an obvious fake. */
export function isPlausibleAccountKey(key: string): boolean {
  for (let i = 0; i < judgedKeys.length; i++) if (judgedKeys[i] === key) return judgedVerdicts[i]!;
  const verdict = isRealAccountKeyShape(key) && (publicEmulatorKey(key) !== undefined || !looksMadeUp(key));
  judgedKeys[nextJudged] = ownCopy(key);
  judgedVerdicts[nextJudged] = verdict;
  nextJudged = (nextJudged + 1) % JUDGED_KEYS;
  return verdict;
}

function reportConnectionStringAccountKey(scan: ScanState, cs: ConnectionString, pair: ConnectionStringPair): void {
  const text = scan.text;
  let valueStart = pair.valueStart;
  while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
  const key = readAccountKeyAt(text, valueStart);
  if (!key || !isPlausibleAccountKey(key)) return;
  scan.add(
    connectionStringKeyFinding(cs, text.slice(cs.start, cs.end), key, { start: cs.start, end: cs.end }, { start: valueStart, end: valueStart + key.length }),
  );
}

/**
 * The finding of an account key read from the connection string `cs` (whose text is `csText`): its
 * account, endpoint, cloud and emulator context are the string's. `range` and `secretRange` are
 * where the string and the key stand in the scanned text (elsewhere than in `cs` when the string
 * was decoded first).
 */
export function connectionStringKeyFinding(cs: ConnectionString, csText: string, key: string, range: OffsetRange, secretRange: OffsetRange): Finding {
  const accountEndpoint = cs.get('accountendpoint')?.value;
  const cosmos = accountEndpoint !== undefined || /documents\.azure\.(?:com|cn|us)/i.test(csText);
  const info = connectionStringStorageInfo(cs);
  const useDevelopmentStorage = /^true$/i.test(cs.get('usedevelopmentstorage')?.value.trim() ?? '');
  const endpoint = accountEndpoint ?? info.endpoint;
  return buildAccountKeyFinding({
    key,
    cosmos,
    ...(info.account !== undefined ? { account: info.account } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    range,
    secretRange,
    container: 'connection-string',
    emulatorContext: info.account === EMULATOR_ACCOUNT || info.host?.emulator === true || useDevelopmentStorage,
  });
}

/** `key` (or an `AccountKey` not written as a connection-string setting) in a setting's name. */
function handleKeySettingAnchor(scan: ScanState, anchor: Anchor): void {
  const assignment = parseKeyAssignment(scan.text, anchor.index, anchor.length, scan.keyExaminedEnd);
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, assignment.examinedEnd);
  const key = assignment.key;
  if (key) {
    if (isPlausibleAccountKey(key)) reportKeyWithEvidence(scan, key, assignment.valueStart, assignment.identifier);
    return;
  }
  // The anchor's name is not followed by the key (a call, `name(WRAPPER("…"))`, a generic
  // assignment further on): the key-shaped run the anchor was found for is judged on its own, by
  // the anchor closest before it only, so that a better-named anchor in between is asked first.
  const run = anchor.keyRun;
  if (run === undefined || run < scan.keyExaminedEnd || hasKeyWordBetween(scan.text, anchor.index + anchor.length, run)) return;
  const runKey = readAccountKeyAt(scan.text, run);
  if (!runKey || !isPlausibleAccountKey(runKey)) return;
  reportKeyWithEvidence(scan, runKey, run, settingNameBefore(scan.text, run));
}

/** Whether another `key` (any case) stands in [from, to): a closer anchor owns the run then. */
function hasKeyWordBetween(text: string, from: number, to: number): boolean {
  return KEY_WORD_PATTERN.test(text.slice(from, to));
}
const KEY_WORD_PATTERN = /key/i;

/**
 * A key-shaped call argument with no key word before it: reported only when the call is a storage
 * SDK's (`new StorageCredentials("acct", "…")`), which is the evidence and may name the account.
 */
function handleArgumentKeyAnchor(scan: ScanState, anchor: Anchor): void {
  const key = readAccountKeyAt(scan.text, anchor.index);
  if (!key || !isPlausibleAccountKey(key) || callEvidence(scan.text, anchor.index)?.evidence === undefined) return;
  reportKeyWithEvidence(scan, key, anchor.index, undefined);
}

/**
 * A key-shaped URL password: a Cosmos DB account key when the URL's host is a Cosmos DB account's
 * (the password of its MongoDB connection string is the account's key); any other host's password
 * is no claim (MongoDB Atlas, a self-hosted server).
 */
function handleUserinfoKeyAnchor(scan: ScanState, anchor: Anchor): void {
  const text = scan.text;
  const end = anchor.index + anchor.length;
  // The anchor search found the host already (anchors.ts); asked again for a caller's own anchors.
  if (!isCosmosMongoHostAt(text, end)) return;
  // As written, or percent-encoded (`%2B`, `%2F`, `%3D`: the anchor is then longer than the key).
  const key =
    anchor.length === ACCOUNT_KEY_LENGTH ? readAccountKeyAt(text, anchor.index) : readAccountKeyAt(decodeKeyEscapes(text.slice(anchor.index, end)), 0);
  if (!key || !isPlausibleAccountKey(key)) return;
  reportKeyWithEvidence(scan, key, anchor.index, undefined, end);
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
  reportKeyWithEvidence(scan, key, start, settingNameBefore(text, start));
}

/**
 * Reports a 64-byte value as a storage or Cosmos DB account key when the evidence says it is one
 * (assess/storageEvidence.ts), naming the account when the surroundings do; otherwise nothing.
 */
function reportKeyWithEvidence(scan: ScanState, key: string, valueStart: number, identifier: string | undefined, valueEnd = valueStart + key.length): void {
  const text = scan.text;
  // The value as written: longer than the key where it is percent-encoded.
  const secretRange = { start: valueStart, end: valueEnd };
  const verdict = identifier !== undefined ? keyNameVerdict(identifier) : 'generic';
  const verified = isVerifiedIdentifiableStorageKey(key);
  // The public emulator key is known by its value (also with a character or two changed, as tests
  // do): reported (as info) whatever holds it.
  const emulatorKey = publicEmulatorKey(key) !== undefined;
  if (verdict === 'other-purpose' && !verified && !emulatorKey) return;
  const call = verdict === 'storage' || verdict === 'cosmos' ? undefined : callEvidence(text, valueStart);
  const calleeVerdict = call?.calleeName !== undefined ? keyNameVerdict(call.calleeName) : undefined;
  if (calleeVerdict === 'other-purpose' && !verified && !emulatorKey) return;
  // A generic name inside a named object (`"Jwt": { "Key": … }`, `AzureStorage: { key: … }`) takes the object's name.
  const parent = verdict === 'generic' || verdict === 'access' ? parentNameVerdict(text, secretRange) : undefined;
  if (parent?.verdict === 'other-purpose' && !verified && !emulatorKey) return;
  let evidence: StorageEvidence | undefined;
  let inferred = false;
  if (verified) evidence = { kind: 'identifiable' };
  else if (verdict === 'storage' || verdict === 'cosmos') evidence = { kind: 'name', name: identifier! };
  else if (call?.evidence) evidence = call.evidence;
  else if (calleeVerdict === 'storage' || calleeVerdict === 'cosmos') evidence = { kind: 'name', name: call!.calleeName! };
  else if (parent?.verdict === 'storage' || parent?.verdict === 'cosmos') evidence = { kind: 'name', name: `${parent.name}.${identifier ?? 'key'}` };
  // `{"keyName": "key1", "value": …}`: a storage account's listKeys response (a recording, an az dump).
  const listKeys = evidence === undefined ? listKeysResponse(text, secretRange) : undefined;
  if (listKeys !== undefined) evidence = { kind: 'list-keys' };
  // A named key looks one level further out for its account (the parameters around an ARM value).
  const nearby = nearbyStorageEvidence(text, secretRange, evidence ? 1 : 0, identifier);
  if (!evidence && nearby) {
    evidence = nearby.evidence;
    inferred = true;
  }
  if (!evidence && emulatorKey) evidence = { kind: 'emulator' };
  if (!evidence) return;
  const account = call?.account ?? listKeys?.account ?? nearby?.account;
  const endpoint = nearby?.endpoint;
  const cosmos = verdict === 'cosmos' || call?.cosmos === true || calleeVerdict === 'cosmos' || parent?.verdict === 'cosmos' || nearby?.cosmos === true;
  scan.keyExaminedEnd = Math.max(scan.keyExaminedEnd, secretRange.end);
  scan.add(
    buildAccountKeyFinding({
      key,
      cosmos: cosmos && !verified,
      ...(account !== undefined ? { account } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
      ...(listKeys !== undefined ? { keyName: listKeys.keyName } : {}),
      ...(listKeys?.resourceGroup !== undefined ? { resourceGroup: listKeys.resourceGroup } : {}),
      range: secretRange,
      secretRange,
      container: 'key-assignment',
      emulatorContext: account === EMULATOR_ACCOUNT,
      evidence,
      inferred,
    }),
  );
}

export interface AccountKeyInput {
  readonly key: string;
  readonly cosmos: boolean;
  readonly account?: string;
  readonly endpoint?: string;
  /** `key1` or `key2`, where a listKeys response names the key. */
  readonly keyName?: string;
  readonly resourceGroup?: string;
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  readonly container: TokenContainer;
  /** Emulator context (UseDevelopmentStorage, devstoreaccount1, emulator endpoints). */
  readonly emulatorContext: boolean;
  /** What shows the value is this kind of key; absent in a connection string, which shows it itself. */
  readonly evidence?: StorageEvidence;
  /** The evidence is the surroundings only (an account name or endpoint nearby): grade one step lower. */
  readonly inferred?: boolean;
}

export function buildAccountKeyFinding(input: AccountKeyInput): Finding {
  const known = publicEmulatorKey(input.key);
  const editedEmulatorKey = known?.edited === true;
  const emulatorKey = known !== undefined;
  const emulator = emulatorKey || input.emulatorContext;
  const identifiable = isIdentifiableStorageKey(input.key);
  const checksumVerified = identifiable && isVerifiedIdentifiableStorageKey(input.key);
  const documentation = isDocumentationAccount(input.account);
  const publicSampleKey = !emulatorKey && !documentation && isPublicSampleKey(input.key);
  // The Cosmos DB emulator's key is a Cosmos DB key wherever it stands (a MASTER_KEY default).
  const cosmos = input.cosmos || known?.cosmos === true;
  const kindWords = cosmos ? 'Cosmos DB account key' : 'Storage account key';
  const { grade, reasons } = gradeAccountKey({
    cosmos,
    emulatorKey,
    editedEmulatorKey,
    emulatorContext: input.emulatorContext,
    documentationAccount: documentation,
    publicSampleKey,
    inferred: input.inferred === true,
    identifiable,
    checksumVerified,
  });
  // The emulator key's value is its own evidence, and the note already says so.
  const evidenceWords = input.evidence && input.evidence.kind !== 'emulator' ? describeEvidence(input.evidence) : undefined;
  const details: KeyDetails = {
    type: 'key',
    keyKind: cosmos ? 'cosmos-account-key' : 'storage-account-key',
    ...(input.account !== undefined ? { account: input.account } : {}),
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
    ...(input.keyName !== undefined ? { keyName: input.keyName } : {}),
    ...(input.resourceGroup !== undefined ? { resourceGroup: input.resourceGroup } : {}),
    identifiable,
    ...(identifiable ? { checksumVerified } : {}),
    emulator,
    ...(evidenceWords !== undefined ? { evidence: evidenceWords } : {}),
  };
  const forAccount = input.account ? ` for ${input.account}` : '';
  const what = editedEmulatorKey
    ? 'the public emulator key with a character or two changed: a test value, not a secret'
    : emulatorKey
      ? 'public emulator key, not a secret'
      : emulator
        ? // Its own key, not the public one, but for an account on the local emulator (its endpoints, devstoreaccount1).
          'a storage emulator account, not a secret'
        : documentation
          ? 'documentation sample account'
          : publicSampleKey
            ? 'a sample key published in Azure SDK tests, not a secret'
            : 'full control of the account, never expires';
  const note = evidenceWords !== undefined ? ` (${evidenceWords}; ${what})` : ` (${what})`;
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
