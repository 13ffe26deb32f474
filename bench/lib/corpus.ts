// Source-like text for the benchmarks: many languages, realistic line shapes (from the vocabulary
// in words.ts), and a sprinkling of planted credentials (plants.ts: fabricated Azure credentials,
// placeholders that must not be reported, and other clouds' signed URLs), each written into a line
// the way its language would hold it.
import { type Rng } from './rng';
import { camel, num, pascal, plainUrl, sentence, snake, stringLiteral, word } from './words';

export type Lang = 'ts' | 'js' | 'py' | 'cs' | 'java' | 'go' | 'json' | 'yaml' | 'md' | 'sh' | 'env' | 'dockerfile' | 'xml' | 'tf';

/** Relative weights: roughly what a polyglot cloud repository holds. */
export const LANG_WEIGHTS: readonly (readonly [Lang, number])[] = [
  ['ts', 18],
  ['js', 10],
  ['py', 14],
  ['cs', 10],
  ['java', 8],
  ['go', 8],
  ['json', 8],
  ['yaml', 7],
  ['md', 8],
  ['sh', 3],
  ['env', 1],
  ['dockerfile', 1],
  ['xml', 2],
  ['tf', 2],
];

export const LANG_EXT: Readonly<Record<Lang, string>> = {
  ts: '.ts',
  js: '.js',
  py: '.py',
  cs: '.cs',
  java: '.java',
  go: '.go',
  json: '.json',
  yaml: '.yaml',
  md: '.md',
  sh: '.sh',
  env: '.env',
  dockerfile: '',
  xml: '.xml',
  tf: '.tf',
};

export function pickLang(rng: Rng): Lang {
  let total = 0;
  for (const [, w] of LANG_WEIGHTS) total += w;
  let r = rng.next() * total;
  for (const [lang, w] of LANG_WEIGHTS) {
    r -= w;
    if (r < 0) return lang;
  }
  return 'ts';
}

function ind(level: number, unit = '  '): string {
  return unit.repeat(level);
}

type LineGen = (rng: Rng, level: number) => string;

// C-family languages share line shapes; the differences that matter for a scanner are keywords,
// comment markers and string quotes.
interface CLike {
  decl: (rng: Rng) => string;
  fn: (rng: Rng) => string;
  quote: string;
  unit: string;
  imports: (rng: Rng) => string;
}

const C_LIKE: Partial<Record<Lang, CLike>> = {
  ts: {
    decl: (r) => `${r.pick(['const', 'let'])} ${camel(r)}${r.chance(0.3) ? `: ${pascal(r)}` : ''}`,
    fn: (r) => `export ${r.chance(0.3) ? 'async ' : ''}function ${camel(r)}(${camel(r)}: ${pascal(r)}, ${camel(r)}: string): ${pascal(r)} {`,
    quote: "'",
    unit: '  ',
    imports: (r) => `import { ${pascal(r)}, ${camel(r)} } from './${word(r)}/${word(r)}';`,
  },
  js: {
    decl: (r) => `${r.pick(['const', 'let', 'var'])} ${camel(r)}`,
    fn: (r) => `${r.chance(0.4) ? 'async ' : ''}function ${camel(r)}(${camel(r)}, ${camel(r)}) {`,
    quote: '"',
    unit: '  ',
    imports: (r) => `const { ${camel(r)} } = require("${word(r)}-${word(r)}");`,
  },
  cs: {
    decl: (r) => `${r.pick(['var', 'string', 'int', 'private readonly ' + pascal(r)])} ${camel(r)}`,
    fn: (r) => `public ${r.chance(0.4) ? 'async Task<' + pascal(r) + '>' : pascal(r)} ${pascal(r)}(${pascal(r)} ${camel(r)}, string ${camel(r)})`,
    quote: '"',
    unit: '    ',
    imports: (r) => `using ${pascal(r)}.${pascal(r)};`,
  },
  java: {
    decl: (r) => `${r.pick(['final String', 'int', 'var', pascal(r)])} ${camel(r)}`,
    fn: (r) => `public ${pascal(r)} ${camel(r)}(${pascal(r)} ${camel(r)}, String ${camel(r)}) throws IOException {`,
    quote: '"',
    unit: '    ',
    imports: (r) => `import com.${word(r)}.${word(r)}.${pascal(r)};`,
  },
  go: {
    decl: (r) => `${camel(r)} :=`,
    fn: (r) => `func ${pascal(r)}(${camel(r)} *${pascal(r)}, ${camel(r)} string) (${pascal(r)}, error) {`,
    quote: '"',
    unit: '\t',
    imports: (r) => `\t"${word(r)}/${word(r)}"`,
  },
};

function cLikeLine(lang: Lang): LineGen {
  const c = C_LIKE[lang]!;
  const q = c.quote;
  const semi = lang === 'go' ? '' : ';';
  return (rng, level) => {
    const pad = ind(level, c.unit);
    switch (rng.int(12)) {
      case 0:
        return `${pad}// ${sentence(rng)}`;
      case 1:
        return `${pad}${c.decl(rng)} = ${q}${stringLiteral(rng)}${q}${semi}`;
      case 2:
        return `${pad}${c.decl(rng)} = ${camel(rng)}.${camel(rng)}(${camel(rng)}, ${num(rng)})${semi}`;
      case 3:
        return `${pad}if (${camel(rng)}.${camel(rng)} ${rng.pick(['==', '!=', '<', '>='])} ${num(rng)}) {`;
      case 4:
        return `${pad}}`;
      case 5:
        return `${pad}return ${camel(rng)}${rng.chance(0.5) ? `.${camel(rng)}()` : ''}${semi}`;
      case 6:
        return `${pad}${c.fn(rng)}`;
      case 7:
        return level === 0 ? c.imports(rng) : `${pad}${camel(rng)}.${camel(rng)}(${q}${word(rng)}${q}, ${camel(rng)})${semi}`;
      case 8:
        return '';
      case 9:
        return `${pad}${camel(rng)}[${q}${word(rng)}${q}] = ${num(rng)}${semi}`;
      case 10:
        return `${pad}/* ${sentence(rng)} ${sentence(rng)} */`;
      default:
        return `${pad}${camel(rng)}.${camel(rng)} = await ${camel(rng)}.${camel(rng)}(${q}${plainUrl(rng)}${q})${semi}`;
    }
  };
}

const LINE_GENS: Readonly<Record<Lang, LineGen>> = {
  ts: cLikeLine('ts'),
  js: cLikeLine('js'),
  cs: cLikeLine('cs'),
  java: cLikeLine('java'),
  go: cLikeLine('go'),
  py: (rng, level) => {
    const pad = ind(level, '    ');
    switch (rng.int(10)) {
      case 0:
        return `${pad}# ${sentence(rng)}`;
      case 1:
        return `${pad}${snake(rng)} = "${stringLiteral(rng)}"`;
      case 2:
        return `${pad}def ${snake(rng)}(self, ${snake(rng)}, ${snake(rng)}=None):`;
      case 3:
        return `${pad}${snake(rng)} = self.${snake(rng)}(${snake(rng)}, timeout=${num(rng)})`;
      case 4:
        return level === 0 ? `from ${word(rng)}.${word(rng)} import ${pascal(rng)}` : `${pad}return ${snake(rng)}`;
      case 5:
        return '';
      case 6:
        return `${pad}if ${snake(rng)} is not None and ${snake(rng)} > ${num(rng)}:`;
      case 7:
        return `${pad}"""${sentence(rng)}"""`;
      case 8:
        return `${pad}logger.info("${sentence(rng)} %s", ${snake(rng)})`;
      default:
        return `${pad}response = requests.get(f"${plainUrl(rng)}", headers=headers)`;
    }
  },
  json: (rng, level) => {
    const pad = ind(level + 1);
    switch (rng.int(6)) {
      case 0:
        return `${pad}"${camel(rng)}": "${stringLiteral(rng)}",`;
      case 1:
        return `${pad}"${camel(rng)}": ${num(rng)},`;
      case 2:
        return `${pad}"${camel(rng)}": ${rng.chance(0.5)}, `;
      case 3:
        return `${pad}"${camel(rng)}": {`;
      case 4:
        return `${pad}},`;
      default:
        return `${pad}"${camel(rng)}": ["${word(rng)}", "${word(rng)}"],`;
    }
  },
  yaml: (rng, level) => {
    const pad = ind(level);
    switch (rng.int(6)) {
      case 0:
        return `${pad}# ${sentence(rng)}`;
      case 1:
        return `${pad}${camel(rng)}: ${stringLiteral(rng)}`;
      case 2:
        return `${pad}- name: ${word(rng)}-${word(rng)}`;
      case 3:
        return `${pad}${camel(rng)}:`;
      case 4:
        return `${pad}  value: "${num(rng)}"`;
      default:
        return `${pad}  run: ${word(rng)} --${word(rng)} ${word(rng)}.${rng.pick(['json', 'yaml'])}`;
    }
  },
  md: (rng) => {
    switch (rng.int(8)) {
      case 0:
        return `## ${sentence(rng)}`;
      case 1:
      case 2:
        return `${sentence(rng)} ${sentence(rng)} ${sentence(rng)}`;
      case 3:
        return `- ${sentence(rng)}`;
      case 4:
        return `See [${word(rng)}](${plainUrl(rng)}) for the ${word(rng)} ${word(rng)}.`;
      case 5:
        return '';
      case 6:
        return '```';
      default:
        return `| ${word(rng)} | ${word(rng)} | ${num(rng)} |`;
    }
  },
  sh: (rng) => {
    switch (rng.int(6)) {
      case 0:
        return `# ${sentence(rng)}`;
      case 1:
        return `${snake(rng).toUpperCase()}="${stringLiteral(rng)}"`;
      case 2:
        return `az storage ${word(rng)} ${rng.pick(['list', 'show', 'create'])} --name "$${snake(rng).toUpperCase()}" --output tsv`;
      case 3:
        return `curl -fsSL "${plainUrl(rng)}" -o ${word(rng)}.tar.gz`;
      case 4:
        return '';
      default:
        return `if [ -z "$${snake(rng).toUpperCase()}" ]; then echo "${sentence(rng)}"; exit 1; fi`;
    }
  },
  env: (rng) => (rng.chance(0.15) ? `# ${sentence(rng)}` : `${snake(rng).toUpperCase()}=${rng.chance(0.5) ? num(rng) : stringLiteral(rng)}`),
  dockerfile: (rng) => {
    switch (rng.int(5)) {
      case 0:
        return `RUN apt-get update && apt-get install -y ${word(rng)} ${word(rng)}`;
      case 1:
        return `COPY ${word(rng)}/ /app/${word(rng)}/`;
      case 2:
        return `ENV ${snake(rng).toUpperCase()}=${num(rng)}`;
      case 3:
        return `# ${sentence(rng)}`;
      default:
        return `RUN curl -fsSL ${plainUrl(rng)} | tar -xz -C /opt`;
    }
  },
  xml: (rng, level) => {
    const pad = ind(level + 1);
    switch (rng.int(5)) {
      case 0:
        return `${pad}<!-- ${sentence(rng)} -->`;
      case 1:
        return `${pad}<add key="${pascal(rng)}" value="${stringLiteral(rng).replace(/&/g, '&amp;')}" />`;
      case 2:
        return `${pad}<${pascal(rng)}>${num(rng)}</${pascal(rng)}>`;
      case 3:
        return `${pad}<PackageReference Include="${pascal(rng)}.${pascal(rng)}" Version="${rng.range(1, 9)}.${rng.int(10)}.${rng.int(10)}" />`;
      default:
        return `${pad}<${camel(rng)} enabled="${rng.chance(0.5)}" />`;
    }
  },
  tf: (rng, level) => {
    const pad = ind(level);
    switch (rng.int(6)) {
      case 0:
        return `resource "azurerm_${snake(rng)}" "${snake(rng)}" {`;
      case 1:
        return `${pad}  ${snake(rng)} = "${stringLiteral(rng)}"`;
      case 2:
        return `${pad}  ${snake(rng)} = var.${snake(rng)}`;
      case 3:
        return '}';
      case 4:
        return `# ${sentence(rng)}`;
      default:
        return `${pad}  ${snake(rng)} = ${num(rng)}`;
    }
  },
};

/** One line that holds `value` the way this language would: an assignment, a config entry, a link. */
export function embed(rng: Rng, lang: Lang, value: string): string {
  const name = snake(rng).toUpperCase();
  switch (lang) {
    case 'ts':
    case 'js':
      return `const ${camel(rng)} = '${value}';`;
    case 'cs':
      return `    private const string ${pascal(rng)} = "${value}";`;
    case 'java':
      return `    static final String ${name} = "${value}";`;
    case 'go':
      return `\t${camel(rng)} := "${value}"`;
    case 'py':
      return `${snake(rng)} = "${value}"`;
    case 'json':
      return `  "${camel(rng)}": "${value}",`;
    case 'yaml':
      return `  ${camel(rng)}: "${value}"`;
    case 'md':
      return `Download the ${word(rng)} here: ${value}`;
    case 'sh':
      return `export ${name}="${value}"`;
    case 'env':
      return `${name}=${value}`;
    case 'dockerfile':
      return `ENV ${name}="${value}"`;
    case 'xml':
      return `    <add key="${pascal(rng)}" value="${value.replace(/&(?!amp;)/g, '&amp;')}" />`;
    case 'tf':
      return `  ${snake(rng)} = "${value}"`;
  }
}

/**
 * Generates one file of about `size` bytes (UTF-8) with the given plants spread through it.
 * Returns the text; the plants are counted by the caller.
 */
export function generateText(rng: Rng, lang: Lang, size: number, plants: readonly string[]): string {
  const gen = LINE_GENS[lang];
  const lines: string[] = [];
  if (lang === 'json') lines.push('{');
  if (lang === 'xml') lines.push('<?xml version="1.0" encoding="utf-8"?>', '<configuration>');
  let length = 0;
  let level = 0;
  const at = plants.map(() => rng.next() * size).sort((a, b) => a - b);
  let p = 0;
  while (length < size) {
    while (p < plants.length && at[p]! <= length) {
      const line = plants[p++]!;
      lines.push(line);
      length += line.length + 1;
    }
    if (rng.chance(0.15)) level = Math.max(0, Math.min(4, level + (rng.chance(0.5) ? 1 : -1)));
    const line = gen(rng, level);
    lines.push(line);
    length += line.length + 1;
  }
  while (p < plants.length) lines.push(plants[p++]!);
  if (lang === 'json') lines.push('  "end": true', '}');
  if (lang === 'xml') lines.push('</configuration>');
  return lines.join('\n') + '\n';
}
