// The engine's public data model. Plain data only: offsets are UTF-16 code-unit indexes into the
// scanned text (what JavaScript strings and LSP `positionAt` use), never LSP positions.
// Nothing here may reference vscode, the LSP libraries or the file system.
import type { FindingMemo } from './findingMemo';
import type { Grade } from './grades';

export type { Grade } from './grades';

/**
 * Stable rule ids. They appear in diagnostics (`code`), SARIF (`ruleId`) and the README
 * (each has an anchor `#<rule-id>`). Never rename one; add new ids instead.
 */
export type RuleId =
  | 'account-sas' // storage account SAS (ss/srt), signed with the account key
  | 'service-sas' // storage service SAS (sr / tn / queue), ad hoc, signed with the account key
  | 'policy-sas' // storage service SAS bound to a stored access policy (si)
  | 'user-delegation-sas' // storage SAS signed with an Entra ID user delegation key (skoid …)
  | 'unknown-sas' // storage-style SAS (sv date + 44-char sig) whose kind cannot be told
  | 'storage-account-key' // 88-char storage (or Cosmos DB) account key: AccountKey=, AZURE_STORAGE_KEY=, …
  | 'servicebus-sas' // Service Bus / Event Hubs / Relay "SharedAccessSignature sr=&sig=&se=&skn="
  | 'servicebus-key' // SharedAccessKey= in a Service Bus / Event Hubs / Relay connection string
  | 'iothub-device-key' // an IoT Hub device or module key: HostName=…;DeviceId=…[;ModuleId=…];SharedAccessKey=…
  | 'iothub-policy-key' // an IoT Hub shared access policy key: HostName=…;SharedAccessKeyName=…;SharedAccessKey=…
  | 'iothub-sas' // an IoT Hub or Device Provisioning Service SAS token (device, module, policy, registration)
  | 'dps-policy-key'; // a Device Provisioning Service policy key: HostName=….azure-devices-provisioning.net;SharedAccessKeyName=…

export type SasKind = 'account' | 'service' | 'user-delegation' | 'policy' | 'unknown';

/** Half-open range [start, end) of UTF-16 offsets into the scanned text. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** How the token was written in the text, so fixes and previews can respect it. */
export type TokenEncoding =
  | 'plain' // & separators, raw or percent-encoded values
  | 'html-entity' // &amp; / &#38; / &#x26;
  | 'json-unicode' // \u0026
  | 'backslash' // JSON-in-a-string: \" \/ or shell \&
  | 'caret' // cmd.exe ^&
  | 'percent-encoded-query' // the whole query is percent-encoded (%26 separators)
  | 'base64'; // the token is inside a base64 value (a Kubernetes Secret's data, …); ranges cover the encoded value

/** Where the token sits: its own URL, a bare query, or a connection string. */
export type TokenContainer = 'url' | 'query' | 'connection-string' | 'key-assignment' | 'servicebus-token';

export interface Permission {
  /** The letter as written in `sp`. */
  readonly letter: string;
  /** The permission in words, for the resource the token targets: "read", "write", "delete version", … */
  readonly name: string;
}

/** Everything decoded from a storage SAS. Dates are ISO-8601 strings in UTC. */
export interface SasDetails {
  readonly type: 'sas';
  readonly kind: SasKind;
  /** Account name when known (from the host, a connection string, or an emulator path). */
  readonly account?: string;
  readonly host?: string;
  /** The URL path after the host, decoded (container/blob), when the token sits in a URL. */
  readonly path?: string;
  /** Storage services in words: blob, file, queue, table (and dfs when the host says so). */
  readonly services: readonly string[];
  /** Account SAS resource types in words: service, container, object. */
  readonly resourceTypes: readonly string[];
  /** Service SAS resource in words: blob, blob version, blob snapshot, container, directory, file, share, queue, table. */
  readonly resource?: string;
  readonly permissions: readonly Permission[];
  /** Raw `sp`, kept for messages such as "rwdl". */
  readonly permissionLetters?: string;
  readonly start?: string;
  readonly expiry?: string;
  /** min(se, ske) for user delegation tokens. */
  readonly effectiveExpiry?: string;
  readonly expired: boolean;
  /** Milliseconds from the scan's clock to the effective expiry (negative once expired). */
  readonly timeLeftMs?: number;
  /** "https" or "https,http". */
  readonly protocol?: string;
  readonly ipRange?: string;
  readonly signedVersion?: string;
  /** Stored access policy id (si). */
  readonly policyId?: string;
  readonly tableName?: string;
  readonly directoryDepth?: number;
  readonly encryptionScope?: string;
  readonly userDelegation?: {
    readonly objectId?: string;
    readonly tenantId?: string;
    readonly keyStart?: string;
    readonly keyExpiry?: string;
    readonly keyService?: string;
    readonly keyVersion?: string;
    /** sduoid: the token only works together with an Entra ID token for this user. */
    readonly delegatedUserObjectId?: string;
  };
  /** srh / srq present: the token is bound to specific request headers or query parameters. */
  readonly requestBound: boolean;
  readonly emulator: boolean;
  /** Every SAS parameter as decoded (key lower-cased), the signature replaced by its redacted preview. */
  readonly parameters: Readonly<Record<string, string>>;
}

/** An account key or a Service Bus / Event Hubs shared access key. */
export interface KeyDetails {
  readonly type: 'key';
  readonly keyKind: 'storage-account-key' | 'cosmos-account-key' | 'servicebus-key';
  readonly account?: string;
  /** Endpoint, namespace or host the key belongs to, when the connection string says. */
  readonly endpoint?: string;
  /** The key's name: SharedAccessKeyName for Service Bus keys; `key1` or `key2` for a storage key a listKeys response names. */
  readonly keyName?: string;
  /** The account's resource group, when the text names it (a listKeys request's ARM path). */
  readonly resourceGroup?: string;
  /** EntityPath for Service Bus keys. */
  readonly entityPath?: string;
  /** A Service Bus-format key the evidence shows to be a Notification Hubs one (assess/notificationHubs.ts). */
  readonly service?: 'notification-hubs';
  /** New-style identifiable storage key (+ASt marker). */
  readonly identifiable: boolean;
  /** Identifiable keys: whether the Marvin32 checksum in the key's last bytes verifies. */
  readonly checksumVerified?: boolean;
  readonly emulator: boolean;
  /**
   * Outside a connection string: what shows the value is this kind of key, in words ("the setting
   * is named storageAccountKey", "the key argument of StorageSharedKeyCredential").
   */
  readonly evidence?: string;
}

/** A Service Bus / Event Hubs / Relay / IoT Hub SAS token. */
export interface ServiceBusSasDetails {
  readonly type: 'servicebus-sas';
  /** Decoded resource URI (sr). */
  readonly resource?: string;
  readonly keyName?: string;
  readonly expiry?: string;
  readonly expired: boolean;
  readonly timeLeftMs?: number;
  /** A token the evidence shows to be a Notification Hubs one (assess/notificationHubs.ts). */
  readonly service?: 'notification-hubs';
}

/** Which IoT service a credential belongs to. */
export type IotService = 'iot-hub' | 'device-provisioning';

/**
 * Who holds an IoT credential: a device or a module identity of the hub registry, a shared access
 * policy of the hub or provisioning service, a device registering with the provisioning service,
 * or (for a token) someone the token does not name.
 */
export type IotHolder = 'device' | 'module' | 'policy' | 'registration' | 'unknown';

/** An IoT Hub device, module or policy key, or a Device Provisioning Service key. */
export interface IotKeyDetails {
  readonly type: 'iot-key';
  readonly service: IotService;
  readonly holder: IotHolder;
  /** HostName: the hub or provisioning service, when the connection string says. */
  readonly host?: string;
  readonly deviceId?: string;
  readonly moduleId?: string;
  /** SharedAccessKeyName: the shared access policy. */
  readonly keyName?: string;
  /** DPS: the ID scope and registration id a device registers with. */
  readonly idScope?: string;
  readonly registrationId?: string;
  /** What the key allows, in words ("connect as device dev1: send telemetry, …"). */
  readonly allows: string;
}

/** An IoT Hub or Device Provisioning Service SAS token. */
export interface IotSasDetails {
  readonly type: 'iot-sas';
  readonly service: IotService;
  readonly holder: IotHolder;
  /** Decoded resource URI (sr). */
  readonly resource?: string;
  /** The hub or provisioning host named by `sr`, when it names one. */
  readonly host?: string;
  readonly deviceId?: string;
  readonly moduleId?: string;
  readonly registrationId?: string;
  /** skn: the shared access policy that signed the token. */
  readonly keyName?: string;
  /** What the token allows, in words. */
  readonly allows: string;
  readonly expiry?: string;
  readonly expired: boolean;
  readonly timeLeftMs?: number;
}

export type FindingDetails = SasDetails | KeyDetails | ServiceBusSasDetails | IotKeyDetails | IotSasDetails;

export interface Finding {
  readonly ruleId: RuleId;
  readonly grade: Grade;
  /** Why this grade, most important first, in plain words (never the secret). */
  readonly reasons: readonly string[];
  /** One-line message for diagnostics and reports: what it grants, until when, and the grade. Never the secret. */
  readonly message: string;
  /** The whole token: URL, bare query, connection string or key, as it stands in the text. */
  readonly range: OffsetRange;
  /** The secret part: the signature value or the key value, as it stands in the text (possibly encoded). */
  readonly secretRange: OffsetRange;
  /** Stable id of the secret's decoded bytes (hex), equal wherever the same secret appears, in any encoding. */
  readonly fingerprint: string;
  /**
   * SAS findings only: the query itself, from its first parameter to its last (no leading `?`),
   * as it stands in the text. Inside a URL or a connection string it is narrower than `range`.
   */
  readonly queryRange?: OffsetRange;
  /** At most the first four characters of the decoded secret, then an ellipsis: "gfo6…". */
  readonly redactedSecret: string;
  readonly container: TokenContainer;
  readonly encoding: TokenEncoding;
  /**
   * The token is written across this many string literals that the language joins (`"…" + "…"`,
   * adjacent literals, touching shell words); absent for a token in one piece. `range` then runs from
   * the token's start in the first literal to its end in the last, joining syntax included.
   */
  readonly literalCount?: number;
  readonly details: FindingDetails;
}

export interface ScanOptions {
  /** The clock; grades and time left are relative to it. Defaults to the real time. */
  readonly now?: Date | undefined;
  /** File name or path, used for context (Markdown, notebooks, test recordings, .bat carets, …). */
  readonly fileName?: string | undefined;
  /** VS Code language id when known (overrides what the file name suggests). */
  readonly languageId?: string | undefined;
  /** Polled between candidates; when it returns true the scan stops and returns what it has. */
  readonly isCancelled?: (() => boolean) | undefined;
  /** Findings derived earlier in the same run, reused for the same token in the same setting (findingMemo.ts). */
  readonly memo?: FindingMemo | undefined;
  /**
   * The caller checked that the text holds no base64 run of BASE64_MIN_RUN characters or more (the
   * runs the base64 decoder reads: walker/prefilter.ts `nextLongBase64Run` on its UTF-8 bytes): the
   * decoder's pass over the text is skipped, as it would find nothing.
   */
  readonly noLongBase64Runs?: boolean | undefined;
}

export interface ScanResult {
  /** Findings to report, in text order. */
  readonly findings: readonly Finding[];
  /** Findings silenced by a `sas-guard-ignore` / `sas-guard-ignore-next-line` comment. */
  readonly suppressed: readonly Finding[];
  /** True when `isCancelled` stopped the scan early. */
  readonly cancelled: boolean;
}

/** A plain text edit on the scanned text; the glue converts it to an LSP TextEdit. */
export interface FixEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}
