// When a walk starts inside a git repository but below its top (`sas-guard scan src`), git still
// applies `.git/info/exclude` and the `.gitignore` files of the directories above. This builds that
// starting stack so a subdirectory scan ignores exactly what a whole-repository scan would.
import { dirname, join } from 'node:path';
import { IgnoreStack, loadIgnoreFile } from './ignoreRules';
import { asyncListingFs, succeeds, type ListingFs } from './listingFs';

export async function repositoryIgnores(root: string, fs: ListingFs = asyncListingFs): Promise<IgnoreStack> {
  const top = await findRepositoryTop(root, fs);
  if (top === undefined) return IgnoreStack.empty;

  let stack = IgnoreStack.empty;
  const gitDir = join(top, '.git');
  if (await isDirectory(gitDir, fs)) stack = stack.with(top, await loadIgnoreFile(join(gitDir, 'info', 'exclude'), fs));

  // Directories from the top down to the root's parent; the root's own .gitignore is read by the walk.
  const chain: string[] = [];
  if (root !== top) {
    for (let dir = dirname(root); ; dir = dirname(dir)) {
      chain.unshift(dir);
      if (dir === top || dirname(dir) === dir) break;
    }
  }
  for (const dir of chain) stack = stack.with(dir, await loadIgnoreFile(join(dir, '.gitignore'), fs));
  // A directory the user named explicitly is walked even when git ignores it; then only its own
  // .gitignore files apply (the levels above would ignore everything in it).
  return stack.isIgnored(root, true) ? IgnoreStack.empty : stack;
}

async function findRepositoryTop(start: string, fs: ListingFs): Promise<string | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    if (await succeeds(() => fs.stat(join(dir, '.git')))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

async function isDirectory(path: string, fs: ListingFs): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
