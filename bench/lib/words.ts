// The vocabulary of the benchmarks' generated text: words (a few of them not ASCII), identifiers in
// each naming style, numbers, ordinary URLs and string literals. Seeded, so a tree is the same on
// every run; none of it is a credential (plants.ts makes those).
import { type Rng } from './rng';

const WORDS = (
  'account blob container storage client request response handler service config options value key name ' +
  'path file stream buffer reader writer upload download token credential identity policy retry timeout ' +
  'queue table share message event batch item list page result error status code header body query param ' +
  'user tenant region endpoint host port url uri route model view controller cache index store record ' +
  'signal design assign signature version expiry start permission resource scope context logger metric ' +
  'trace span parse format encode decode hash digest secret vault setting profile session document node ' +
  'tree graph edge vertex worker job task schedule cron deploy build release artifact package module test'
).split(' ');

const NON_ASCII = ['café', 'naïve', 'résumé', 'Größe', 'déjà', '数据', '配置', 'ファイル', 'übersicht', 'señal'];

const HOSTS = [
  'api.example.com',
  'login.microsoftonline.com',
  'management.azure.com',
  'contoso.blob.core.windows.net',
  'fabrikam.table.core.windows.net',
  'registry.npmjs.org',
  'github.com',
  'docs.python.org',
  'learn.microsoft.com',
  'storage.googleapis.com',
  'localhost:8080',
];

export function word(rng: Rng): string {
  return rng.pick(WORDS);
}

export function camel(rng: Rng): string {
  const n = rng.range(1, 3);
  let s = word(rng);
  for (let i = 1; i < n; i++) {
    const w = word(rng);
    s += w[0]!.toUpperCase() + w.slice(1);
  }
  return s;
}

export function pascal(rng: Rng): string {
  const s = camel(rng);
  return s[0]!.toUpperCase() + s.slice(1);
}

export function snake(rng: Rng): string {
  const n = rng.range(1, 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(word(rng));
  return parts.join('_');
}

export function sentence(rng: Rng): string {
  const n = rng.range(4, 14);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng.chance(0.02) ? rng.pick(NON_ASCII) : word(rng));
  const s = parts.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

export function num(rng: Rng): string {
  return rng.chance(0.7) ? String(rng.int(1000)) : (rng.next() * 100).toFixed(2);
}

/** An ordinary URL: no signature, sometimes a storage host (which must not be reported on its own). */
export function plainUrl(rng: Rng): string {
  const host = rng.pick(HOSTS);
  const path = `${word(rng)}/${word(rng)}-${rng.int(100)}`;
  const r = rng.int(4);
  if (r === 0) return `https://${host}/${path}`;
  if (r === 1) return `https://${host}/${path}?page=${rng.int(20)}&size=${rng.pick(['10', '50', '100'])}`;
  if (r === 2) return `https://${host}/${path}?api-version=2023-0${rng.range(1, 9)}-01`;
  return `https://${host}/${path}#${word(rng)}`;
}

export function stringLiteral(rng: Rng): string {
  const r = rng.int(4);
  if (r === 0) return plainUrl(rng);
  if (r === 1) return `${word(rng)}/${word(rng)}.${rng.pick(['json', 'txt', 'csv', 'bin'])}`;
  return sentence(rng).slice(0, rng.range(8, 60));
}
