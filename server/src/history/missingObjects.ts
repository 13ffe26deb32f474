// The objects a partial clone never fetched. Asked for one of them, `git cat-file --batch` does not
// answer "missing": it tries to fetch it from the promisor remote, and with fetching switched off
// (gitCommand.ts) it stops with "could not fetch … from promisor remote", losing every blob after
// it. So in a partial clone the missing ids are listed first (`rev-list --missing=print` walks the
// history without reading any blob) and never asked for; they are counted instead.
import { spawnGit } from './gitCommand';

export function listMissingObjects(repository: string, revisions: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  return new Promise((resolve) => {
    const child = spawnGit(repository, ['rev-list', '--objects', '--missing=print', ...revisions, '--']);
    child.stdin.end();
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.startsWith('?')) missing.add(line.slice(1).trim());
    });
    child.stderr.resume();
    child.on('error', () => resolve(missing));
    child.on('close', () => resolve(missing));
  });
}
