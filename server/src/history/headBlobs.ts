// Which blobs HEAD's tree still holds: a secret whose blobs are all gone from HEAD is "removed
// since, still in history" (and still valid until revoked). Streams `git ls-tree -r` into a set of
// ids. It is started once the log has been read, while git is still answering the last blobs, so
// that its answer is there when the scan ends instead of being waited for after it; the ids of
// HEAD's tree are what it holds (about 80 bytes a file: 8 MB for a 100,000-file tree).
import { spawnGit } from './gitCommand';

/** The blob ids of HEAD's tree (empty on an unborn HEAD or an error). */
export function blobsInHead(repository: string, head: string | undefined): Promise<Set<string>> {
  const found = new Set<string>();
  if (head === undefined) return Promise.resolve(found);
  return new Promise((resolve) => {
    const child = spawnGit(repository, ['ls-tree', '-r', '-z', '--full-tree', head]);
    child.stdin.end();
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const records = (rest + chunk.toString('latin1')).split('\0');
      rest = records.pop() ?? '';
      for (const record of records) {
        // `<mode> <type> <id>\t<path>`: blobs only (a submodule's entry is a commit of another repository).
        const typeStart = record.indexOf(' ') + 1;
        if (!record.startsWith('blob ', typeStart)) continue;
        found.add(record.slice(typeStart + 5, record.indexOf('\t')));
      }
    });
    child.stderr.resume();
    child.on('error', () => resolve(found));
    child.on('close', () => resolve(found));
  });
}
