// Globals the Node-side glue names, for the web worker: esbuild injects these wherever the bundled
// code refers to them as free names (scripts/build.mjs), without adding anything to the worker's
// global object, so `process` stays undefined there.
export { Buffer } from './buffer';

/** `setImmediate`: a macrotask without setTimeout's clamping (the diagnostics scheduler yields with it). */
const channel = new MessageChannel();
const pending: Array<() => void> = [];
// In a browser, setting onmessage also starts the port.
(channel.port1 as unknown as { onmessage: () => void }).onmessage = () => pending.shift()?.();
export function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): { ref(): void; unref(): void } {
  pending.push(() => callback(...args));
  channel.port2.postMessage(undefined);
  return { ref() {}, unref() {} };
}

/** `process.cwd()` (scripts/build.mjs defines it as this): a worker's paths are all absolute. */
export function browserWorkingDirectory(): string {
  return '/';
}
