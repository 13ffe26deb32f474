// The main loop of a scan and the small state it shares with the credential families. One linear
// pass over literal anchors (anchors.ts): each anchor goes to the signature reader (`sig`) or to the
// family registered for its kind (families/), which parses it locally in a bounded window. Each
// family resumes after the region its handler examined, so anchors inside it are never visited and
// the cost stays linear in the text whatever it holds. With `record`, the state at the top of every
// iteration is kept as a checkpoint (checkpoints.ts) so that rescan.ts can resume in the middle.
import { SIGNATURE_MIN_RUN } from './anchorLiterals';
import { AnchorScanner, type Anchor, type AnchorKind } from './anchors';
import { encodedFindings, findBase64WrappedCredentials, MAX_BASE64_DEPTH, type EncodedCredential } from './base64Wrapped';
import type { Checkpoint, ResumedScan, ResumePlan, ScanTrace } from './checkpoints';
import type { WindowBounds, WindowState } from './decodedWindows';
import { CREDENTIAL_FAMILIES, type CredentialFamily, type ScanState } from './families';
import { SasClaimHints } from './sasClaimHints';
import { PLAIN_SIGNATURE_ANCHOR, readSignatureAnchor, signatureRuledOut } from './signatureReader';
import { oneVerdictPerKey } from './oneVerdictPerKey';
import { Suppressions } from './suppression';
import { asDeclaredFake, DeclaredFake } from '../assess/declaredFake';
import { asTestVector, TestVectors } from '../assess/testVector';
import { connectionStringAround, type ConnectionString } from '../parse/connectionString';
import { literalSyntaxFor, type LiteralSyntax } from '../parse/literalSyntax';
import type { FindingContext } from '../findings/findingContext';
import type { Finding, OffsetRange, ScanOptions, ScanResult } from '../findings/types';

/** The 43 characters a signature anchor is followed by unless a quote cuts them (anchors.ts). */
const SIGNATURE_RUN = new RegExp(`[A-Za-z0-9+/%\\\\]{${SIGNATURE_MIN_RUN}}`, 'y');

/** `"`, `'` or a backquote: what may end a literal right after a signature anchor. */
function isQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 96;
}

/**
 * Imported bindings read once per signature anchor, copied once: where the engine runs as CommonJS
 * (under tsx: the tests and benches), each read of an imported binding is a getter call.
 */
const PLAIN_ANCHOR_LENGTH = PLAIN_SIGNATURE_ANCHOR.length;
const readerRulesOut = signatureRuledOut;

/** What `loop` returns when it stopped at a window's bounds. */
const STOPPED = -2;

/** Candidates between two polls of `isCancelled`: cheap ones come by the million. */
const CANCEL_POLL_INTERVAL = 64;

/**
 * Text past a search horizon that checking an anchor below it may read: a signature run (52), a key
 * setting's reach to its key (~700).
 */
const HORIZON_SLACK = 2048;

/** The family that handles each anchor kind other than `sig`. */
const FAMILY_BY_ANCHOR_KIND: ReadonlyMap<AnchorKind, CredentialFamily> = (() => {
  const byKind = new Map<AnchorKind, CredentialFamily>();
  for (const family of CREDENTIAL_FAMILIES) {
    for (const kind of family.anchorKinds ?? []) {
      if (byKind.has(kind)) throw new Error(`anchor kind ${kind} is claimed by two families`);
      byKind.set(kind, family);
    }
  }
  return byKind;
})();

/**
 * The main loop's findings and the base64-wrapped ones (base64Wrapped.ts) together: an encoded
 * finding whose value overlaps a finding of the main loop is left out (the text said it already).
 */
export function withEncodedFindings(main: readonly Finding[], encoded: readonly Finding[]): readonly Finding[] {
  if (encoded.length === 0) return main;
  const starts = main.map((f) => f.secretRange).sort((a, b) => a.start - b.start);
  // The longest secret range, so that a binary search by start finds every overlapping one.
  let longest = 0;
  for (const r of starts) longest = Math.max(longest, r.end - r.start);
  const kept = encoded.filter((f) => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]!.start < f.secretRange.start - longest) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < starts.length && starts[i]!.start < f.secretRange.end; i++) {
      if (starts[i]!.end > f.secretRange.start) return false;
    }
    return true;
  });
  return main.concat(kept);
}

/** Sorts findings into text order and sets the suppressed ones apart. */
export function finishScan(text: string, raw: readonly Finding[], cancelled: boolean): ScanResult {
  // Most scans find nothing (every decoded base64 value is a scan of its own): no line index then.
  if (raw.length === 0) return { findings: [], suppressed: [], cancelled };
  const ordered = [...oneVerdictPerKey(raw)].sort((a, b) => a.range.start - b.range.start || a.secretRange.start - b.secretRange.start);
  const suppressions = new Suppressions(text);
  const declaredFake = new DeclaredFake(text);
  const testVectors = new TestVectors(text);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const raw of ordered) {
    const finding =
      raw.grade === 'info'
        ? raw
        : declaredFake.isDeclaredFake(raw.range.start)
          ? asDeclaredFake(raw)
          : testVectors.isTestVector(raw.secretRange)
            ? asTestVector(raw)
            : raw;
    const silenced = suppressions.isSuppressed(finding.range.start) || suppressions.isSuppressed(finding.secretRange.start);
    (silenced ? suppressed : findings).push(finding);
  }
  return { findings, suppressed, cancelled };
}

export class Scanner implements ScanState {
  private findings: Finding[] = [];
  private readonly checkpoints: Checkpoint[] = [];
  readonly context: FindingContext;
  readonly literalSyntax: LiteralSyntax | undefined;
  sasExaminedEnd = 0;
  keyExaminedEnd = 0;
  /** Last connection string read; reused while anchors fall inside it. */
  private lastConnectionString: ConnectionString | undefined;
  private connectionExaminedEnd = 0;
  /** The connection string whose keys were reported last. */
  private keysReportedFor: ConnectionString | undefined;
  private cancelled = false;
  /** Whether a SAS family may claim what the reader reads around a `sig=` anchor. */
  private readonly claimHints: SasClaimHints;
  /** The anchor search threw: the loop ended early. */
  private searchFailed = false;
  /** Where `loop` stopped at a window's bounds. */
  private windowStop: WindowState | undefined;

  constructor(
    readonly text: string,
    private readonly options: ScanOptions,
    private readonly record: boolean,
    /** Levels of base64 this text was decoded from (base64Wrapped.ts). */
    private readonly depth = 0,
  ) {
    const now = options.now instanceof Date && !Number.isNaN(options.now.getTime()) ? options.now.getTime() : Date.now();
    this.context = options.memo !== undefined ? { nowMs: now, memo: options.memo } : { nowMs: now };
    this.literalSyntax = literalSyntaxFor(options.languageId, options.fileName);
    this.claimHints = new SasClaimHints(text, this.literalSyntax);
  }

  /** Credentials in base64 values, kept apart from the main loop's findings for the trace. */
  private encoded: readonly EncodedCredential[] = [];

  run(): ScanResult {
    this.loop(0, 0, undefined);
    if (!this.cancelled && this.options.noLongBase64Runs !== true) this.encoded = this.encodedCredentials();
    return finishScan(this.text, withEncodedFindings(this.findings, encodedFindings(this.text, this.encoded)), this.cancelled);
  }

  trace(): ScanTrace {
    return { nowMs: this.context.nowMs, checkpoints: this.checkpoints, findings: this.findings, encoded: this.encoded };
  }

  /**
   * Credentials inside base64 values, each decoded value scanned by a scanner one level deeper (with
   * this scan's clock and cancellation; the file name says nothing about the decoded text).
   */
  encodedCredentials(from = 0, to = this.text.length): readonly EncodedCredential[] {
    if (this.depth >= MAX_BASE64_DEPTH) return [];
    const innerOptions: ScanOptions = {
      now: new Date(this.context.nowMs),
      ...(this.options.isCancelled ? { isCancelled: this.options.isCancelled } : {}),
      ...(this.options.memo ? { memo: this.options.memo } : {}),
    };
    return findBase64WrappedCredentials(
      this.text,
      (decoded) => {
        const inner = new Scanner(decoded, innerOptions, false, this.depth + 1).run();
        if (inner.cancelled) this.cancelled = true;
        return inner.findings.concat(inner.suppressed);
      },
      undefined,
      from,
      to,
      // A long value's windows, each read by a scanner one level deeper (decodedWindows.ts).
      (window) => {
        const inner = new Scanner(window, innerOptions, false, this.depth + 1);
        return {
          loopWindow: (state, bounds) => inner.loopWindow(state, bounds),
          encodedCredentials: (from, to) => {
            const found = inner.encodedCredentials(from, to);
            return inner.cancelled ? undefined : found;
          },
        };
      },
    );
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

  /**
   * The main loop over a window of a longer text (decodedWindows.ts), from `state` (in this text's
   * offsets; undefined: the text's start), within `bounds`. Returns the state where it stopped at
   * them, 'ended' when it reached the text's end, or undefined when the window cannot stand for the
   * whole text: it found something, the search failed, or the scan was cancelled.
   */
  loopWindow(state: WindowState | undefined, bounds: WindowBounds): WindowState | 'ended' | undefined {
    if (state !== undefined) {
      this.sasExaminedEnd = state.sasExaminedEnd;
      this.keyExaminedEnd = state.keyExaminedEnd;
      this.connectionExaminedEnd = state.connectionExaminedEnd;
    }
    const stopped = this.loop(state?.sasFrom ?? 0, state?.keyFrom ?? 0, undefined, undefined, state?.floor ?? 0, bounds);
    if (this.cancelled || this.searchFailed || this.findings.length > 0) return undefined;
    if (stopped !== STOPPED) return 'ended';
    return { ...this.windowStop!, connectionStringEnd: this.lastConnectionString?.end ?? -1 };
  }

  /**
   * The main loop; returns what `converge` returned when it stopped the loop, STOPPED when it
   * stopped at a window's bounds, else -1.
   */
  private loop(sasStart: number, keyStart: number, converge: ResumePlan['converge'], horizon?: number, floor = 0, bounds?: WindowBounds): number {
    // With a horizon, anchors are first searched only below it (in a slice long enough to check
    // every anchor that starts below it); finding none there is offered to `converge` once.
    let limited = horizon !== undefined && horizon + HORIZON_SLACK < this.text.length;
    let anchors = new AnchorScanner(
      limited ? this.text.slice(0, horizon! + HORIZON_SLACK) : this.text,
      this.signatureRuledOut,
      this.literalSyntax !== undefined,
    );
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
          anchors = new AnchorScanner(this.text, this.signatureRuledOut, this.literalSyntax !== undefined);
          anchor = anchors.next(Math.max(sasFrom, this.sasExaminedEnd, floor), Math.max(keyFrom, this.keyExaminedEnd, floor));
        }
      } catch {
        if (checkpoint) this.checkpoints.push(checkpoint);
        this.searchFailed = true;
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
      if (bounds !== undefined && (anchor !== undefined || bounds.searchStop !== Infinity)) {
        // Past the search's bound nothing is known (a truncated text may hide an anchor); an anchor
        // to handle outside the handling bounds is handled in a window placed around it.
        const at = anchor === undefined ? Infinity : anchor.index;
        const handled = at < bounds.searchStop;
        if (!handled || at < bounds.handleFrom || at >= bounds.handleStop) {
          const next = handled ? at : bounds.searchStop;
          this.windowStop = {
            sasFrom,
            keyFrom,
            sasExaminedEnd: this.sasExaminedEnd,
            keyExaminedEnd: this.keyExaminedEnd,
            connectionExaminedEnd: this.connectionExaminedEnd,
            floor: next,
            anchorNext: handled,
            connectionStringEnd: -1,
          };
          return STOPPED;
        }
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

  /**
   * Signature anchors the signature reader would drop at once, or read for no family to claim
   * (sasClaimHints.ts), judged on the whole text (a horizon's slice may end too soon). The reader's
   * bound is this scan's, unchanged until the anchor is read. A signature cut by a quote before its
   * 43rd character is read only where literals join and a SAS parameter is within reach.
   */
  private readonly signatureRuledOut = (index: number, length: number): boolean => {
    const valueStart = index + length;
    // A quote right after the anchor (`"&sig=" + `, by the line in adversarial text): cut, nothing else
    // to ask, and no run of signature characters there either (a quote is none).
    if (!isQuote(this.text.charCodeAt(valueStart))) {
      if (
        length === PLAIN_ANCHOR_LENGTH &&
        (!this.claimHints.mayClaimAround(index, this.sasExaminedEnd) || readerRulesOut(this.text, valueStart, this.literalSyntax))
      )
        return true;
      SIGNATURE_RUN.lastIndex = valueStart;
      if (SIGNATURE_RUN.test(this.text)) return false;
    }
    return this.literalSyntax === undefined || !this.claimHints.namesParameterAround(index, this.sasExaminedEnd);
  };

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
    if (anchor.kind === 'sig') readSignatureAnchor(this, anchor, CREDENTIAL_FAMILIES);
    else FAMILY_BY_ANCHOR_KIND.get(anchor.kind)?.handleAnchor?.(this, anchor);
  }

  private overlapsExisting(secret: OffsetRange): boolean {
    for (let i = this.findings.length - 1, seen = 0; i >= 0 && seen < 16; i--, seen++) {
      const other = this.findings[i]!.secretRange;
      if (secret.start < other.end && other.start < secret.end) return true;
    }
    return false;
  }

  add(finding: Finding): void {
    if (this.overlapsExisting(finding.secretRange)) return;
    this.findings.push(finding);
  }

  connectionStringAt(index: number): ConnectionString {
    const cached = this.lastConnectionString;
    if (cached && index >= cached.start && index < cached.end) return cached;
    const cs = connectionStringAround(this.text, index, this.connectionExaminedEnd);
    this.lastConnectionString = cs;
    this.connectionExaminedEnd = Math.max(this.connectionExaminedEnd, cs.end);
    return cs;
  }

  /**
   * Reads the connection string around a key anchor and offers every setting in it to the
   * families at once; the key families then resume after its end, so a long connection string is
   * read once.
   */
  reportConnectionStringKeys(anchor: Anchor): void {
    const cs = this.connectionStringAt(anchor.index);
    this.keyExaminedEnd = Math.max(this.keyExaminedEnd, cs.end, anchor.index + anchor.length);
    if (this.keysReportedFor === cs) return;
    this.keysReportedFor = cs;
    for (const pair of cs.pairs) {
      for (const family of CREDENTIAL_FAMILIES) if (family.takeConnectionStringPair?.(this, cs, pair) === true) break;
    }
  }
}
