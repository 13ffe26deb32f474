// The documents the language-server benches open and edit (bench/lsp.ts, bench/lsp-open.ts): a
// long source file, a file of ordinary URLs with queries, a large JSON export; each holds one
// fabricated account SAS on its middle line.
import { generateText } from '../lib/corpus';
import { fabricate } from '../lib/plants';
import { Rng } from '../lib/rng';

export interface BenchDocument {
  readonly title: string;
  readonly uri: string;
  readonly languageId: string;
  readonly lines: string[];
  readonly tokenLine: number;
  /** Where the near edits go on the token's line. */
  readonly nearColumn: number;
}

/** A `lineCount`-line TypeScript file with one fabricated account SAS on the middle line. */
export function sourceDocument(lineCount: number): BenchDocument {
  const rng = new Rng(2024);
  const lines: string[] = [];
  while (lines.length < lineCount) lines.push(...generateText(rng, 'ts', 200_000, []).split('\n').slice(0, -1));
  lines.length = lineCount;
  const tokenLine = Math.floor(lineCount / 2);
  lines[tokenLine] = `const downloadUrl = '${fabricate(rng, 'account-sas-url')}';`;
  return {
    title: `${lineCount.toLocaleString('en-US')}-line source file`,
    uri: 'file:///bench/big-document.ts',
    languageId: 'typescript',
    lines,
    tokenLine,
    nearColumn: 6,
  };
}

/** `lineCount` lines, each with an ordinary URL with a query string; one fabricated account SAS on the middle line. */
export function urlDocument(lineCount: number): BenchDocument {
  const rng = new Rng(2025);
  const lines = Array.from({ length: lineCount }, (_, i) => `const link${i} = 'https://example.org/x/${i}?a=1&b=2';`);
  const tokenLine = Math.floor(lineCount / 2);
  lines[tokenLine] = `const downloadUrl = '${fabricate(rng, 'account-sas-url')}';`;
  return {
    title: `${lineCount.toLocaleString('en-US')}-line file, a URL with a query on every line`,
    uri: 'file:///bench/urls.ts',
    languageId: 'typescript',
    lines,
    tokenLine,
    nearColumn: 6,
  };
}

/** A `jsonMb` MB JSON array of records (each with an ordinary URL); one record holds a fabricated account SAS, in the middle. */
export function jsonDocument(jsonMb: number): BenchDocument {
  const rng = new Rng(2026);
  const lines = ['['];
  let bytes = 2;
  for (let i = 0; bytes < jsonMb * 1e6; i++) {
    const line = `  {"id": ${i}, "name": "item ${i}", "href": "https://example.org/items/${i}?page=${i % 50}&sort=asc", "tags": ["alpha", "beta"], "ok": true},`;
    lines.push(line);
    bytes += line.length + 1;
  }
  const tokenLine = Math.floor(lines.length / 2);
  lines[tokenLine] = `  {"id": -1, "name": "export", "downloadUrl": "${fabricate(rng, 'account-sas-url')}"},`;
  lines.push('  {"id": -2}', ']');
  return { title: `${jsonMb} MB JSON document`, uri: 'file:///bench/export.json', languageId: 'json', lines, tokenLine, nearColumn: 9 };
}
