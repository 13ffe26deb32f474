// The project config's `exclude` globs applied to files named on the command line. The walker
// never skips a file it is given by name, but the pre-commit framework names every staged file
// (docs/pre-commit.md): without this, a project's `exclude` would do nothing in its hook. A named
// file inside the config's folder that the globs leave out is not scanned, and the report lists it
// as skipped ("excluded"), so the count says so. Directories named are walked as before (the
// walker applies the globs inside them); --exclude on the command line is the caller's own and
// keeps its meaning (relative to each root walked).
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { createConfigExcludeTest } from '../config/configExclude';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import type { ReportedSkip } from '../report';

export interface NamedFileSelection {
  /** The paths to scan: the command line's, less the excluded files. */
  readonly paths: string[];
  readonly excluded: ReportedSkip[];
}

export async function excludeNamedFiles(paths: readonly string[], cwd: string, config: LoadedProjectConfig | undefined): Promise<NamedFileSelection> {
  const isExcluded = config !== undefined ? createConfigExcludeTest(config.config.exclude, config.root) : undefined;
  if (isExcluded === undefined || config === undefined) return { paths: [...paths], excluded: [] };
  const kept: string[] = [];
  const excluded: ReportedSkip[] = [];
  const configName = relative(cwd, config.path).split(sep).join('/') || config.path;
  for (const path of paths) {
    const absolutePath = resolve(cwd, path);
    if (path !== '-' && isExcluded(absolutePath) && (await isFile(absolutePath))) {
      excluded.push({ path: relative(cwd, absolutePath).split(sep).join('/'), absolutePath, reason: 'excluded', detail: `exclude in ${configName}` });
    } else {
      kept.push(path);
    }
  }
  return { paths: kept, excluded };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    // A path that is not there is the scan's to report (unreadable), as before.
    return false;
  }
}
