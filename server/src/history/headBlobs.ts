// Which blobs HEAD's tree still holds: a secret whose blobs are all gone from HEAD is "removed
// since, still in history" (and still valid until revoked). Streams `git ls-tree -r` and keeps only
// the ids asked about, so a huge tree costs no memory.
import { spawnGit } from './gitCommand';

/** The subset of `wanted` blob ids that HEAD's tree holds (empty on an unborn HEAD or an error). */
export function blobsInHead(repository: string, head: string | undefined, wanted: ReadonlySet<string>): Promise<Set<string>> {
  const found = new Set<string>();
  if (head === undefined || wanted.size === 0) return Promise.resolve(found);
  return new Promise((resolve) => {
    const child = spawnGit(repository, ['ls-tree', '-r', '-z', '--full-tree', head]);
    child.stdin.end();
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const records = (rest + chunk.toString('latin1')).split('\0');
      rest = records.pop() ?? '';
      for (const record of records) {
        // `<mode> <type> <id>\t<path>`
        const id = record.slice(record.indexOf(' ', record.indexOf(' ') + 1) + 1, record.indexOf('\t'));
        if (wanted.has(id)) found.add(id);
      }
    });
    child.stderr.resume();
    child.on('error', () => resolve(found));
    child.on('close', () => resolve(found));
  });
}
