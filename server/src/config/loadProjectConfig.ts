// Finds and reads the project config (`.sas-guard.json`) for the CLI and the language server, so
// both see the same file the same way: the nearest one from a directory up to the repository's top
// (the folder that holds `.git`); outside a repository, only in the directory itself. The checks
// are projectConfig.ts (pure); this file only touches the file system.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { parseProjectConfig, PROJECT_CONFIG_FILE, ProjectConfigError, type ProjectConfig } from './projectConfig';

export interface LoadedProjectConfig {
  /** Absolute path of the file. */
  readonly path: string;
  /** The folder its relative paths (exclude globs, baseline) start from. */
  readonly root: string;
  readonly config: ProjectConfig;
}

/** Where the config for `startDir` is, if anywhere (see the header). */
export async function findProjectConfig(startDir: string): Promise<string | undefined> {
  const start = resolve(startDir);
  const top = await repositoryTop(start);
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, PROJECT_CONFIG_FILE);
    if (await isFile(candidate)) return candidate;
    // Outside a repository the search stops where it started, never at a stray file higher up.
    if (top === undefined || dir === top || dirname(dir) === dir) return undefined;
  }
}

/** The nearest folder at or above `dir` that holds `.git` (a directory, or a file in a worktree). */
export async function repositoryTop(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    if (await exists(join(current, '.git'))) return current;
    if (dirname(current) === current) return undefined;
  }
}

/**
 * Reads and checks the config at `path`. Any problem is a ProjectConfigError naming the file
 * (relative to `shownFrom` when given) and the field: never a silent default.
 */
export async function readProjectConfig(path: string, shownFrom?: string): Promise<LoadedProjectConfig> {
  const absolute = resolve(path);
  const shown = shownFrom !== undefined ? relative(shownFrom, absolute) || PROJECT_CONFIG_FILE : absolute;
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ProjectConfigError(shown, undefined, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`);
  }
  return { path: absolute, root: dirname(absolute), config: parseProjectConfig(text, shown) };
}

/** The config that applies to `startDir`, or undefined when there is none. */
export async function loadProjectConfig(startDir: string, shownFrom?: string): Promise<LoadedProjectConfig | undefined> {
  const path = await findProjectConfig(startDir);
  return path === undefined ? undefined : readProjectConfig(path, shownFrom);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
