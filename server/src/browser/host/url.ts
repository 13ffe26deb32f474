// node:url for the web worker (the web bundle maps `node:url` here): the two file: URL conversions
// the language server's glue uses, for POSIX paths, encoded as Node encodes them.

export function pathToFileURL(path: string): URL {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  // Node percent-encodes what a URL path cannot hold; URL's own parser then leaves the rest as is.
  const encoded = absolute.replace(/[%?#\s\\]|[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  return new URL(`file://${encoded}`);
}

export function fileURLToPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'file:') throw new TypeError('The URL must be of scheme file');
  if (parsed.hostname !== '') throw new TypeError('File URL host must be "localhost" or empty');
  if (/%2f/i.test(parsed.pathname)) throw new TypeError('File URL path must not include encoded / characters');
  return decodeURIComponent(parsed.pathname);
}

export default { pathToFileURL, fileURLToPath };
