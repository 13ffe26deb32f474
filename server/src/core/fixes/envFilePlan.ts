// Appending the moved secret to a .env file: never overwriting a line, never duplicating one.

export interface EnvFilePlan {
  /** The name to write (and to reference in code): `name`, or `name_2`, `name_3`, … when `name` holds another value. */
  readonly name: string;
  /** Text to append at the end of the file; '' when the same name already holds the same value. */
  readonly appendText: string;
}

/** Existing `NAME=value` entries (optionally `export`ed), values unquoted as dotenv reads them. */
export function readEnvEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    entries.set(m[1]!, unquote(m[2]!));
  }
  return entries;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if (q === '"' || q === "'" || q === '`') {
    let close = 1;
    while (close < v.length && v[close] !== q) close += q === '"' && v[close] === '\\' ? 2 : 1;
    if (close < v.length) {
      const inner = v.slice(1, close);
      return q === '"' ? inner.replace(/\\(["\\$`])/g, '$1').replace(/\\n/g, '\n') : inner;
    }
  }
  return v.replace(/\s+#.*$/, '');
}

/**
 * A value is written bare when it is made of characters that mean nothing to dotenv parsers or to a
 * shell that sources the file; else single-quoted (literal everywhere: dotenv, python-dotenv, docker
 * compose, bash), or double-quoted with `\ " $ `` escaped when it holds a single quote.
 */
export function formatEnvValue(value: string): string {
  if (/^[A-Za-z0-9_./:@%+,=-]*$/.test(value) && !value.includes('\n')) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;
}

export function envFilePlan(existingEnvText: string | undefined, name: string, value: string): EnvFilePlan {
  const text = existingEnvText ?? '';
  const entries = readEnvEntries(text);
  let chosen = name;
  for (let n = 2; entries.has(chosen); n++) {
    if (entries.get(chosen) === value) return { name: chosen, appendText: '' };
    chosen = `${name}_${n}`;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return { name: chosen, appendText: `${lead}${chosen}=${formatEnvValue(value)}${eol}` };
}
