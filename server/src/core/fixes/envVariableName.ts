// The environment variable a fix refers to: the user's setting, else the name the code already gives
// the value (`const blobSasToken = "…"`, `AZURE_STORAGE_SAS_TOKEN=…`, `"SasUri": "…"`), else the
// account, else the Azure SDK / CLI convention.
import type { Finding } from '../findings/types';

/** What the variable will hold. */
export type SecretKind =
  'sas-token' | 'sas-url' | 'connection-string' | 'account-key' | 'servicebus-sas-token' | 'servicebus-key' | 'iothub-sas-token' | 'iothub-device-key';

export const DEFAULT_NAMES: Readonly<Record<SecretKind, string>> = {
  'sas-token': 'AZURE_STORAGE_SAS_TOKEN',
  'sas-url': 'AZURE_STORAGE_SAS_URL',
  'connection-string': 'AZURE_STORAGE_CONNECTION_STRING',
  'account-key': 'AZURE_STORAGE_KEY',
  'servicebus-sas-token': 'SERVICEBUS_SAS_TOKEN',
  'servicebus-key': 'SERVICEBUS_KEY',
  'iothub-sas-token': 'IOTHUB_SAS_TOKEN',
  'iothub-device-key': 'IOTHUB_DEVICE_KEY',
};

export function secretKindOf(finding: Finding, wholeUrl: boolean): SecretKind {
  switch (finding.ruleId) {
    case 'storage-account-key':
      return finding.container === 'connection-string' ? 'connection-string' : 'account-key';
    case 'servicebus-key':
      return finding.container === 'connection-string' ? 'connection-string' : 'servicebus-key';
    case 'servicebus-sas':
      return finding.container === 'connection-string' ? 'connection-string' : 'servicebus-sas-token';
    case 'iothub-device-key':
      // A key alone (the argument of the SDK's signer) is a key, not a connection string.
      return finding.container === 'key-assignment' ? 'iothub-device-key' : 'connection-string';
    case 'iothub-policy-key':
    case 'dps-policy-key':
      return 'connection-string';
    case 'iothub-sas':
      return finding.container === 'connection-string' ? 'connection-string' : 'iothub-sas-token';
    default:
      if (finding.container === 'connection-string') return 'connection-string';
      return wholeUrl ? 'sas-url' : 'sas-token';
  }
}

function isServiceBus(finding: Finding): boolean {
  return finding.ruleId === 'servicebus-key' || finding.ruleId === 'servicebus-sas';
}

/** The names the Azure IoT SDK samples read, by what the connection string holds. */
const IOT_CONNECTION_STRING_NAMES: Partial<Readonly<Record<Finding['ruleId'], string>>> = {
  'iothub-device-key': 'IOTHUB_DEVICE_CONNECTION_STRING',
  'iothub-policy-key': 'IOTHUB_CONNECTION_STRING',
  'dps-policy-key': 'PROVISIONING_CONNECTION_STRING',
  'iothub-sas': 'IOTHUB_DEVICE_CONNECTION_STRING',
};

function isCosmos(finding: Finding): boolean {
  return finding.details.type === 'key' && finding.details.keyKind === 'cosmos-account-key';
}

/** A valid, portable environment variable name: upper case letters, digits and `_`, not starting with a digit. */
export function toEnvName(raw: string): string {
  const snake = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (snake === '') return '';
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

export function isValidEnvName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

// Names that say nothing about the value: fall through to the account or the default.
const GENERIC = new Set([
  'URL',
  'URI',
  'LINK',
  'HREF',
  'SRC',
  'VALUE',
  'VAL',
  'S',
  'X',
  'STR',
  'STRING',
  'DATA',
  'TEXT',
  'RESULT',
  'RES',
  'CREDENTIAL',
  'CRED',
  'CREDS',
  'SECRET',
  'ENDPOINT',
  'ENDPOINT_URL',
  'ADDRESS',
  'PATH',
  'TARGET',
  'SOURCE',
  'DEST',
  'DESTINATION',
  'TOKEN',
  'KEY',
  'CONN',
  'CONNECTION',
  'CONFIG',
  'DEFAULT',
  'RUN',
  'WITH',
  'ENV',
  'NAME',
  'ARGS',
  'ARG',
  'INPUT',
]);

/**
 * The name the code around the token gives it, shaped for what the variable will hold: a SAS moved out
 * of `blobSasUrl` holds a token, not a URL, so it becomes BLOB_SAS_TOKEN (an UPPER_SNAKE name that is
 * already an environment name, such as AZURE_STORAGE_SAS_TOKEN, is kept as written).
 */
export function nameFromContext(context: string | undefined, kind: SecretKind): string | undefined {
  if (!context) return undefined;
  const alreadyEnvName = /^[A-Z_][A-Z0-9_]*$/.test(context) && context.length > 1;
  let name = toEnvName(context);
  if (name.length < 3 || GENERIC.has(name)) return undefined;
  if (alreadyEnvName && !GENERIC.has(name)) {
    if (kind !== 'sas-token' || !/_(URL|URI|LINK)$/.test(name)) return name;
  }
  switch (kind) {
    case 'sas-token':
    case 'servicebus-sas-token':
    case 'iothub-sas-token': {
      name = name.replace(/_?(URL|URI|LINK|ENDPOINT|HREF|SRC)$/, '');
      if (name === '') return undefined;
      if (/(^|_)(SAS|TOKEN|SIG|SIGNATURE)(_|$)/.test(name)) return /(^|_)(TOKEN|SIG|SIGNATURE)$/.test(name) ? name : `${name}_TOKEN`;
      return `${name}_SAS_TOKEN`;
    }
    case 'sas-url':
      return /(^|_)(URL|URI)$/.test(name) ? name : `${name}_URL`;
    case 'connection-string':
      return /(^|_)(CONN|CONNECTION|CONNECTION_STRING|CONNSTR|CONN_STR|CONNECTIONSTRING)($|_)/.test(name) ? name : `${name}_CONNECTION_STRING`;
    case 'account-key':
    case 'servicebus-key':
    case 'iothub-device-key':
      return /(^|_)KEY$/.test(name) ? name : `${name}_KEY`;
  }
}

function accountOf(finding: Finding): string | undefined {
  const d = finding.details;
  if (d.type === 'sas' || d.type === 'key') {
    // Only a real storage account name (3-24 lower-case letters and digits), not `${account}` or an emulator.
    if (d.account && !d.emulator && /^[a-z0-9]{3,24}$/.test(d.account)) return d.account;
  }
  return undefined;
}

/**
 * Picks the variable name. Account-derived names (CONTOSODATA_SAS_TOKEN) are used for SAS tokens only:
 * for keys and connection strings the conventional names (AZURE_STORAGE_CONNECTION_STRING,
 * AZURE_STORAGE_KEY) are the ones the Azure CLI and SDK samples read directly.
 */
export function chooseVariableName(finding: Finding, kind: SecretKind, context: string | undefined, setting: string | undefined): string {
  if (setting && setting.trim() !== '') {
    const s = setting.trim();
    return isValidEnvName(s) ? s : toEnvName(s) || DEFAULT_NAMES[kind];
  }
  const fromContext = nameFromContext(context, kind);
  if (fromContext) return fromContext;
  if (kind === 'sas-token' || kind === 'sas-url') {
    const account = accountOf(finding);
    const accountName = account ? toEnvName(account) : '';
    if (accountName) return `${accountName}_${kind === 'sas-url' ? 'SAS_URL' : 'SAS_TOKEN'}`;
  }
  const iotName = IOT_CONNECTION_STRING_NAMES[finding.ruleId];
  if (iotName !== undefined) return kind === 'connection-string' ? iotName : DEFAULT_NAMES[kind];
  if (isServiceBus(finding)) {
    if (kind === 'connection-string') return 'SERVICEBUS_CONNECTION_STRING';
    return DEFAULT_NAMES[kind];
  }
  if (isCosmos(finding)) return kind === 'connection-string' ? 'AZURE_COSMOS_CONNECTION_STRING' : 'AZURE_COSMOS_KEY';
  return DEFAULT_NAMES[kind];
}

/**
 * The identifier the value is assigned to, read from the code just before it on the same line:
 * `name = `, `name := `, `name: `, `"name": `, `$name = `, `export NAME=`, `ENV NAME=`, `set NAME=`,
 * a keyword argument `name=`, or a call whose name speaks of SAS / tokens / keys (`.sasToken(`).
 */
export function contextIdentifier(text: string, valueStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  let before = text.slice(Math.max(lineStart, valueStart - 240), valueStart);
  // Type annotations and declarations between the name and the `=` (`const x: string =`, `String x =`).
  before = before.replace(/\s+$/, '');
  const call = /([A-Za-z_][\w]*)\s*\(\s*$/.exec(before);
  if (call) {
    const name = call[1]!;
    // Methods (`.sasToken(`, `withConnectionString(`), not constructors (`new AzureSasCredential(`).
    return /^[a-z]/.test(name) && /sas|token|key|conn|secret|signature/i.test(name) ? name : undefined;
  }
  // XML settings: <add key="BlobSas" value="…" />
  const xmlKey = /\bkey\s*=\s*["']([^"']+)["']\s+value\s*=\s*$/i.exec(before);
  if (xmlKey) return xmlKey[1];
  // A command-line option: PowerShell `-SasToken "…"`, az CLI `--sas-token "…"`.
  const option = /(?:^|\s)--?([A-Za-z][\w-]*)$/.exec(before);
  if (option) return /sas|token|key|conn/i.test(option[1]!) ? option[1] : undefined;
  const assign =
    /(?:^|[^\w$])(?:\$?env:)?["'`]?(\$?[A-Za-z_][\w.-]*)["'`]?\s*(?::\s*[\w.<>[\]|&?, ]+?)?\s*(?::=|=>|\+=|=|:)\s*(?:(?:const|let|var|val|readonly|static|final|string|String|str)\s+)*$/.exec(
      before,
    );
  if (assign) {
    const raw = assign[1]!.replace(/^\$/, '');
    const last = raw.split('.').pop()!;
    if (/^(const|let|var|val|string|str|String|private|public|static|readonly)$/.test(last)) return undefined;
    return last;
  }
  return undefined;
}
