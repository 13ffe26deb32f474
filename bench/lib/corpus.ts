// Source-like text for the benchmarks: many languages, realistic line shapes, and a sprinkling of
// fabricated Azure credentials (random signature and key bytes from a seeded generator, never a
// real secret), placeholders that must not be reported, and other clouds' signed URLs.
import { type Rng } from './rng';

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

function word(rng: Rng): string {
  return rng.pick(WORDS);
}

function camel(rng: Rng): string {
  const n = rng.range(1, 3);
  let s = word(rng);
  for (let i = 1; i < n; i++) {
    const w = word(rng);
    s += w[0]!.toUpperCase() + w.slice(1);
  }
  return s;
}

function pascal(rng: Rng): string {
  const s = camel(rng);
  return s[0]!.toUpperCase() + s.slice(1);
}

function snake(rng: Rng): string {
  const n = rng.range(1, 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(word(rng));
  return parts.join('_');
}

function sentence(rng: Rng): string {
  const n = rng.range(4, 14);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(rng.chance(0.02) ? rng.pick(NON_ASCII) : word(rng));
  const s = parts.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

function num(rng: Rng): string {
  return rng.chance(0.7) ? String(rng.int(1000)) : (rng.next() * 100).toFixed(2);
}

/** An ordinary URL: no signature, sometimes a storage host (which must not be reported on its own). */
function plainUrl(rng: Rng): string {
  const host = rng.pick(HOSTS);
  const path = `${word(rng)}/${word(rng)}-${rng.int(100)}`;
  const r = rng.int(4);
  if (r === 0) return `https://${host}/${path}`;
  if (r === 1) return `https://${host}/${path}?page=${rng.int(20)}&size=${rng.pick(['10', '50', '100'])}`;
  if (r === 2) return `https://${host}/${path}?api-version=2023-0${rng.range(1, 9)}-01`;
  return `https://${host}/${path}#${word(rng)}`;
}

function stringLiteral(rng: Rng): string {
  const r = rng.int(4);
  if (r === 0) return plainUrl(rng);
  if (r === 1) return `${word(rng)}/${word(rng)}.${rng.pick(['json', 'txt', 'csv', 'bin'])}`;
  return sentence(rng).slice(0, rng.range(8, 60));
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

// ---------------------------------------------------------------------------------------------
// Fabricated credentials. Signatures are base64 of random bytes from the seeded generator.

export type PlantKind =
  | 'blob-service-sas-url'
  | 'account-sas-url'
  | 'container-sas-url'
  | 'bare-sas-query'
  | 'storage-connection-string'
  | 'sas-connection-string'
  | 'servicebus-connection-string'
  | 'servicebus-sas-token'
  | 'user-delegation-sas-url'
  | 'json-escaped-sas-url'
  | 'html-entity-sas-url'
  | 'placeholder'
  | 'other-cloud';

export const LIVE_KINDS: readonly PlantKind[] = [
  'blob-service-sas-url',
  'account-sas-url',
  'container-sas-url',
  'bare-sas-query',
  'storage-connection-string',
  'sas-connection-string',
  'servicebus-connection-string',
  'servicebus-sas-token',
  'user-delegation-sas-url',
  'json-escaped-sas-url',
  'html-entity-sas-url',
];

function sig(rng: Rng): string {
  return rng.bytes(32).toString('base64');
}

function accountKey(rng: Rng): string {
  return rng.bytes(64).toString('base64');
}

function account(rng: Rng): string {
  return `${word(rng)}${word(rng)}${rng.int(100)}`.slice(0, 24);
}

function isoDate(rng: Rng, yearLo: number, yearHi: number): string {
  const y = rng.range(yearLo, yearHi);
  const m = String(rng.range(1, 12)).padStart(2, '0');
  const d = String(rng.range(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}T${String(rng.int(24)).padStart(2, '0')}:00:00Z`;
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** Returns the value to embed (a URL, query, connection string …) for one fabricated credential. */
export function fabricate(rng: Rng, kind: PlantKind): string {
  const acct = account(rng);
  const blobPath = `${word(rng)}/${word(rng)}-${rng.int(1000)}.${rng.pick(['zip', 'parquet', 'bin', 'csv', 'tar.gz'])}`;
  switch (kind) {
    case 'blob-service-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sp=r&st=${isoDate(rng, 2030, 2030)}&se=${isoDate(rng, 2031, 2032)}&spr=https&sv=2022-11-02&sr=b&sig=${enc(sig(rng))}`;
    case 'account-sas-url':
      return `https://${acct}.blob.core.windows.net/?sv=2021-06-08&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&st=2021-10-05T00:00:00Z&spr=https,http&sig=${enc(sig(rng))}`;
    case 'container-sas-url':
      return `https://${acct}.blob.core.windows.net/${word(rng)}?sv=2020-08-04&sr=c&sp=rwdl&se=${isoDate(rng, 2029, 2035)}&sig=${enc(sig(rng))}`;
    case 'bare-sas-query':
      return `?sv=2022-11-02&ss=b&srt=co&sp=rl&se=${isoDate(rng, 2030, 2033)}&spr=https&sig=${enc(sig(rng))}`;
    case 'storage-connection-string':
      return `DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=${accountKey(rng)};EndpointSuffix=core.windows.net`;
    case 'sas-connection-string':
      return `BlobEndpoint=https://${acct}.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&ss=b&srt=sco&sp=rwl&se=${isoDate(rng, 2030, 2033)}&sig=${enc(sig(rng))}`;
    case 'servicebus-connection-string':
      return `Endpoint=sb://${acct}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sig(rng)}`;
    case 'servicebus-sas-token':
      return `SharedAccessSignature sr=${enc(`https://${acct}.servicebus.windows.net/${word(rng)}`)}&sig=${enc(sig(rng))}&se=${rng.range(1900000000, 2100000000)}&skn=RootManageSharedAccessKey`;
    case 'user-delegation-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?skoid=${rng.guid()}&sktid=${rng.guid()}&skt=2030-06-01T08%3A00%3A00Z&ske=2030-06-02T08%3A00%3A00Z&sks=b&skv=2023-11-03&sv=2023-11-03&se=2030-06-01T10%3A00%3A00Z&sr=b&sp=rw&sig=${enc(sig(rng))}`;
    case 'json-escaped-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02\\u0026sr=b\\u0026sp=rw\\u0026se=${isoDate(rng, 2030, 2032)}\\u0026sig=${enc(sig(rng))}`;
    case 'html-entity-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&amp;sr=b&amp;sp=r&amp;se=${isoDate(rng, 2030, 2032)}&amp;sig=${enc(sig(rng))}`;
    case 'placeholder':
      switch (rng.int(7)) {
        case 0:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=Sanitized`;
        case 1:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=REDACTED`;
        case 2:
          return `https://<account>.blob.core.windows.net/<container>?sv=<version>&sp=rl&se=<expiry>&sig=<signature>`;
        case 3:
          return `https://${acct}.blob.core.windows.net/${word(rng)}?\${SAS_QUERY}&sig=\${SAS_SIGNATURE}`;
        case 4:
          return 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
        case 5:
          return `DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;EndpointSuffix=core.windows.net`;
        default:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&sig={sig}`;
      }
    case 'other-cloud':
      switch (rng.int(3)) {
        case 0:
          return `https://${word(rng)}-bucket.s3.amazonaws.com/${blobPath}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA${rng.hex(16).toUpperCase()}%2F20300101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20300101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${rng.hex(64)}`;
        case 1:
          return `https://storage.googleapis.com/${word(rng)}-bucket/${blobPath}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40proj.iam.gserviceaccount.com%2F20300101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20300101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${rng.hex(128)}`;
        default:
          return `https://d${rng.hex(12)}.cloudfront.net/${blobPath}?Expires=1900000000&Signature=${rng.bytes(96).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~')}&Key-Pair-Id=K${rng.hex(13).toUpperCase()}`;
      }
  }
}

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
