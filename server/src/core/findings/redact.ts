// The one place that turns a secret into something printable: at most its first four characters.

export const REDACTED_PREFIX_LENGTH = 4;

export function redactSecret(decodedSecret: string): string {
  return `${decodedSecret.slice(0, REDACTED_PREFIX_LENGTH)}…`;
}
