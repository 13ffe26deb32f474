// The two checks the CLI runs on every file's bytes before decoding them, walker/prefilter.ts's
// `mayContainSecrets` and walker/binarySniff.ts's `looksBinary`, in WebAssembly with 128-bit SIMD
// (byteScan.wat): the same answers on every input, at a fraction of the JavaScript loops' cost.
// Pure: bytes in, a boolean out; it imports nothing from fs, vscode or the LSP.
//
// The module works on bytes inside its own memory. A reader that wants no copy asks for `region(size)`
// and reads the file straight into it; bytes from anywhere else are copied in first.

import { BYTE_SCAN_WASM_BASE64 } from './byteScanWasm';
import { mayHoldBase64Credential } from '../prefilter';

/**
 * The part of the WebAssembly JavaScript API used here. Node has it, but neither TypeScript's ES2022
 * lib nor @types/node 20 declares it, and pulling in the DOM lib for it would declare far more.
 */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WebAssemblyModule;
  Instance: new (module: WebAssemblyModule, imports: object) => { readonly exports: Record<string, unknown> };
}
/** An opaque compiled module. */
interface WebAssemblyModule {
  readonly __compiledWebAssemblyModule?: never;
}
interface WebAssemblyMemory {
  /** Replaced (and the old one detached) by every grow. */
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** byteScan.wat's exports. Pointers and lengths are byte offsets into `memory`. */
interface ByteScanExports {
  readonly memory: WebAssemblyMemory;
  may_contain_secrets(ptr: number, len: number): number;
  next_long_base64_run(ptr: number, len: number, pos: number): number;
  run_end(): number;
  looks_binary(ptr: number, len: number): number;
}

const WASM_PAGE_SIZE = 65536;
/**
 * The module takes 32-bit addresses and computes ptr + len: a region must end below 4 GiB (V8 caps
 * the memory at 4 GiB anyway; files that large are never read whole).
 */
const MAX_REGION_SIZE = 2 ** 32 - WASM_PAGE_SIZE;
/** binarySniff.ts's SNIFF_LENGTH, also written in byteScan.wat: looksBinary reads no further. */
const SNIFF_LENGTH = 8192;

/** Compiled once per thread (each worker has its own module state), on first use. */
let compiledModule: WebAssemblyModule | undefined;
let sharedScanner: ByteScanner | undefined;

function webAssemblyApi(): WebAssemblyApi {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) throw new Error('this JavaScript runtime has no WebAssembly');
  return api;
}

function instantiate(): ByteScanExports {
  const api = webAssemblyApi();
  // Synchronous compile and instantiate: the module is about 2 KB, and callers (the CLI's file
  // reader, worker threads) want a scanner without awaiting anything.
  compiledModule ??= new api.Module(Buffer.from(BYTE_SCAN_WASM_BASE64, 'base64'));
  return new api.Instance(compiledModule, {}).exports as unknown as ByteScanExports;
}

export class ByteScanner {
  private readonly wasm: ByteScanExports;
  /**
   * `wasm.memory.buffer`, kept: reading it is a call into the runtime, and a scan asks for it
   * several times a file. Replaced when the memory grows (the old one is then detached).
   */
  private memoryBuffer: ArrayBuffer;

  /** Throws an Error naming the cause when the runtime cannot run the module (no WebAssembly SIMD). */
  constructor() {
    try {
      this.wasm = instantiate();
      this.memoryBuffer = this.wasm.memory.buffer;
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new Error(`byte scanner: cannot load its WebAssembly module (it needs WebAssembly SIMD, as in Node 20+): ${reason}`, { cause });
    }
  }

  /**
   * `size` writable bytes inside the module's memory, to read a file straight into: checking them
   * then copies nothing. The view is valid until the next `region()` call or the next check of bytes
   * that are not inside the module's memory (both reuse the same bytes, and growing the memory
   * detaches every earlier view).
   */
  region(size: number): Uint8Array {
    if (!Number.isSafeInteger(size) || size < 0 || size > MAX_REGION_SIZE) throw new RangeError(`byte scanner: invalid region size ${size}`);
    const missingPages = Math.ceil(size / WASM_PAGE_SIZE) - this.memoryBuffer.byteLength / WASM_PAGE_SIZE;
    if (missingPages > 0) {
      this.wasm.memory.grow(missingPages);
      // The buffer from before the grow is detached (length 0): views come from the new one.
      this.memoryBuffer = this.wasm.memory.buffer;
    }
    return new Uint8Array(this.memoryBuffer, 0, size);
  }

  /**
   * walker/prefilter.ts's `mayContainSecrets`, on the same bytes: byteScan.wat checks the plain-text
   * patterns and finds the long base64 runs; prefilter.ts's own `mayHoldBase64Credential` searches
   * those runs for the base64 anchor forms (case-sensitive literals, Buffer's native search).
   */
  mayContainSecrets(bytes: Uint8Array): boolean {
    const at = this.inMemory(bytes);
    if (this.wasm.may_contain_secrets(at.byteOffset, at.byteLength) !== 0) return true;
    // Most files hold no long base64 run at all: settled here, without a Buffer and a closure each.
    if (this.wasm.next_long_base64_run(at.byteOffset, at.byteLength, 0) < 0) return false;
    return mayHoldBase64Credential(Buffer.from(at.buffer, at.byteOffset, at.byteLength), (pos) => {
      const start = this.wasm.next_long_base64_run(at.byteOffset, at.byteLength, pos);
      return start < 0 ? undefined : { start, end: this.wasm.run_end() };
    });
  }

  /** Whether the bytes hold a long base64 run (prefilter.ts `nextLongBase64Run` finds one from the start). */
  hasLongBase64Run(bytes: Uint8Array): boolean {
    const at = this.inMemory(bytes);
    return this.wasm.next_long_base64_run(at.byteOffset, at.byteLength, 0) >= 0;
  }

  /** walker/binarySniff.ts's `looksBinary`, on the same bytes (it reads only the first 8192). */
  looksBinary(bytes: Uint8Array): boolean {
    // Only the sniffed bytes need to be in the memory (and copied, when they are not there yet).
    const at = this.inMemory(bytes.byteLength > SNIFF_LENGTH ? bytes.subarray(0, SNIFF_LENGTH) : bytes);
    return this.wasm.looks_binary(at.byteOffset, at.byteLength) !== 0;
  }

  /** `bytes` itself when it lies in the module's memory, else a copy of it put there (in the region). */
  private inMemory(bytes: Uint8Array): Uint8Array {
    if (bytes.buffer === this.memoryBuffer) return bytes;
    const copy = this.region(bytes.byteLength);
    copy.set(bytes);
    return copy;
  }
}

/** This thread's scanner, made on first use. Throws (see ByteScanner) where WebAssembly SIMD is missing. */
export function byteScanner(): ByteScanner {
  sharedScanner ??= new ByteScanner();
  return sharedScanner;
}
