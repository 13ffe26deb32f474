// Arguments for the revoke commands. A name the token or its context gives (account, container,
// policy id, namespace, hub, device) is filled in, quoted for a POSIX shell when it holds anything
// beyond the characters Azure names use; a name nobody gave is a `<placeholder>` the user must
// replace. The secret itself never reaches this file: only names do.

/** Characters that need no quoting in sh, bash, zsh or PowerShell. */
const SAFE_WORD = /^[A-Za-z0-9._:/@%+=-]+$/;

/** The value, quoted when needed, or the placeholder when the value is unknown or empty. */
export function shellArgument(value: string | undefined, placeholder: string): string {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return placeholder;
  if (SAFE_WORD.test(trimmed)) return trimmed;
  // Single quotes keep everything literal; a single quote inside ends, escapes and reopens.
  return `'${trimmed.replace(/'/g, `'\\''`)}'`;
}

export const RESOURCE_GROUP = '<resource-group>';

/** The first DNS label of a host ("fabrikam-ns" of "fabrikam-ns.servicebus.windows.net"), when the host has a suffix after it. */
export function firstLabel(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  const bare = host.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0] ?? '';
  const dot = bare.indexOf('.');
  return dot > 0 ? bare.slice(0, dot) : undefined;
}
