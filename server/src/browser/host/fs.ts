// node:fs for the web worker (the web bundle maps `node:fs` and `node:fs/promises` here): the calls
// the server's glue and walker make to list folders, stat and read files, answered through the
// browser client's workspace.fs (fileSystemBridge.ts). Synchronous calls cannot cross to the client:
// they fail with ENOSYS (only the CLI uses them).
import { FileTypeBits } from '../fileSystemProtocol';
import { Buffer } from './buffer';
import { FileSystemError, readDirectoryPath, readFilePath, statPath } from './fileSystemBridge';

export const constants = { O_RDONLY: 0, O_NONBLOCK: 0 };

class Stats {
  readonly dev = 0n;
  /** workspace.fs has no inode numbers; the path is what identifies a file here. */
  readonly ino: string;
  constructor(
    private readonly type: number,
    readonly size: number,
    path: string,
  ) {
    this.ino = path;
  }
  isFile(): boolean {
    return (this.type & FileTypeBits.file) !== 0;
  }
  isDirectory(): boolean {
    return (this.type & FileTypeBits.directory) !== 0;
  }
  isSymbolicLink(): boolean {
    return (this.type & FileTypeBits.symbolicLink) !== 0;
  }
  isFIFO(): boolean {
    return false;
  }
  isSocket(): boolean {
    return false;
  }
  isCharacterDevice(): boolean {
    return false;
  }
  isBlockDevice(): boolean {
    return false;
  }
}

class Dirent extends Stats {
  constructor(
    readonly name: string,
    type: number,
    parentPath: string,
  ) {
    super(type, 0, `${parentPath}/${name}`);
  }
}

async function stat(path: string): Promise<Stats> {
  const info = await statPath(path);
  // A link to a folder is not followed: without inode numbers a link back up the tree could not be
  // told from a new folder.
  if ((info.type & FileTypeBits.symbolicLink) !== 0 && (info.type & FileTypeBits.directory) !== 0) {
    throw new FileSystemError('ELOOP', 'symbolic links to folders are not followed in the browser', path);
  }
  return new Stats(info.type, info.size, path);
}

async function readdir(path: string): Promise<Dirent[]> {
  const entries = await readDirectoryPath(path);
  return entries.map(([name, type]) => new Dirent(name, type, path.endsWith('/') ? path.slice(0, -1) : path));
}

async function readFile(path: string, encoding?: string): Promise<string | Buffer> {
  const bytes = await readFilePath(path);
  const buffer = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined ? buffer : buffer.toString();
}

export const promises = { stat, lstat: stat, readdir, readFile };

// ---- descriptors: the file reader's open / fstat / read / close, over one whole-file read --------
type Callback<T> = (error: unknown, value?: T) => void;
const openFiles = new Map<number, { bytes: Uint8Array; path: string }>();
let nextDescriptor = 3;

export function open(path: string, _flags: number, callback: Callback<number>): void {
  readFilePath(path).then(
    (bytes) => {
      const fd = nextDescriptor++;
      openFiles.set(fd, { bytes, path });
      callback(null, fd);
    },
    (error: unknown) => callback(error),
  );
}

export function fstat(fd: number, callback: Callback<Stats>): void {
  const file = openFiles.get(fd);
  queueMicrotask(() =>
    file
      ? callback(null, new Stats(FileTypeBits.file, file.bytes.length, file.path))
      : callback(new FileSystemError('EBADF', 'bad file descriptor', String(fd))),
  );
}

export function read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number, callback: Callback<number>): void {
  const file = openFiles.get(fd);
  queueMicrotask(() => {
    if (!file) return callback(new FileSystemError('EBADF', 'bad file descriptor', String(fd)));
    const chunk = file.bytes.subarray(position, position + length);
    buffer.set(chunk, offset);
    // promisify(read) of Node resolves to { bytesRead, buffer }.
    callback(null, { bytesRead: chunk.length, buffer } as unknown as number);
  });
}

export function close(fd: number, callback: Callback<void>): void {
  openFiles.delete(fd);
  queueMicrotask(() => callback(null));
}

function noSync(name: string): never {
  throw new FileSystemError('ENOSYS', `${name} is not available in the browser`, '');
}
export const openSync = (): never => noSync('openSync');
export const fstatSync = (): never => noSync('fstatSync');
export const readSync = (): never => noSync('readSync');
export const closeSync = (): never => noSync('closeSync');
export const statSync = (): never => noSync('statSync');
export const lstatSync = (): never => noSync('lstatSync');
export const readdirSync = (): never => noSync('readdirSync');
export const readFileSync = (): never => noSync('readFileSync');

export default { constants, promises, open, fstat, read, close, openSync, fstatSync, readSync, closeSync, statSync, lstatSync, readdirSync, readFileSync };
