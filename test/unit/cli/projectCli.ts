// Shared by the CLI tests of team adoption (project config, baseline, --staged): the bundled CLI
// spawned in a folder, and a critical token built from a fabricated signature.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cli } from './builtCli';

export function runCli(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
}

/** Account SAS with write and delete until 2099: critical. */
export const criticalSas = (sig: string): string =>
  `https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bf&srt=sco&sp=rwdl&se=2099-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`;
