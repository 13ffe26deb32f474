// Git LFS keeps a large file's content outside the repository and commits a small text pointer in
// its place. The pointer holds an object id and a size, never the content: it is skipped (and
// counted) rather than scanned as if it were the file.

const LFS_POINTER_PREFIX = Buffer.from('version https://git-lfs.github.com/spec/', 'latin1');
/** The LFS specification caps a pointer file at 1024 bytes. */
const LFS_POINTER_MAX_SIZE = 1024;

export function isLfsPointer(bytes: Uint8Array): boolean {
  if (bytes.length > LFS_POINTER_MAX_SIZE || bytes.length < LFS_POINTER_PREFIX.length) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, LFS_POINTER_PREFIX.length).equals(LFS_POINTER_PREFIX);
}
