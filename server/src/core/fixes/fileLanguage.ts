// Which syntax a fix must write: from the VS Code language id and the file name, because the id is
// often `plaintext` (or a generic one) for Dockerfiles, .env files, Terraform, Bicep and pipelines.

export type FixLanguage =
  | 'javascript'
  | 'typescript'
  | 'python'
  | 'csharp'
  | 'java'
  | 'kotlin'
  | 'go'
  | 'rust'
  | 'ruby'
  | 'php'
  | 'powershell'
  | 'shell'
  | 'bat'
  | 'github-actions'
  | 'azure-pipelines'
  | 'yaml'
  | 'dockerfile'
  | 'terraform'
  | 'bicep'
  | 'bicepparam'
  | 'dotenv'
  | 'json'
  | 'xml'
  | 'markdown'
  | 'unknown';

const BY_LANGUAGE_ID: Readonly<Record<string, FixLanguage>> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  python: 'python',
  csharp: 'csharp',
  java: 'java',
  kotlin: 'kotlin',
  go: 'go',
  rust: 'rust',
  ruby: 'ruby',
  php: 'php',
  powershell: 'powershell',
  shellscript: 'shell',
  bat: 'bat',
  yaml: 'yaml',
  'github-actions-workflow': 'github-actions',
  'azure-pipelines': 'azure-pipelines',
  dockerfile: 'dockerfile',
  terraform: 'terraform',
  'terraform-vars': 'terraform',
  hcl: 'terraform',
  bicep: 'bicep',
  'bicep-params': 'bicepparam',
  dotenv: 'dotenv',
  json: 'json',
  jsonc: 'json',
  xml: 'xml',
  html: 'xml',
  markdown: 'markdown',
};

const BY_EXTENSION: Readonly<Record<string, FixLanguage>> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'typescript',
  py: 'python',
  pyw: 'python',
  cs: 'csharp',
  csx: 'csharp',
  java: 'java',
  kt: 'kotlin',
  kts: 'kotlin',
  go: 'go',
  rs: 'rust',
  rb: 'ruby',
  php: 'php',
  ps1: 'powershell',
  psm1: 'powershell',
  psd1: 'powershell',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ksh: 'shell',
  bat: 'bat',
  cmd: 'bat',
  yml: 'yaml',
  yaml: 'yaml',
  dockerfile: 'dockerfile',
  tf: 'terraform',
  tfvars: 'terraform',
  hcl: 'terraform',
  bicep: 'bicep',
  bicepparam: 'bicepparam',
  env: 'dotenv',
  json: 'json',
  jsonc: 'json',
  ipynb: 'json',
  xml: 'xml',
  config: 'xml',
  csproj: 'xml',
  props: 'xml',
  targets: 'xml',
  resx: 'xml',
  html: 'xml',
  htm: 'xml',
  md: 'markdown',
  markdown: 'markdown',
};

function normalizedPath(fileName: string | undefined): string {
  return (fileName ?? '').replace(/\\/g, '/');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isGithubWorkflowPath(fileName: string | undefined): boolean {
  return /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normalizedPath(fileName));
}

export function isAzurePipelinesPath(fileName: string | undefined): boolean {
  const path = normalizedPath(fileName);
  if (!/\.ya?ml$/i.test(path)) return false;
  return /^azure-pipelines[^/]*\.ya?ml$/i.test(baseName(path)) || /(^|\/)\.(azure-pipelines|azuredevops)\//i.test(path);
}

export function isDotenvPath(fileName: string | undefined): boolean {
  const base = baseName(normalizedPath(fileName));
  return /^\.env(\..+)?$/i.test(base) || /\.env$/i.test(base);
}

export function isDockerfilePath(fileName: string | undefined): boolean {
  const base = baseName(normalizedPath(fileName));
  return /^(.+\.)?dockerfile(\..+)?$/i.test(base) || /^containerfile$/i.test(base);
}

/** The language a fix writes. The file name wins for the YAML flavours, Dockerfiles and .env files, whose ids vary by extension. */
export function resolveFixLanguage(languageId: string | undefined, fileName: string | undefined): FixLanguage {
  const id = (languageId ?? '').toLowerCase();
  if (isGithubWorkflowPath(fileName)) return 'github-actions';
  if (isAzurePipelinesPath(fileName)) return 'azure-pipelines';
  if (isDotenvPath(fileName)) return 'dotenv';
  if (isDockerfilePath(fileName)) return 'dockerfile';
  const byId = BY_LANGUAGE_ID[id];
  if (byId) return byId;
  const base = baseName(normalizedPath(fileName));
  const dot = base.lastIndexOf('.');
  const ext = dot >= 0 ? base.slice(dot + 1).toLowerCase() : '';
  const byExt = BY_EXTENSION[ext];
  if (byExt) return byExt;
  if (/^(rakefile|gemfile)$/i.test(base)) return 'ruby';
  return 'unknown';
}
