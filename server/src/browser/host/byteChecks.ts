// walker/byteChecks.ts for the web worker (the web bundle maps it here): the JavaScript binary sniff,
// and no WebAssembly byte scanner (core/byteScan is the CLI's) nor its Buffer-based prefilter. With
// `mayContainSecrets` always true every text file is scanned, which finds exactly what the prefilter
// would have let through; with `hasLongBase64Run` always true, every one with the base64 pass.
import { looksBinary as looksBinaryInJs } from '../../walker/binarySniff';

export function looksBinary(bytes: Uint8Array): boolean {
  return looksBinaryInJs(bytes);
}

export function mayContainSecrets(_bytes: Uint8Array): boolean {
  return true;
}

/** Always true: without the prefilter's run search, every text keeps the engine's base64 pass. */
export function hasLongBase64Run(_bytes: Uint8Array): boolean {
  return true;
}

export function scannerBuffer(_size: number): Uint8Array | undefined {
  return undefined;
}
