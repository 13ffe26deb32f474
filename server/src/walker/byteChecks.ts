// The two checks a file's bytes go through before they are decoded: is it binary
// (walker/binarySniff.ts) and may it hold a token (walker/prefilter.ts). They run in WebAssembly with
// SIMD (walker/byteScan) where the runtime has it: there they cost a small fraction of the JavaScript
// loops, which on a tree of small files were most of a scan's time. Without WebAssembly
// (`node --jitless`) the JavaScript versions run instead; tests hold both to the same answers.
import { byteScanner, type ByteScanner } from './byteScan';
import { mayContainSecrets as mayContainSecretsInJs, nextLongBase64Run } from './prefilter';
import { looksBinary as looksBinaryInJs } from './binarySniff';

/** This thread's WebAssembly scanner; null once it could not be made. */
let scanner: ByteScanner | null | undefined;

function wasmScanner(): ByteScanner | null {
  if (scanner === undefined) {
    try {
      scanner = byteScanner();
    } catch {
      scanner = null;
    }
  }
  return scanner;
}

/** `looksBinary` of binarySniff.ts. */
export function looksBinary(bytes: Uint8Array): boolean {
  const wasm = wasmScanner();
  return wasm ? wasm.looksBinary(bytes) : looksBinaryInJs(bytes);
}

/** `mayContainSecrets` of walker/prefilter.ts. */
export function mayContainSecrets(bytes: Uint8Array): boolean {
  const wasm = wasmScanner();
  return wasm ? wasm.mayContainSecrets(bytes) : mayContainSecretsInJs(bytes);
}

/**
 * Whether the bytes hold a base64 run the engine's base64 decoder would read (prefilter.ts
 * `nextLongBase64Run`). Without one, the engine is told so and skips that pass.
 */
export function hasLongBase64Run(bytes: Uint8Array): boolean {
  const wasm = wasmScanner();
  return wasm ? wasm.hasLongBase64Run(bytes) : nextLongBase64Run(bytes, 0) !== undefined;
}

/**
 * `size` writable bytes inside the WebAssembly scanner's memory, for a file to be read straight
 * into so that the checks copy nothing; undefined without WebAssembly. Valid until the next call
 * here (the same bytes are reused, and growing the memory invalidates earlier views).
 */
export function scannerBuffer(size: number): Uint8Array | undefined {
  return wasmScanner()?.region(size);
}
