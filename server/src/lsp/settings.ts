// Per-resource settings (section "sasGuard"), fetched with workspace/configuration and cached per
// resource until the client says the configuration changed. Clients without workspace/configuration
// get the defaults, overridden by whatever they push in didChangeConfiguration or initializationOptions.
import type { Connection } from 'vscode-languageserver';
import { isGrade, type Grade } from '../core/findings/grades';
import { DEFAULT_MAX_FILE_SIZE } from '../walker/types';
import type { ProjectPolicy } from './projectPolicy';

export const SETTINGS_SECTION = 'sasGuard';

/** sasGuard.maxFileSizeKB's default: the walker's limit (64 MiB), so documents, scan and CLI agree. */
export const DEFAULT_MAX_FILE_SIZE_KB = DEFAULT_MAX_FILE_SIZE / 1024;

export interface Settings {
  /** Check documents at all. */
  readonly enable: boolean;
  /** Globs (relative to the workspace folder, or absolute); matching documents are not checked. */
  readonly exclude: readonly string[];
  /** Findings below this grade are not reported. */
  readonly minimumGrade: Grade;
  /** Environment variable name for the env-reference and .env fixes; empty = derive from context. */
  readonly envVariableName: string;
  /** Documents and files larger than this (KiB) are not checked. */
  readonly maxFileSizeKB: number;
  /** The project config and baseline of the resource's folder (projectPolicy.ts), applied on top. */
  readonly project?: ProjectPolicy;
}

/** Puts the project's policy on top of a resource's settings (see projectPolicy.ts). */
export type SettingsOverlay = (settings: Settings, resource: string | undefined) => Promise<Settings>;

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enable: true,
  exclude: Object.freeze([]) as readonly string[],
  minimumGrade: 'info',
  envVariableName: '',
  maxFileSizeKB: DEFAULT_MAX_FILE_SIZE_KB,
});

/** Turns whatever the client sent into valid settings; unknown or ill-typed values fall back to defaults. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  if (raw === null || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const exclude = Array.isArray(r.exclude)
    ? r.exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '')
    : isGlobObject(r.exclude)
      ? Object.entries(r.exclude as Record<string, unknown>)
          .filter(([, on]) => on === true)
          .map(([g]) => g)
      : base.exclude;
  const maxRaw = typeof r.maxFileSizeKB === 'string' ? Number(r.maxFileSizeKB) : r.maxFileSizeKB;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : base.enable,
    exclude,
    minimumGrade: typeof r.minimumGrade === 'string' && isGrade(r.minimumGrade.toLowerCase()) ? (r.minimumGrade.toLowerCase() as Grade) : base.minimumGrade,
    envVariableName: typeof r.envVariableName === 'string' ? r.envVariableName.trim() : base.envVariableName,
    maxFileSizeKB: typeof maxRaw === 'number' && Number.isFinite(maxRaw) && maxRaw > 0 ? maxRaw : base.maxFileSizeKB,
  };
}

/**
 * The sasGuard section in initializationOptions, in the shapes editors send: `{settings: {sasGuard}}`
 * (VS Code style), `{sasGuard}` (Helix `config`, lspconfig `init_options`) or `{settings: {...}}` flat.
 */
function settingsSection(initializationOptions: unknown): unknown {
  if (initializationOptions === null || typeof initializationOptions !== 'object') return undefined;
  const init = initializationOptions as Record<string, unknown>;
  const settings = init.settings;
  if (settings !== null && typeof settings === 'object') {
    return (settings as Record<string, unknown>)[SETTINGS_SECTION] ?? settings;
  }
  return init[SETTINGS_SECTION];
}

function isGlobObject(value: unknown): boolean {
  // VS Code's files.exclude style: { "glob": true }
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function maxFileSizeBytes(settings: Settings): number {
  return Math.floor(settings.maxFileSizeKB * 1024);
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Settings pushed by clients that cannot answer workspace/configuration. */
  private pushed: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
    initializationOptions: unknown,
  ) {
    const section = settingsSection(initializationOptions);
    if (section !== undefined) this.pushed = normalizeSettings(section);
  }

  /** Settings for a document or folder URI (scopeUri); `undefined` asks for the global ones. */
  get(resource: string | undefined): Promise<Settings> {
    const key = resource ?? '';
    let entry = this.cache.get(key);
    if (entry === undefined) {
      const own = !this.supportsConfiguration()
        ? Promise.resolve(this.pushed)
        : this.connection.workspace
            .getConfiguration(resource === undefined ? { section: SETTINGS_SECTION } : { scopeUri: resource, section: SETTINGS_SECTION })
            .then(
              (value: unknown) => normalizeSettings(value ?? undefined),
              () => DEFAULT_SETTINGS,
            );
      entry = this.overlay === undefined ? own : own.then((settings) => this.overlay!(settings, resource));
      this.cache.set(key, entry);
    }
    return entry;
  }

  /** The project's policy on top of every resource's settings (server.ts sets it once). */
  overlay: SettingsOverlay | undefined;

  /** didChangeConfiguration: forget everything; keep what push-only clients sent. */
  changed(pushedSettings: unknown): void {
    this.cache.clear();
    if (pushedSettings !== null && typeof pushedSettings === 'object') {
      const section = (pushedSettings as Record<string, unknown>)[SETTINGS_SECTION];
      if (section !== undefined) this.pushed = normalizeSettings(section);
    }
  }

  forget(resource: string): void {
    this.cache.delete(resource);
  }
}
