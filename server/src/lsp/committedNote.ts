// The hover's last paragraph for a secret the last history scan (sasGuard.scanHistory) found in
// the repository's history: removing it from the open file does not remove it from the history,
// and only revoking it makes it worthless. Pure, so the web server (which has no history scan)
// shares the hover code.
import type { HistorySecretItem } from './protocol';

export function committedNote(secret: HistorySecretItem | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return (
    `**Already committed** in \`${secret.commit.slice(0, 7)}\` on ${secret.date.slice(0, 10)} by ${secret.author} ` +
    `(${secret.path}). Removing it from the code removes it from neither the history nor the clones: revoke it.`
  );
}
