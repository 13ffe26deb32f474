// Per-language cases for "Replace with environment reference": input, finding, expected output text,
// and how the output is checked (a parser, or running the program with the variable set).
import type { Finding } from '../../../server/src/core/findings/types';
import { ACCOUNT_SAS, BLOB_URL, CONN, IOT_DEVICE_CONN, IOT_DEVICE_TOKEN, IOT_KEY, IOT_POLICY_CONN, KEY, SAS_URL, SB_CONN, SB_KEY, keyFinding, sasFinding } from './helpers';
import type { ParserLanguage } from './parsers';

export interface EnvCase {
  readonly name: string;
  readonly languageId: string;
  readonly fileName: string;
  readonly text: string;
  readonly finding: (text: string) => Finding;
  readonly variableName: string;
  readonly expected: string;
  readonly parser?: ParserLanguage;
  /** Run original and fixed program (fixed one with the variable set to secretValue): same output. */
  readonly run?: 'javascript' | 'typescript' | 'python' | 'shell';
  readonly titleIncludes?: readonly string[];
  readonly hasReferenceSyntax?: boolean;
  readonly setting?: string;
}

const sas = (token: string) => (text: string) => sasFinding(text, token);
const SAS_URL_JSON = SAS_URL.replace(/&/g, '\\u0026');
const SAS_URL_HTML = SAS_URL.replace(/&/g, '&amp;');
const CARET_SAS = ACCOUNT_SAS.replace(/&/g, '^&');
const WEB_URL = `https://contosoweb.blob.core.windows.net/$web?${ACCOUNT_SAS}`;
const Q = BLOB_URL; // the non-secret part that stays in code

export const ENV_CASES: readonly EnvCase[] = [
  // JavaScript
  {
    name: 'js: double-quoted URL → concatenation, name from the variable',
    languageId: 'javascript', fileName: 'src/upload.js',
    text: `const blobSasUrl = "${SAS_URL}";\nconsole.log(blobSasUrl);\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `const blobSasUrl = "${Q}?" + process.env.BLOB_SAS_TOKEN;\nconsole.log(blobSasUrl);\n`,
    parser: 'javascript', run: 'javascript', titleIncludes: ['process.env.BLOB_SAS_TOKEN'],
  },
  {
    name: 'js: template literal keeps its form',
    languageId: 'javascript', fileName: 'a.mjs',
    text: `const account = "contosodata";\nconst u = \`https://\${account}.blob.core.windows.net/c?${ACCOUNT_SAS}\`;\nconsole.log(u);\n`,
    finding: sas(`https://\${account}.blob.core.windows.net/c?${ACCOUNT_SAS}`), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `const account = "contosodata";\nconst u = \`https://\${account}.blob.core.windows.net/c?\${process.env.AZURE_STORAGE_SAS_TOKEN}\`;\nconsole.log(u);\n`,
    parser: 'javascript', run: 'javascript',
  },
  {
    name: 'js: trailing non-SAS parameter and a member call stay in code',
    languageId: 'javascript', fileName: 'a.js',
    text: `const listUrl = '${SAS_URL}&comp=list'.trim();\nconsole.log(listUrl);\n`,
    finding: sas(SAS_URL), variableName: 'LIST_SAS_TOKEN',
    expected: `const listUrl = ('${Q}?' + process.env.LIST_SAS_TOKEN + '&comp=list').trim();\nconsole.log(listUrl);\n`,
    parser: 'javascript', run: 'javascript',
  },
  {
    name: 'js: Service Bus connection string, whole literal',
    languageId: 'javascript', fileName: 'sb.js',
    text: `const sb = "${SB_CONN}";\nconsole.log(sb);\n`,
    finding: (t) => keyFinding(t, SB_CONN, SB_KEY, { ruleId: 'servicebus-key' }), variableName: 'SERVICEBUS_CONNECTION_STRING',
    expected: `const sb = process.env.SERVICEBUS_CONNECTION_STRING;\nconsole.log(sb);\n`,
    parser: 'javascript', run: 'javascript', titleIncludes: ['connection string'],
  },
  {
    name: 'js: IoT Hub device connection string, whole literal, the IoT SDK samples\' name',
    languageId: 'javascript', fileName: 'device.js',
    text: `const conn = "${IOT_DEVICE_CONN}";\nconsole.log(conn);\n`,
    finding: (t) => keyFinding(t, IOT_DEVICE_CONN, IOT_KEY, { ruleId: 'iothub-device-key' }), variableName: 'IOTHUB_DEVICE_CONNECTION_STRING',
    expected: `const conn = process.env.IOTHUB_DEVICE_CONNECTION_STRING;\nconsole.log(conn);\n`,
    parser: 'javascript', run: 'javascript', titleIncludes: ['connection string'],
  },
  {
    name: 'js: IoT Hub device SAS token, whole literal',
    languageId: 'javascript', fileName: 'token.js',
    text: `const t = "${IOT_DEVICE_TOKEN}";\nconsole.log(t);\n`,
    finding: (t) => sasFinding(t, IOT_DEVICE_TOKEN, { ruleId: 'iothub-sas', container: 'servicebus-token' }), variableName: 'IOTHUB_SAS_TOKEN',
    expected: `const t = process.env.IOTHUB_SAS_TOKEN;\nconsole.log(t);\n`,
    parser: 'javascript', run: 'javascript',
  },
  // TypeScript
  {
    name: 'ts: typed constant gets a non-null assertion',
    languageId: 'typescript', fileName: 'src/storage.ts',
    text: `const blobSasUrl: string = "${SAS_URL}";\nconsole.log(blobSasUrl);\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `const blobSasUrl: string = "${Q}?" + process.env.BLOB_SAS_TOKEN!;\nconsole.log(blobSasUrl);\n`,
    parser: 'typescript', run: 'typescript',
  },
  {
    name: 'ts: connection string, whole literal, conventional name',
    languageId: 'typescript', fileName: 'src/conn.ts',
    text: `export const conn: string = "${CONN}";\nconsole.log(conn);\n`,
    finding: (t) => keyFinding(t, CONN, KEY), variableName: 'AZURE_STORAGE_CONNECTION_STRING',
    expected: `export const conn: string = process.env.AZURE_STORAGE_CONNECTION_STRING!;\nconsole.log(conn);\n`,
    parser: 'typescript', run: 'typescript',
  },
  {
    name: 'tsx: builder method argument names the variable',
    languageId: 'typescriptreact', fileName: 'src/App.tsx',
    text: `const c = builder.sasToken("${ACCOUNT_SAS}");\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `const c = builder.sasToken(process.env.SAS_TOKEN!);\n`,
    parser: 'typescript',
  },
  {
    name: 'tsx: a JSX attribute value takes the expression in braces',
    languageId: 'typescriptreact', fileName: 'src/Logo.tsx',
    text: `export const Logo = () => <img alt="logo" src="${SAS_URL}" />;\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `export const Logo = () => <img alt="logo" src={"${Q}?" + process.env.CONTOSODATA_SAS_TOKEN!} />;\n`,
    parser: 'tsx',
  },
  // Python
  {
    name: 'python: f-string, import os after docstring and __future__',
    languageId: 'python', fileName: 'app.py',
    text: `"""Uploads reports."""\nfrom __future__ import annotations\n\nimport sys\n\nREPORTS_URL = "${SAS_URL}"\nprint(REPORTS_URL)\n`,
    finding: sas(SAS_URL), variableName: 'REPORTS_SAS_TOKEN',
    expected: `"""Uploads reports."""\nfrom __future__ import annotations\n\nimport os\nimport sys\n\nREPORTS_URL = f"${Q}?{os.environ['REPORTS_SAS_TOKEN']}"\nprint(REPORTS_URL)\n`,
    parser: 'python', run: 'python', titleIncludes: ['import os'],
  },
  {
    name: 'python: braces in a plain string are doubled when it becomes an f-string; import os kept',
    languageId: 'python', fileName: 'app.py',
    text: `import os\nurl = 'https://contosodata.blob.core.windows.net/{c}?${ACCOUNT_SAS}'\nprint(url)\n`,
    finding: sas(`https://contosodata.blob.core.windows.net/{c}?${ACCOUNT_SAS}`), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `import os\nurl = f'https://contosodata.blob.core.windows.net/{{c}}?{os.environ["CONTOSODATA_SAS_TOKEN"]}'\nprint(url)\n`,
    parser: 'python', run: 'python',
  },
  {
    name: 'python: existing f-string gets a placeholder with the other quote',
    languageId: 'python', fileName: 'nb.py',
    text: `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\naccount = "contosodata"\nsas_url = f"https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}"\nprint(sas_url)\n`,
    finding: sas(`https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}`), variableName: 'SAS_TOKEN',
    expected: `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\n\naccount = "contosodata"\nsas_url = f"https://{account}.blob.core.windows.net/c?{os.environ['SAS_TOKEN']}"\nprint(sas_url)\n`,
    parser: 'python', run: 'python',
  },
  {
    name: 'python: IoT Hub policy connection string, conventional name',
    languageId: 'python', fileName: 'service.py',
    text: `import os\nconn = "${IOT_POLICY_CONN}"\nprint(conn)\n`,
    finding: (t) => keyFinding(t, IOT_POLICY_CONN, IOT_KEY, { ruleId: 'iothub-policy-key' }), variableName: 'IOTHUB_CONNECTION_STRING',
    expected: `import os\nconn = os.environ["IOTHUB_CONNECTION_STRING"]\nprint(conn)\n`,
    parser: 'python', run: 'python',
  },
  {
    name: 'python: keyword argument, whole literal',
    languageId: 'python', fileName: 'client.py',
    text: `import os.path\nclient = dict(account_url="https://contosodata.blob.core.windows.net", credential="${ACCOUNT_SAS}")\nprint(client)\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `import os.path\nclient = dict(account_url="https://contosodata.blob.core.windows.net", credential=os.environ["AZURE_STORAGE_SAS_TOKEN"])\nprint(client)\n`,
    parser: 'python', run: 'python',
  },
  {
    name: 'python: account key assignment keeps its name',
    languageId: 'python', fileName: 'settings.py',
    text: `AZURE_STORAGE_KEY = "${KEY}"\nprint(AZURE_STORAGE_KEY)\n`,
    finding: (t) => keyFinding(t, KEY, KEY), variableName: 'AZURE_STORAGE_KEY',
    expected: `import os\n\nAZURE_STORAGE_KEY = os.environ["AZURE_STORAGE_KEY"]\nprint(AZURE_STORAGE_KEY)\n`,
    parser: 'python', run: 'python', titleIncludes: ['account key'],
  },
  // C# (Mono's mcs --parse)
  {
    name: 'csharp: concatenation inside a call',
    languageId: 'csharp', fileName: 'Program.cs',
    text: `var container = new BlobContainerClient(new Uri("${SAS_URL}"));\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `var container = new BlobContainerClient(new Uri("${Q}?" + Environment.GetEnvironmentVariable("CONTOSODATA_SAS_TOKEN")));\n`,
    parser: 'csharp-statements',
  },
  {
    name: 'csharp: verbatim const string, title says to drop const',
    languageId: 'csharp', fileName: 'Config.cs',
    text: `    const string Sas = @"?${ACCOUNT_SAS}";\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `    const string Sas = @"?" + Environment.GetEnvironmentVariable("SAS_TOKEN");\n`,
    titleIncludes: ['const'],
    parser: 'csharp-statements',
  },
  {
    name: 'csharp: interpolated string gets a hole',
    languageId: 'csharp', fileName: 'Config.cs',
    text: `var url = $"https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}";\n`,
    finding: sas(`https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}`), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `var url = $"https://{account}.blob.core.windows.net/c?{Environment.GetEnvironmentVariable("AZURE_STORAGE_SAS_TOKEN")}";\n`,
    parser: 'csharp-statements',
  },
  {
    name: 'csharp: verbatim interpolated $@ string gets a hole',
    languageId: 'csharp', fileName: 'Config.cs',
    text: `var url = $@"https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}";\n`,
    finding: sas(`https://{account}.blob.core.windows.net/c?${ACCOUNT_SAS}`), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `var url = $@"https://{account}.blob.core.windows.net/c?{Environment.GetEnvironmentVariable("AZURE_STORAGE_SAS_TOKEN")}";\n`,
    parser: 'csharp-statements',
  },
  // Java
  {
    name: 'java: builder argument and a field',
    languageId: 'java', fileName: 'Snippet.java',
    text: `class Snippet {\n  static class B { B sasToken(String s) { return this; } }\n  static final String URL = "${SAS_URL}";\n  B b = new B().sasToken("${ACCOUNT_SAS}");\n}\n`,
    finding: (t) => sasFinding(t, ACCOUNT_SAS, { occurrence: 1 }), variableName: 'SAS_TOKEN',
    expected: `class Snippet {\n  static class B { B sasToken(String s) { return this; } }\n  static final String URL = "${SAS_URL}";\n  B b = new B().sasToken(System.getenv("SAS_TOKEN"));\n}\n`,
    parser: 'java',
  },
  {
    name: 'java: URL field with a member call',
    languageId: 'java', fileName: 'Snippet.java',
    text: `class Snippet {\n  String blobUrl = "${SAS_URL}".trim();\n}\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `class Snippet {\n  String blobUrl = ("${Q}?" + System.getenv("BLOB_SAS_TOKEN")).trim();\n}\n`,
    parser: 'java',
  },
  {
    name: 'java: text block uses formatted()',
    languageId: 'java', fileName: 'Snippet.java',
    text: `class Snippet {\n  String url = """\n      ${SAS_URL}""";\n}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `class Snippet {\n  String url = """\n      ${Q}?%s""".formatted(System.getenv("CONTOSODATA_SAS_TOKEN"));\n}\n`,
    parser: 'java',
  },
  {
    name: 'java: an annotation value gets a Spring-style placeholder (only constants may stand there)',
    languageId: 'java', fileName: 'Snippet.java',
    text: `class Snippet {\n  @interface Value { String value(); }\n  @Value("${SAS_URL}")\n  String url;\n}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `class Snippet {\n  @interface Value { String value(); }\n  @Value("${Q}?\${CONTOSODATA_SAS_TOKEN}")\n  String url;\n}\n`,
    parser: 'java', titleIncludes: ['annotation'],
  },
  // Kotlin (exact text)
  {
    name: 'kotlin: annotation value, escaped placeholder',
    languageId: 'kotlin', fileName: 'Cfg.kt',
    text: `@Value("${SAS_URL}")\nlateinit var url: String\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `@Value("${Q}?\\\${CONTOSODATA_SAS_TOKEN}")\nlateinit var url: String\n`,
  },
  {
    name: 'kotlin: string template',
    languageId: 'kotlin', fileName: 'Main.kt',
    text: `val blobUrl = "${SAS_URL}"\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `val blobUrl = "${Q}?\${System.getenv("BLOB_SAS_TOKEN")}"\n`,
  },
  // Go (exact text)
  {
    name: 'go: raw string, "os" added to the import block in order',
    languageId: 'go', fileName: 'main.go',
    text: `package main\n\nimport (\n\t"fmt"\n\t"strings"\n)\n\nfunc main() {\n\tu := \`${SAS_URL}\`\n\tfmt.Println(strings.TrimSpace(u))\n}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main() {\n\tu := \`${Q}?\` + os.Getenv("CONTOSODATA_SAS_TOKEN")\n\tfmt.Println(strings.TrimSpace(u))\n}\n`,
    parser: 'go', titleIncludes: ['import "os"'],
  },
  {
    name: 'go: new import after the package clause',
    languageId: 'go', fileName: 'cfg.go',
    text: `package cfg\n\nvar SasToken = "${ACCOUNT_SAS}"\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `package cfg\n\nimport "os"\n\nvar SasToken = os.Getenv("SAS_TOKEN")\n`,
    parser: 'go',
  },
  // Rust
  {
    name: 'rust: format! with the variable',
    languageId: 'rust', fileName: 'src/lib.rs',
    text: `pub fn blob_url() -> String {\n    let url = "${SAS_URL}";\n    url.to_string()\n}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `pub fn blob_url() -> String {\n    let url = format!("${Q}?{}", std::env::var("CONTOSODATA_SAS_TOKEN").expect("CONTOSODATA_SAS_TOKEN is not set"));\n    url.to_string()\n}\n`,
    parser: 'rust',
  },
  // Ruby, PHP (exact text)
  {
    name: 'ruby: interpolation in a double-quoted string',
    languageId: 'ruby', fileName: 'upload.rb',
    text: `blob_url = "${SAS_URL}"\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `blob_url = "${Q}?#{ENV.fetch("BLOB_SAS_TOKEN")}"\n`,
    parser: 'ruby',
  },
  {
    name: 'ruby: single-quoted string is concatenated',
    languageId: 'ruby', fileName: 'upload.rb',
    text: `url = '${SAS_URL}'\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `url = '${Q}?' + ENV.fetch("CONTOSODATA_SAS_TOKEN")\n`,
    parser: 'ruby',
  },
  {
    name: 'php: concatenation with getenv',
    languageId: 'php', fileName: 'index.php',
    text: `<?php\n$blobUrl = '${SAS_URL}';\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `<?php\n$blobUrl = '${Q}?' . getenv('BLOB_SAS_TOKEN');\n`,
    parser: 'php',
  },
  // PowerShell (exact text)
  {
    name: 'powershell: $env: inside double quotes',
    languageId: 'powershell', fileName: 'deploy.ps1',
    text: `$uri = "${SAS_URL}"\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `$uri = "${Q}?$env:CONTOSODATA_SAS_TOKEN"\n`,
  },
  {
    name: 'powershell: single quotes become double quotes, $ escaped',
    languageId: 'powershell', fileName: 'deploy.ps1',
    text: `azcopy copy ./dist '${WEB_URL}' --recursive\n`,
    finding: sas(WEB_URL), variableName: 'CONTOSOWEB_SAS_TOKEN',
    expected: `azcopy copy ./dist "https://contosoweb.blob.core.windows.net/\`$web?$env:CONTOSOWEB_SAS_TOKEN" --recursive\n`,
  },
  {
    name: 'powershell: -SasToken parameter names the variable',
    languageId: 'powershell', fileName: 'ctx.ps1',
    text: `$ctx = New-AzStorageContext -StorageAccountName contosodata -SasToken "?${ACCOUNT_SAS}"\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `$ctx = New-AzStorageContext -StorageAccountName contosodata -SasToken "?$env:SAS_TOKEN"\n`,
  },
  // Shell
  {
    name: 'bash: double-quoted URL',
    languageId: 'shellscript', fileName: 'deploy.sh',
    text: `#!/bin/bash\nurl="${SAS_URL}"\necho "$url"\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `#!/bin/bash\nurl="${Q}?\${CONTOSODATA_SAS_TOKEN}"\necho "$url"\n`,
    parser: 'shell', run: 'shell',
  },
  {
    name: 'bash: single-quoted URL is joined with a double-quoted reference',
    languageId: 'shellscript', fileName: 'sync.sh',
    text: `echo '${SAS_URL}' # sync\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `echo '${Q}?'"\${CONTOSODATA_SAS_TOKEN}" # sync\n`,
    parser: 'shell', run: 'shell',
  },
  {
    name: 'bash: unquoted key assignment stays quoted',
    languageId: 'shellscript', fileName: 'env.sh',
    text: `export AZURE_STORAGE_KEY=${KEY}\necho "$AZURE_STORAGE_KEY"\n`,
    finding: (t) => keyFinding(t, KEY, KEY), variableName: 'AZURE_STORAGE_KEY',
    expected: `export AZURE_STORAGE_KEY="\${AZURE_STORAGE_KEY}"\necho "$AZURE_STORAGE_KEY"\n`,
    parser: 'shell', run: 'shell',
  },
  // cmd
  {
    name: 'bat: caret-escaped query',
    languageId: 'bat', fileName: 'deploy.cmd',
    text: `set SAS=${CARET_SAS}\r\n`,
    finding: (t) => sasFinding(t, CARET_SAS, { encoding: 'caret' }), variableName: 'SAS',
    expected: `set SAS=%SAS%\r\n`,
  },
  // YAML flavours
  {
    name: 'github actions: env entry → secrets',
    languageId: 'yaml', fileName: '.github/workflows/deploy.yml',
    text: `jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AZURE_STORAGE_SAS_TOKEN: "${ACCOUNT_SAS}"\n    steps:\n      - run: azcopy copy ./out "${WEB_URL}" --recursive\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `jobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AZURE_STORAGE_SAS_TOKEN: "\${{ secrets.AZURE_STORAGE_SAS_TOKEN }}"\n    steps:\n      - run: azcopy copy ./out "${WEB_URL}" --recursive\n`,
    parser: 'yaml', titleIncludes: ['secrets.AZURE_STORAGE_SAS_TOKEN'],
  },
  {
    name: 'github actions: run step URL',
    languageId: 'yaml', fileName: '.github/workflows/deploy.yml',
    text: `steps:\n  - run: azcopy copy ./out "${WEB_URL}" --recursive\n`,
    finding: sas(WEB_URL), variableName: 'CONTOSOWEB_SAS_TOKEN',
    expected: `steps:\n  - run: azcopy copy ./out "https://contosoweb.blob.core.windows.net/$web?\${{ secrets.CONTOSOWEB_SAS_TOKEN }}" --recursive\n`,
    parser: 'yaml',
  },
  {
    name: 'azure pipelines: $(NAME) macro',
    languageId: 'yaml', fileName: 'azure-pipelines.yml',
    text: `variables:\n  sasToken: '?${ACCOUNT_SAS}'\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `variables:\n  sasToken: '?$(SAS_TOKEN)'\n`,
    parser: 'yaml',
  },
  {
    name: 'other yaml (compose): ${NAME}',
    languageId: 'dockercompose', fileName: 'docker-compose.yml',
    text: `services:\n  app:\n    environment:\n      BLOB_URL: ${SAS_URL}\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `services:\n  app:\n    environment:\n      BLOB_URL: ${Q}?\${BLOB_SAS_TOKEN}\n`,
    parser: 'yaml',
  },
  // Dockerfile
  {
    name: 'dockerfile: ${NAME} with the ARG/ENV caveat',
    languageId: 'plaintext', fileName: 'Dockerfile',
    text: `FROM alpine\nENV AZURE_STORAGE_SAS="${ACCOUNT_SAS}"\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'AZURE_STORAGE_SAS',
    expected: `FROM alpine\nENV AZURE_STORAGE_SAS="\${AZURE_STORAGE_SAS}"\n`,
    titleIncludes: ['ARG AZURE_STORAGE_SAS', 'image layers'],
  },
  // Terraform
  {
    name: 'terraform: interpolation of a lower-case variable',
    languageId: 'terraform', fileName: 'main.tf',
    text: `resource "x" "y" {\n  sas_url = "${SAS_URL}"\n}\n`,
    finding: sas(SAS_URL), variableName: 'SAS_TOKEN',
    expected: `resource "x" "y" {\n  sas_url = "${Q}?\${var.sas_token}"\n}\n`,
    parser: 'terraform', titleIncludes: ['variable "sas_token"', 'sensitive'],
  },
  {
    name: 'terraform (plaintext id): whole value → var.name',
    languageId: 'plaintext', fileName: 'infra/storage.tf',
    text: `locals {\n  sas_token = "${ACCOUNT_SAS}"\n}\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `locals {\n  sas_token = var.sas_token\n}\n`,
    parser: 'terraform',
  },
  // Bicep
  {
    name: 'bicep: interpolation of a @secure() param',
    languageId: 'bicep', fileName: 'main.bicep',
    text: `var blobUrl = '${SAS_URL}'\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `var blobUrl = '${Q}?\${blobSasToken}'\n`,
    titleIncludes: ['@secure() param blobSasToken string'],
  },
  {
    name: 'bicepparam: readEnvironmentVariable',
    languageId: 'plaintext', fileName: 'main.bicepparam',
    text: `param sasToken = '${ACCOUNT_SAS}'\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `param sasToken = readEnvironmentVariable('SAS_TOKEN')\n`,
  },
  // .env
  {
    name: '.env: the whole value of its own variable is emptied',
    languageId: 'dotenv', fileName: '.env.production',
    text: `AZURE_STORAGE_SAS_TOKEN="${ACCOUNT_SAS}"\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `AZURE_STORAGE_SAS_TOKEN=""\n`,
    hasReferenceSyntax: false, titleIncludes: ['env file itself'],
  },
  {
    name: '.env: a query with its ? is emptied too (the ? stays)',
    languageId: 'dotenv', fileName: '.env',
    text: `export SAS_TOKEN='?${ACCOUNT_SAS}' # prod\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'SAS_TOKEN',
    expected: `export SAS_TOKEN='?' # prod\n`,
    hasReferenceSyntax: false,
  },
  {
    name: '.env: a URL value references the token',
    languageId: 'plaintext', fileName: 'config/.env',
    text: `BLOB_URL=${SAS_URL}\n`,
    finding: sas(SAS_URL), variableName: 'BLOB_SAS_TOKEN',
    expected: `BLOB_URL=${Q}?\${BLOB_SAS_TOKEN}\n`,
  },
  // JSON, XML, Markdown, unknown: placeholders
  {
    name: 'json: \\u0026-escaped URL → placeholder, name from the key',
    languageId: 'json', fileName: 'appsettings.json',
    text: `{ "Storage": { "SasUri": "${SAS_URL_JSON}" } }\n`,
    finding: (t) => sasFinding(t, SAS_URL_JSON, { encoding: 'json-unicode', container: 'url' }), variableName: 'SAS_TOKEN',
    expected: `{ "Storage": { "SasUri": "${Q}?\${SAS_TOKEN}" } }\n`,
    parser: 'json', hasReferenceSyntax: false, titleIncludes: ['JSON has no environment reference'],
  },
  {
    name: 'json: connection string → placeholder',
    languageId: 'json', fileName: 'local.settings.json',
    text: `{\n  "Values": {\n    "AzureWebJobsStorage": "${CONN}"\n  }\n}\n`,
    finding: (t) => keyFinding(t, CONN, KEY), variableName: 'AZURE_WEB_JOBS_STORAGE_CONNECTION_STRING',
    expected: `{\n  "Values": {\n    "AzureWebJobsStorage": "\${AZURE_WEB_JOBS_STORAGE_CONNECTION_STRING}"\n  }\n}\n`,
    parser: 'json', hasReferenceSyntax: false,
  },
  {
    name: 'notebook (.ipynb JSON): placeholder, title says how to read it in a cell',
    languageId: 'json', fileName: 'train.ipynb',
    text: `{"cells": [{"source": ["sas_url = \\"${SAS_URL}\\"\\n"]}]}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `{"cells": [{"source": ["sas_url = \\"${Q}?\${CONTOSODATA_SAS_TOKEN}\\"\\n"]}]}\n`,
    parser: 'json', hasReferenceSyntax: false, titleIncludes: ['os.environ["CONTOSODATA_SAS_TOKEN"]'],
  },
  {
    name: 'xml: &amp;-encoded query → placeholder',
    languageId: 'xml', fileName: 'web.config',
    text: `<add key="BlobSas" value="${SAS_URL_HTML}" />\n`,
    finding: (t) => sasFinding(t, SAS_URL_HTML, { encoding: 'html-entity', container: 'url' }), variableName: 'BLOB_SAS_TOKEN',
    expected: `<add key="BlobSas" value="${Q}?\${BLOB_SAS_TOKEN}" />\n`,
    hasReferenceSyntax: false,
  },
  {
    name: 'markdown: <NAME> placeholder keeps the URL',
    languageId: 'markdown', fileName: 'README.md',
    text: `[Download the models](${SAS_URL})\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `[Download the models](${Q}?<CONTOSODATA_SAS_TOKEN>)\n`,
    hasReferenceSyntax: false, titleIncludes: ['Markdown'],
  },
  {
    name: 'unknown file type: neutral ${NAME} placeholder',
    languageId: 'plaintext', fileName: 'notes.txt',
    text: `token: ${ACCOUNT_SAS}\n`,
    finding: sas(ACCOUNT_SAS), variableName: 'AZURE_STORAGE_SAS_TOKEN',
    expected: `token: \${AZURE_STORAGE_SAS_TOKEN}\n`,
    hasReferenceSyntax: false, titleIncludes: ['no environment reference syntax known'],
  },
  // Settings and comments
  {
    name: 'setting overrides the derived name',
    languageId: 'javascript', fileName: 'a.js',
    text: `const blobSasUrl = "${SAS_URL}";\n`,
    finding: sas(SAS_URL), variableName: 'MY_SAS', setting: 'MY_SAS',
    expected: `const blobSasUrl = "${Q}?" + process.env.MY_SAS;\n`,
    parser: 'javascript',
  },
  {
    name: 'token in a comment gets a placeholder',
    languageId: 'python', fileName: 'a.py',
    text: `x = 1  # see ${SAS_URL}\n`,
    finding: sas(SAS_URL), variableName: 'CONTOSODATA_SAS_TOKEN',
    expected: `x = 1  # see ${Q}?<CONTOSODATA_SAS_TOKEN>\n`,
    parser: 'python', hasReferenceSyntax: false,
  },
];
