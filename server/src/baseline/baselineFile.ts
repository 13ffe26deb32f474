// Reads the baseline file for the CLI and the language server (the CLI writes it: cli/projectScan.ts); the format and the
// matching are baseline.ts (pure). Paths in a baseline are relative to its own folder, so the file
// means the same whichever directory a scan runs from.
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { BaselineError, parseBaseline, type AcceptedSecrets } from './baseline';

export interface LoadedBaseline {
  /** Absolute path of the file. */
  readonly path: string;
  /** How messages name it. */
  readonly shown: string;
  readonly accepted: AcceptedSecrets;
}

/** Reads the baseline at `path` (absolute); a BaselineError says why it cannot be used. */
export async function readBaselineFile(path: string, shown: string): Promise<LoadedBaseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BaselineError(
      code === 'ENOENT'
        ? `${shown}: baseline does not exist; create it with \`sas-guard scan --write-baseline\``
        : `${shown}: cannot read the baseline (${code ?? String(error)})`,
    );
  }
  return { path, shown, accepted: parseBaseline(text, shown) };
}

/** The path a baseline at `baselinePath` knows the file `filePath` by (both absolute). */
export function baselineRelativePath(baselinePath: string, filePath: string): string {
  const rel = relative(dirname(baselinePath), filePath);
  const posix = sep === '/' ? rel : rel.split(sep).join('/');
  return isAbsolute(rel) ? filePath : posix;
}
