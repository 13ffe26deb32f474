// The parts every SAS-token finding shares, whichever family reports it: the fields that place the
// token and identify its secret, and how an epoch expiry (`se`) reads in a message. One place, so
// storage, Service Bus and IoT findings are placed and worded alike.
import { formatDate, relativeTime } from '../../findings/describe';
import { secretIdentity } from '../../findings/secretIdentity';
import type { SasToken } from './family';

/** What of a SAS token its finding repeats: where it stands, how it is written, and its signature. */
export type SasTokenPlacement = Pick<SasToken, 'signature' | 'range' | 'secretRange' | 'queryRange' | 'container' | 'encoding'>;

/** The finding fields that place a SAS token and identify its secret, in the order findings list them. */
export function sasTokenFields(token: SasTokenPlacement) {
  return {
    range: token.range,
    secretRange: token.secretRange,
    queryRange: token.queryRange,
    ...secretIdentity(token.signature),
    container: token.container,
    encoding: token.encoding,
  };
}

/** How a Service Bus-format token's epoch expiry reads after its headline (a token without one is invalid). */
export function epochExpiryPhrase(expiryMs: number | undefined, expired: boolean, nowMs: number): string {
  return expiryMs === undefined
    ? ' with no expiry (se): not a valid token'
    : expired
      ? `; expired on ${formatDate(expiryMs, nowMs)} (${relativeTime(expiryMs, nowMs)})`
      : ` until ${formatDate(expiryMs, nowMs)} (${relativeTime(expiryMs, nowMs)})`;
}
