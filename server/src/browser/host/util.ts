// node:util for the web worker (the web bundle maps `node:util` here): `promisify`, which the file
// reader takes from it, for callbacks of the (error, value) form, and `TextDecoder`, which the UTF-16
// decoder takes from it (the worker has the same class as a global).

export function promisify<T>(fn: (...args: never[]) => void): (...args: unknown[]) => Promise<T> {
  return (...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      (fn as (...args: unknown[]) => void)(...args, (error: unknown, value: T) => (error ? reject(error) : resolve(value)));
    });
}

export const TextDecoder = globalThis.TextDecoder;

export default { promisify, TextDecoder };
