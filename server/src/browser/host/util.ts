// node:util for the web worker (the web bundle maps `node:util` here): `promisify`, the one function
// the file reader takes from it, for callbacks of the (error, value) form.

export function promisify<T>(fn: (...args: any[]) => void): (...args: unknown[]) => Promise<T> {
  return (...args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      fn(...args, (error: unknown, value: T) => (error ? reject(error) : resolve(value)));
    });
}

export default { promisify };
