// What a credential family (storage SAS, account keys, Service Bus, …) plugs into the scanner: the
// anchors it handles, the SAS queries and connection-string settings it claims, and the scanner
// state it may read and move. A family reads its candidate, checks it, and adds a finding; the
// scanner owns the loop, the anchor search and the regions already examined. Adding a family is a
// new file implementing `CredentialFamily` and one line in families/index.ts.
import type { Anchor, AnchorKind } from '../anchors';
import type { ConnectionString, ConnectionStringPair } from '../../parse/connectionString';
import type { HostInfo } from '../../parse/hosts';
import type { LiteralSyntax } from '../../parse/literalSyntax';
import type { SasQuery } from '../../parse/sasQuery';
import type { FindingContext } from '../../findings/findingContext';
import type { Finding, OffsetRange, TokenContainer, TokenEncoding } from '../../findings/types';

/** The part of the scanner's state a family sees. */
export interface ScanState {
  readonly text: string;
  readonly context: FindingContext;
  /** How the file's language joins string literals (a token split over several is read as one); undefined joins none. */
  readonly literalSyntax: LiteralSyntax | undefined;
  /**
   * End of the last region examined for key anchors: key anchors before it are not visited, and
   * backward reads stop there. A family moves it past what it read.
   */
  keyExaminedEnd: number;
  /** End of the last token extent examined for signature anchors. */
  sasExaminedEnd: number;
  /** Adds a finding unless its secret overlaps one found just before. */
  add(finding: Finding): void;
  /** The connection string around `index` (cached while anchors fall inside it). */
  connectionStringAt(index: number): ConnectionString;
  /**
   * Reads the connection string around a key anchor and offers each of its settings to the
   * families (`takeConnectionStringPair`), once per connection string.
   */
  reportConnectionStringKeys(anchor: Anchor): void;
}

/** Where a SAS query stands, as far as it decides whose token it is. */
export interface SasQueryPlacement {
  /**
   * The query follows the `SharedAccessSignature ` prefix (a space, not `=`): the Service Bus /
   * IoT token format, never a storage SAS unless it carries a storage version (`sv`).
   */
  readonly serviceBusPrefix: boolean;
}

/** A SAS query with a real signature, placed in the text: what the signature reader hands a family. */
export interface SasToken {
  readonly query: SasQuery;
  /** The decoded signature. */
  readonly signature: string;
  /** The whole token: URL, bare query, connection string or Service Bus token. */
  readonly range: OffsetRange;
  readonly secretRange: OffsetRange;
  readonly queryRange: OffsetRange;
  readonly container: TokenContainer;
  readonly encoding: TokenEncoding;
  /** The URL's host, or the storage endpoint of a surrounding connection string. */
  readonly host?: HostInfo;
  /** The URL path after the host, decoded. */
  readonly path?: string;
  /** Account named by a surrounding connection string. */
  readonly connectionAccount?: string;
  /** How many string literals the token was written across, when more than one. */
  readonly literalCount?: number;
}

/**
 * One credential family. Every member is optional: a family takes part only in the stages it
 * needs. Families are asked in the order of families/index.ts; for SAS queries and connection-string
 * settings the first that claims one handles it.
 */
export interface CredentialFamily {
  /** For messages and tests. */
  readonly name: string;
  /** Anchor kinds this family handles (`sig` is the signature reader's, never a family's). */
  readonly anchorKinds?: readonly Exclude<AnchorKind, 'sig'>[];
  /** Called for each anchor of one of `anchorKinds`; may throw (the scanner drops the candidate). */
  handleAnchor?(scan: ScanState, anchor: Anchor): void;
  /** Whether a SAS query with a real signature is this family's token. */
  claimsSasQuery?(query: SasQuery, placement: SasQueryPlacement): boolean;
  /** Reports a claimed SAS token. */
  reportSasToken?(scan: ScanState, token: SasToken): void;
  /**
   * A `name=value` setting of a connection string read around a key anchor (`pair.key` lower
   * case): returns true when the setting is this family's (whether or not it held a real key).
   */
  takeConnectionStringPair?(scan: ScanState, cs: ConnectionString, pair: ConnectionStringPair): boolean;
}
