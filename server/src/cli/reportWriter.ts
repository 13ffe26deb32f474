// Where the report goes and in which format: text, JSON or SARIF, to a file (--output) or to
// standard output. The file is opened before the scan, so a bad --output fails before a long scan.
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatJson, formatSarif, formatText, type ScanReport } from '../report';
import type { OutputFormat } from './args';
import { FatalError } from './errors';

export function formatReport(report: ScanReport, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(report, { color });
  }
}

/** Opens (creates or truncates) the --output file; a FatalError says why it cannot be. */
export async function openReportFile(cwd: string, name: string): Promise<FileHandle> {
  try {
    return await open(resolve(cwd, name), 'w');
  } catch (error) {
    throw new FatalError(`cannot write --output ${name}: ${describeFsError((error as NodeJS.ErrnoException).code, error)}`);
  }
}

/** Writes the rendered report to the file opened by openReportFile and closes it. */
export async function writeReportFile(file: FileHandle, name: string, rendered: string): Promise<void> {
  try {
    await file.writeFile(rendered, 'utf8');
    await file.close();
  } catch (error) {
    throw new FatalError(`cannot write --output ${name}: ${describeFsError((error as NodeJS.ErrnoException).code, error)}`);
  }
}

function describeFsError(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'EROFS':
      return 'read-only file system';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

export function writeAll(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolveWrite, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolveWrite()));
  });
}
