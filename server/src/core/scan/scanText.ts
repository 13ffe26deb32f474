// The engine's entry point: text in, findings out. One linear pass over literal anchors; each
// anchor is parsed locally in a bounded window; regions already examined are never re-read, so the
// cost is linear in the text whatever it holds. Pure: no file system, no editor, no network.
import { buildAccountKeyFinding, isIdentifiableStorageKey, isPlausibleAccountKey, parseKeyAssignment, readAccountKeyAt, IDENTIFIABLE_MARKER_OFFSET } from './families/accountKey';
import { AnchorScanner, type Anchor } from './anchors';
import { isBase64Char, isWhitespace } from '../util/charClasses';
import {
  connectionStringAround,
  isAfterSharedAccessSignatureSetting,
  serviceBusPrefixStart,
  STORAGE_ENDPOINT_KEYS,
  type ConnectionString,
  type ConnectionStringPair,
} from '../parse/connectionString';
import { isSignedVersion } from '../parse/dates';
import { decodeContainerEscapes, percentDecodeValue } from '../parse/decode';
import { foldedFragmentsBefore, joinMapped } from '../parse/foldedLines';
import type { FindingContext } from '../findings/findingContext';
import { analyzeHost, EMULATOR_ACCOUNT, type HostInfo } from '../parse/hosts';
import { originalRange } from '../parse/mappedString';
import { isRealSignatureShape, looksMadeUp } from '../assess/placeholders';
import { findSasQueries, urlBeforeQuery, type SasPair, type SasQuery } from '../parse/sasQuery';
import { buildServiceBusKeyFinding, buildServiceBusSasFinding, isServiceBusQuery } from './families/serviceBus';
import { buildStorageSasFinding } from './families/storageSas';
import { Suppressions } from './suppression';
import { scanTokenEnd, scanTokenStart } from '../parse/tokenExtent';
import type { Finding, OffsetRange, ScanOptions, ScanResult, TokenContainer, TokenEncoding } from '../findings/types';

/** Candidates between two polls of `isCancelled`: cheap ones come by the million. */
const CANCEL_POLL_INTERVAL = 64;

/**
 * Text past a search horizon that checking an anchor below it may read: a signature run (52), a key
 * setting's reach to its key (~700).
 */
const HORIZON_SLACK = 2048;

/** `sig=` and 43 base64 characters and `=`: no shorter extent can hold a signature. */
const MIN_SAS_EXTENT = 48;

export function scanText(text: string, options: ScanOptions = {}): ScanResult {
  const scanner = new Scanner(asText(text), options ?? {}, false);
  return scanner.run();
}

/**
 * The scanner's state at the top of its main loop, before it searches the next anchor. Enough to
 * resume a scan there (`rescan.ts`): the search positions, the lower bounds that later anchors'
 * backward reads respect, the cached connection string, and how many findings exist so far.
 */
export interface Checkpoint {
  /** Where the SAS family searches its next anchor (max of its resume point and examined end). */
  readonly sasFrom: number;
  /** Where the key families search their next anchor. */
  readonly keyFrom: number;
  readonly sasExaminedEnd: number;
  readonly keyExaminedEnd: number;
  readonly connectionExaminedEnd: number;
  readonly lastConnectionString: ConnectionString | undefined;
  /** The keys of `lastConnectionString` were reported already. */
  readonly keysReportedLast: boolean;
  /** Number of (unsorted, unsuppressed) findings collected before this point. */
  readonly findingCount: number;
  /** Index of the anchor the iteration from here handled; Infinity for the last checkpoint. */
  anchor: number;
}

/** Everything a full scan did, for re-scanning only part of the text after an edit. */
export interface ScanTrace {
  readonly nowMs: number;
  readonly checkpoints: readonly Checkpoint[];
  /** Findings in the order they were found, before sorting and suppression. */
  readonly findings: readonly Finding[];
}

/** How a resumed scan starts and when it may stop: see `rescan.ts`. */
export interface ResumePlan {
  readonly start: Checkpoint;
  /** The findings the start checkpoint counts. */
  readonly findings: readonly Finding[];
  /**
   * Called with each state and the anchor it found next (`state.anchor`); a result >= 0 stops the
   * scan there (the old scan takes over from that checkpoint).
   */
  readonly converge?: (state: Checkpoint, findings: readonly Finding[], horizon?: number) => number;
  /**
   * Search anchors below this offset first; when there is none, `converge` is called once with the
   * horizon (the state's next anchor is at or after it).
   */
  readonly horizon?: number;
  /**
   * No family has an anchor before this offset (from the start checkpoint on): searches start here.
   * Checkpoints still record the positions the state really has.
   */
  readonly searchFloor?: number;
}

export interface ResumedScan {
  readonly findings: Finding[];
  readonly checkpoints: Checkpoint[];
  /** Index (as returned by `converge`) of the old checkpoint the scan joined, or -1 if it ran to the end. */
  readonly convergedAt: number;
  readonly cancelled: boolean;
}

/** A full scan that also returns its trace. */
export function scanTextTraced(text: string, options: ScanOptions = {}): { result: ScanResult; trace: ScanTrace | undefined } {
  const scanner = new Scanner(asText(text), options ?? {}, true);
  const result = scanner.run();
  return { result, trace: result.cancelled ? undefined : scanner.trace() };
}

/** Resumes a scan of `text` from a checkpoint; stops where `plan.converge` says the old scan takes over. */
export function resumeScan(text: string, options: ScanOptions, plan: ResumePlan): ResumedScan {
  const scanner = new Scanner(text, options ?? {}, true);
  return scanner.resume(plan);
}

/** Sorts findings into text order and sets the suppressed ones apart. */
export function finishScan(text: string, raw: readonly Finding[], cancelled: boolean): ScanResult {
  const ordered = [...raw].sort((a, b) => a.range.start - b.range.start || a.secretRange.start - b.secretRange.start);
  const suppressions = new Suppressions(text);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of ordered) {
    const silenced = suppressions.isSuppressed(finding.range.start) || suppressions.isSuppressed(finding.secretRange.start);
    (silenced ? suppressed : findings).push(finding);
  }
  return { findings, suppressed, cancelled };
}

/** Callers from plain JavaScript may pass anything; the engine never throws. */
function asText(text: unknown): string {
  if (typeof text === 'string') return text;
  try {
    return String(text ?? '');
  } catch {
    return '';
  }
}

class Scanner {
  private findings: Finding[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  private readonly context: FindingContext;
  /** End of the last token extent examined for SAS anchors. */
  private sasExaminedEnd = 0;
  /** End of the last region examined for key anchors. */
  private keyExaminedEnd = 0;
  /** Last connection string read; reused while anchors fall inside it. */
  private lastConnectionString: ConnectionString | undefined;
  private connectionExaminedEnd = 0;
  /** The connection string whose keys were reported last. */
  private keysReportedFor: ConnectionString | undefined;
  private cancelled = false;

  constructor(
    private readonly text: string,
    private readonly options: ScanOptions,
    private readonly record: boolean,
  ) {
    const now = options.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now.getTime() : Date.now();
    this.context = { nowMs: now };
  }

  run(): ScanResult {
    this.loop(0, 0, undefined);
    return this.result();
  }

  trace(): ScanTrace {
    return { nowMs: this.context.nowMs, checkpoints: this.checkpoints, findings: this.findings };
  }

  resume(plan: ResumePlan): ResumedScan {
    const start = plan.start;
    this.findings = plan.findings.slice(0, start.findingCount);
    this.sasExaminedEnd = start.sasExaminedEnd;
    this.keyExaminedEnd = start.keyExaminedEnd;
    this.connectionExaminedEnd = start.connectionExaminedEnd;
    this.lastConnectionString = start.lastConnectionString;
    this.keysReportedFor = start.keysReportedLast ? start.lastConnectionString : undefined;
    const convergedAt = this.loop(start.sasFrom, start.keyFrom, plan.converge, plan.horizon, plan.searchFloor ?? 0);
    return { findings: this.findings, checkpoints: this.checkpoints, convergedAt, cancelled: this.cancelled };
  }

  /** The main loop; returns what `converge` returned when it stopped the loop, else -1. */
  private loop(sasStart: number, keyStart: number, converge: ResumePlan['converge'], horizon?: number, floor = 0): number {
    // With a horizon, anchors are first searched only below it (in a slice long enough to check
    // every anchor that starts below it); finding none there is offered to `converge` once.
    let limited = horizon !== undefined && horizon + HORIZON_SLACK < this.text.length;
    let anchors = new AnchorScanner(limited ? this.text.slice(0, horizon! + HORIZON_SLACK) : this.text);
    // Each family resumes after its last anchor or after the region its handler examined,
    // whichever is later: anchors inside an examined region are never visited.
    let sasFrom = sasStart;
    let keyFrom = keyStart;
    let sinceLastPoll = CANCEL_POLL_INTERVAL; // poll before the first candidate
    for (;;) {
      let checkpoint: Checkpoint | undefined;
      if (this.record) {
        checkpoint = {
          sasFrom: Math.max(sasFrom, this.sasExaminedEnd),
          keyFrom: Math.max(keyFrom, this.keyExaminedEnd),
          sasExaminedEnd: this.sasExaminedEnd,
          keyExaminedEnd: this.keyExaminedEnd,
          connectionExaminedEnd: this.connectionExaminedEnd,
          lastConnectionString: this.lastConnectionString,
          keysReportedLast: this.lastConnectionString !== undefined && this.keysReportedFor === this.lastConnectionString,
          findingCount: this.findings.length,
          anchor: Infinity,
        };
      }
      let anchor: Anchor | undefined;
      try {
        anchor = anchors.next(Math.max(sasFrom, this.sasExaminedEnd, floor), Math.max(keyFrom, this.keyExaminedEnd, floor));
        if (limited && (anchor === undefined || anchor.index >= horizon!)) {
          if (checkpoint && converge) {
            const joined = converge(checkpoint, this.findings, horizon);
            if (joined >= 0) return joined;
          }
          limited = false;
          anchors = new AnchorScanner(this.text);
          anchor = anchors.next(Math.max(sasFrom, this.sasExaminedEnd, floor), Math.max(keyFrom, this.keyExaminedEnd, floor));
        }
      } catch {
        if (checkpoint) this.checkpoints.push(checkpoint);
        break;
      }
      if (checkpoint) {
        checkpoint.anchor = anchor ? anchor.index : Infinity;
        if (converge && anchor) {
          const joined = converge(checkpoint, this.findings);
          if (joined >= 0) return joined;
        }
        this.checkpoints.push(checkpoint);
      }
      if (!anchor) break;
      if (anchor.kind === 'sig') sasFrom = anchor.resume;
      else keyFrom = Math.max(keyFrom, anchor.resume);
      if (++sinceLastPoll >= CANCEL_POLL_INTERVAL) {
        sinceLastPoll = 0;
        if (this.pollCancelled()) break;
      }
      try {
        this.handle(anchor);
      } catch {
        // A candidate that cannot be parsed is not a finding; the scan goes on.
      }
      if (this.cancelled) break;
    }
    return -1;
  }

  private pollCancelled(): boolean {
    if (!this.options.isCancelled) return false;
    try {
      this.cancelled = this.options.isCancelled() === true;
    } catch {
      this.cancelled = false;
    }
    return this.cancelled;
  }

  private handle(anchor: Anchor): void {
    switch (anchor.kind) {
      case 'sig':
        return this.handleSignatureAnchor(anchor);
      case 'account-key':
        return this.handleAccountKeyAnchor(anchor);
      case 'shared-access-key':
        return this.handleSharedAccessKeyAnchor(anchor);
      case 'key':
        return this.handleKeySettingAnchor(anchor);
      case 'identifiable-key':
        return this.handleIdentifiableKeyAnchor(anchor);
    }
  }

  private result(): ScanResult {
    return finishScan(this.text, this.findings, this.cancelled);
  }

  private overlapsExisting(secret: OffsetRange): boolean {
    for (let i = this.findings.length - 1, seen = 0; i >= 0 && seen < 16; i--, seen++) {
      const other = this.findings[i]!.secretRange;
      if (secret.start < other.end && other.start < secret.end) return true;
    }
    return false;
  }

  private add(finding: Finding): void {
    if (this.overlapsExisting(finding.secretRange)) return;
    this.findings.push(finding);
  }

  private connectionStringAt(index: number): ConnectionString {
    const cached = this.lastConnectionString;
    if (cached && index >= cached.start && index < cached.end) return cached;
    const cs = connectionStringAround(this.text, index, this.connectionExaminedEnd);
    this.lastConnectionString = cs;
    this.connectionExaminedEnd = Math.max(this.connectionExaminedEnd, cs.end);
    return cs;
  }

  // ---- storage and Service Bus SAS ------------------------------------------------------------

  private handleSignatureAnchor(anchor: Anchor): void {
    if (anchor.index < this.sasExaminedEnd) return;
    const text = this.text;
    const lowerBound = this.sasExaminedEnd;
    const extentStart = scanTokenStart(text, anchor.index, lowerBound);
    const extentEnd = Math.max(scanTokenEnd(text, anchor.index), anchor.index + anchor.length);
    this.sasExaminedEnd = extentEnd;
    // "sig=" plus a 44-character signature at the very least: shorter extents cannot hold one.
    if (extentEnd - extentStart < MIN_SAS_EXTENT) return;
    const decoded = decodeContainerEscapes(text, extentStart, extentEnd);
    let mapped = decoded.mapped;
    let encoding = decoded.encoding;
    const folded = foldedFragmentsBefore(text, extentStart, lowerBound);
    if (folded.length > 0) {
      const pieces = folded.map((fragment) => decodeContainerEscapes(text, fragment.start, fragment.end));
      if (encoding === 'plain') encoding = pieces.find((piece) => piece.encoding !== 'plain')?.encoding ?? 'plain';
      mapped = joinMapped([...pieces.map((piece) => piece.mapped), mapped]);
    }
    for (const query of findSasQueries(mapped)) this.handleSasQuery(query, encoding);
  }

  private handleSasQuery(query: SasQuery, containerEncoding: TokenEncoding): void {
    const mapped = query.mapped;
    const sigPair = query.params.get('sig')!;
    const signature = readSignature(sigPair);
    if (!signature) return;
    // A signature trimmed of sentence punctuation ends the query when it was its last pair.
    const queryEnd = sigPair.valueEnd === query.queryEnd ? signature.valueEnd : query.queryEnd;

    const serviceBus = isServiceBusQuery(query);
    if (!serviceBus && !isStorageSas(query)) return;

    const secretRange = originalRange(mapped, sigPair.valueStart, signature.valueEnd);
    const queryRange = originalRange(mapped, query.queryStart, queryEnd);
    const encoding: TokenEncoding = query.percentRounds > 0 ? 'percent-encoded-query' : containerEncoding;
    const text = this.text;

    let container: TokenContainer;
    let range: OffsetRange;
    let host: HostInfo | undefined;
    let path: string | undefined;
    let connectionAccount: string | undefined;
    const sbPrefix = serviceBusPrefixStart(text, queryRange.start);
    const prefixIsSasSetting = query.prefixName !== undefined && query.prefixName.toLowerCase() === 'sharedaccesssignature';
    if (sbPrefix !== undefined) {
      container = 'servicebus-token';
      range = { start: sbPrefix, end: queryRange.end };
    } else if (prefixIsSasSetting || isAfterSharedAccessSignatureSetting(text, queryRange.start)) {
      container = 'connection-string';
      const cs = this.connectionStringAt(queryRange.start);
      range = { start: Math.min(cs.start, queryRange.start), end: Math.max(cs.end, queryRange.end) };
      const info = connectionStringStorageInfo(cs);
      host = info.host;
      connectionAccount = info.account;
    } else if (query.questionMark !== undefined) {
      const url = urlBeforeQuery(mapped, query.questionMark);
      if (url) {
        container = 'url';
        range = { start: originalRange(mapped, url.urlStart, url.urlStart + 1).start, end: queryRange.end };
        host = analyzeHost(url.authority, url.path);
        path = url.path;
      } else {
        container = 'query';
        range = { start: originalRange(mapped, query.questionMark, query.questionMark + 1).start, end: queryRange.end };
      }
    } else {
      container = 'query';
      range = queryRange;
    }

    if (serviceBus) {
      this.add(
        buildServiceBusSasFinding(
          { query, signature: signature.value, range, secretRange, queryRange, container, encoding },
          this.context,
        ),
      );
      return;
    }
    this.add(
      buildStorageSasFinding(
        {
          query,
          signature: signature.value,
          range,
          secretRange,
          queryRange,
          container,
          encoding,
          ...(host ? { host } : {}),
          ...(path !== undefined ? { path } : {}),
          ...(connectionAccount !== undefined ? { connectionAccount } : {}),
        },
        this.context,
      ),
    );
  }

  // ---- account keys ---------------------------------------------------------------------------

  private handleAccountKeyAnchor(anchor: Anchor): void {
    if (anchor.index < this.keyExaminedEnd) return;
    if (!isConnectionStringSetting(this.text, anchor)) {
      this.handleKeySettingAnchor(anchor);
      return;
    }
    this.handleConnectionString(anchor);
  }

  /**
   * Reads the connection string around a key anchor and reports every key in it at once; the key
   * families then resume after its end, so a long connection string is read once.
   */
  private handleConnectionString(anchor: Anchor): void {
    const cs = this.connectionStringAt(anchor.index);
    this.keyExaminedEnd = Math.max(this.keyExaminedEnd, cs.end, anchor.index + anchor.length);
    if (this.keysReportedFor === cs) return;
    this.keysReportedFor = cs;
    for (const pair of cs.pairs) {
      if (pair.key === 'sharedaccesskey') this.reportServiceBusKey(cs, pair);
      else if (pair.key.endsWith('key') && pair.key !== 'sharedaccesskeyname') this.reportConnectionStringAccountKey(cs, pair);
    }
  }

  private reportConnectionStringAccountKey(cs: ConnectionString, pair: ConnectionStringPair): void {
    const text = this.text;
    let valueStart = pair.valueStart;
    while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
    const key = readAccountKeyAt(text, valueStart);
    if (!key || !isPlausibleAccountKey(key)) return;
    const accountEndpoint = cs.get('accountendpoint')?.value;
    const cosmos = accountEndpoint !== undefined || /documents\.azure\.(?:com|cn|us)/i.test(text.slice(cs.start, cs.end));
    const info = connectionStringStorageInfo(cs);
    const useDevelopmentStorage = /^true$/i.test(cs.get('usedevelopmentstorage')?.value.trim() ?? '');
    const endpoint = accountEndpoint ?? info.endpoint;
    this.add(
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

  private handleKeySettingAnchor(anchor: Anchor): void {
    if (anchor.index < this.keyExaminedEnd) return;
    const assignment = parseKeyAssignment(this.text, anchor.index, anchor.length, this.keyExaminedEnd);
    this.keyExaminedEnd = Math.max(this.keyExaminedEnd, assignment.examinedEnd);
    const key = assignment.key;
    if (!key || !isPlausibleAccountKey(key)) return;
    const identifier = assignment.identifier.toLowerCase();
    const storageContext = /account|storage|azure|az|stor|blob|cosmos|conn/.test(identifier);
    this.add(
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

  private handleIdentifiableKeyAnchor(anchor: Anchor): void {
    if (anchor.index < this.keyExaminedEnd) return;
    const start = anchor.index - IDENTIFIABLE_MARKER_OFFSET;
    // Cheap checks first, so a run of "+ASt+ASt…" costs constant work per anchor.
    if (start < 0 || this.text.charCodeAt(anchor.index + 86 - IDENTIFIABLE_MARKER_OFFSET) !== 61) return;
    if (!isBase64Char(this.text.charCodeAt(start))) return;
    const key = readAccountKeyAt(this.text, start);
    if (!key || !isIdentifiableStorageKey(key) || !isPlausibleAccountKey(key)) return;
    this.keyExaminedEnd = Math.max(this.keyExaminedEnd, start + key.length);
    this.add(
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

  // ---- Service Bus / Event Hubs / IoT Hub keys ---------------------------------------------------

  private handleSharedAccessKeyAnchor(anchor: Anchor): void {
    if (anchor.index < this.keyExaminedEnd) return;
    if (isConnectionStringSetting(this.text, anchor)) this.handleConnectionString(anchor);
    else this.handleSharedAccessKeySetting(anchor);
  }

  /**
   * A shared access key standing alone in a setting: `"SharedAccessKey": "…"` in JSON,
   * `sharedAccessKey: …` in YAML, `SharedAccessKey = "…"` in code. Not `SharedAccessKeyName`.
   */
  private handleSharedAccessKeySetting(anchor: Anchor): void {
    const assignment = parseKeyAssignment(this.text, anchor.index, anchor.length, this.keyExaminedEnd);
    if (assignment.identifier.toLowerCase().includes('keyname')) return;
    const key = readServiceBusKeyAt(this.text, assignment.valueStart);
    if (key === undefined) return;
    const secretRange = { start: assignment.valueStart, end: assignment.valueStart + key.length };
    this.keyExaminedEnd = Math.max(this.keyExaminedEnd, secretRange.end);
    const keyName = nearbyKeyName(this.text, secretRange);
    this.add(buildServiceBusKeyFinding({ key, ...(keyName !== undefined ? { keyName } : {}), range: secretRange, secretRange, container: 'key-assignment' }));
  }

  private reportServiceBusKey(cs: ConnectionString, pair: ConnectionStringPair): void {
    const text = this.text;
    let valueStart = pair.valueStart;
    while (valueStart < pair.valueEnd && text.charCodeAt(valueStart) === 32) valueStart++;
    const key = readServiceBusKeyAt(text, valueStart);
    if (key === undefined) return;
    const keyName = cs.get('sharedaccesskeyname')?.value.trim();
    const endpoint = (cs.get('endpoint') ?? cs.get('hostname'))?.value.trim();
    const entityPath = cs.get('entitypath')?.value.trim();
    this.add(
      buildServiceBusKeyFinding({
        key,
        ...(keyName ? { keyName } : {}),
        ...(endpoint ? { endpoint: endpointHost(endpoint) } : {}),
        ...(entityPath ? { entityPath } : {}),
        range: { start: cs.start, end: cs.end },
        secretRange: { start: valueStart, end: valueStart + 44 },
      }),
    );
  }
}

/** How far around a key setting its `SharedAccessKeyName` sibling is looked for. */
const KEY_NAME_REACH = 400;

/**
 * `SharedAccessKeyName: "…"`, `"SharedAccessKeyName": "…"`, `SharedAccessKeyName = …` or
 * `<add key="SharedAccessKeyName" value="…"/>`: the rule name set next to a key.
 */
const KEY_NAME_SETTING = /sharedaccesskeyname(?:["']?\s*[:=]\s*|["']\s+value\s*=\s*)["']?([A-Za-z0-9_.-]{1,64})/i;

/**
 * The rule name of a key that stands alone in a setting, when a `SharedAccessKeyName` setting sits
 * next to it (the same JSON object, YAML mapping or appSettings block, as far as a bounded window
 * can tell): it decides whether the key manages the whole namespace.
 */
function nearbyKeyName(text: string, secret: OffsetRange): string | undefined {
  const window = text.slice(Math.max(0, secret.start - KEY_NAME_REACH), Math.min(text.length, secret.end + KEY_NAME_REACH));
  return KEY_NAME_SETTING.exec(window)?.[1];
}

/**
 * A Service Bus / Event Hubs shared access key at `index`: 44 base64 characters (32 random bytes),
 * nothing base64 on either side, not a placeholder.
 */
function readServiceBusKeyAt(text: string, index: number): string | undefined {
  if (index > 0 && isBase64Char(text.charCodeAt(index - 1))) return undefined;
  const key = text.slice(index, index + 44);
  if (!isRealSignatureShape(key) || looksMadeUp(key)) return undefined;
  const after = text.charCodeAt(index + 44);
  return isBase64Char(after) || after === 61 ? undefined : key;
}

/** `AccountKey=value` / `SharedAccessKey=value` written as a connection-string setting (not `= "…"`). */
function isConnectionStringSetting(text: string, anchor: Anchor): boolean {
  let i = anchor.index + anchor.length;
  while (i < text.length && i - anchor.index < 40 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (text.charCodeAt(i) !== 61) return false;
  const next = text.charCodeAt(i + 1);
  return i + 1 < text.length && !isWhitespace(next) && next !== 34 && next !== 39 && next !== 61;
}

/** The signature value, trimmed of trailing sentence punctuation when that makes it valid. */
function readSignature(pair: SasPair): { value: string; valueEnd: number } | undefined {
  let raw = pair.rawValue;
  let valueEnd = pair.valueEnd;
  for (let trimmed = 0; trimmed <= 3; trimmed++) {
    const decoded = trimmed === 0 ? pair.value : percentDecodeValue(raw);
    if (decoded !== undefined && isRealSignatureShape(decoded)) {
      return looksMadeUp(decoded) ? undefined : { value: decoded, valueEnd };
    }
    const last = raw.charAt(raw.length - 1);
    if (raw.length === 0 || !'.,:;!*}'.includes(last)) return undefined;
    raw = raw.slice(0, -1);
    valueEnd--;
  }
  return undefined;
}

/** sv is a service version date, or (without sv) the query names a storage resource. */
function isStorageSas(query: SasQuery): boolean {
  const sv = query.params.get('sv');
  if (sv) return isSignedVersion(sv.value);
  const p = query.params;
  return p.has('sr') || p.has('ss') || p.has('srt') || p.has('si') || p.has('tn');
}

function endpointHost(endpoint: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/]+)/i.exec(endpoint);
  return m ? m[1]! : endpoint;
}

interface ConnectionStorageInfo {
  readonly account?: string;
  readonly endpoint?: string;
  readonly host?: HostInfo;
}

/** Account and host named by a storage connection string (AccountName or an endpoint URL). */
function connectionStringStorageInfo(cs: ConnectionString): ConnectionStorageInfo {
  let endpoint: string | undefined;
  for (const key of STORAGE_ENDPOINT_KEYS) {
    const pair = cs.get(key);
    if (pair && pair.value.trim()) {
      endpoint = pair.value.trim();
      break;
    }
  }
  if (!endpoint) {
    for (const p of cs.pairs) {
      if (p.key === '' && /^[a-z]+:\/\//i.test(p.value.trim())) {
        endpoint = p.value.trim();
        break;
      }
    }
  }
  let host: HostInfo | undefined;
  if (endpoint) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)(\/[^?#]*)?/i.exec(endpoint);
    if (m) host = analyzeHost(m[1]!, safeDecode(m[2] ?? ''));
  }
  const accountName = cs.get('accountname')?.value.trim();
  const account = accountName || host?.account;
  return {
    ...(account ? { account } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(host ? { host } : {}),
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

