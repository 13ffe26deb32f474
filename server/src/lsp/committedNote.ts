// The hover's last paragraph, and the diagnostic message's last clause, for a secret the last history scan (sasGuard.scanHistory) found in
// the repository's history: removing it from the open file does not remove it from the history,
// and only revoking it makes it worthless. Pure, so the web server (which has no history scan)
// shares the hover code.
import type { HistorySecretItem } from './protocol';

/** The same, for the diagnostic's message (plain text, one clause): what the Problems panel shows. */
export function committedMessageNote(secret: HistorySecretItem | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return `already committed in ${secret.commit.slice(0, 7)} on ${secret.date.slice(0, 10)}: removing it here does not revoke it`;
}

export function committedNote(secret: HistorySecretItem | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return (
    `**Already committed** in \`${secret.commit.slice(0, 7)}\` on ${secret.date.slice(0, 10)} by ${secret.author} ` +
    `(${secret.path}). Removing it from the code removes it from neither the history nor the clones: revoke it.`
  );
}
