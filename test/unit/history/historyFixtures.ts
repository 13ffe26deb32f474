// What the history tests share: the token they plant and the scan they run, with a fixed clock.
import { scanHistory, type HistoryScanResult } from '../../../server/src/history/historyScan';
import type { GitRepo } from './gitRepo';

/** Account SAS with write and delete, valid until 2099: critical. */
export const accountSasUrl = (sig: string): string =>
  `https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwdl&se=2099-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;

export const NOW = new Date('2024-06-01T00:00:00Z');

export function scan(repo: GitRepo | string, extra: { branch?: string; since?: string } = {}): Promise<HistoryScanResult> {
  return scanHistory({ repository: typeof repo === 'string' ? repo : repo.path, maxFileSize: 1024 * 1024, now: NOW, ...extra });
}
