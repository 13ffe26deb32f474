// VS Code's `files.exclude` as plain globs for the server's walker (ScanWorkspaceArgs.exclude).
// Only entries set to `true` count: `false` switches a default off, and `{ when: … }` depends on a
// sibling file, which a glob list cannot say, so those are left to the server's own rules.

export type FilesExcludeSetting = Readonly<Record<string, boolean | { readonly when: string } | null | undefined>>;

export function enabledExcludeGlobs(...settings: readonly (FilesExcludeSetting | undefined)[]): string[] {
  const globs = new Set<string>();
  for (const setting of settings) {
    if (!setting) continue;
    for (const [glob, value] of Object.entries(setting)) {
      if (value === true && glob.trim() !== '') globs.add(glob);
    }
  }
  return [...globs];
}
