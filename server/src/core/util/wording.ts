// The words every layer uses for counts, elapsed times, time spans and byte sizes: the CLI's text
// report, the client's scan summary, the engine's messages and the walker's skip details. Written
// once here so that "1 file" / "2 files", "1.5 s" and "1.5 MiB" read the same everywhere. Pure.

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export interface PluralOptions {
  /** The plural noun when it is not the noun plus "s". */
  readonly plural?: string;
  /** Thousands separators ("1,234 files"), for people; the CLI's report keeps plain digits. */
  readonly grouped?: boolean;
}

/** "1 file", "2 files", "0 files". */
export function plural(count: number, noun: string, options: PluralOptions = {}): string {
  const digits = options.grouped ? count.toLocaleString('en-US') : String(count);
  return `${digits} ${count === 1 ? noun : (options.plural ?? `${noun}s`)}`;
}

/** How long something took: "12 ms", "1.5 s", "2 min 5 s". */
export function formatElapsed(ms: number): string {
  if (ms < SECOND_MS) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < MINUTE_MS) return `${(ms / SECOND_MS).toFixed(1)} s`;
  const minutes = Math.floor(ms / MINUTE_MS);
  const seconds = Math.round((ms % MINUTE_MS) / SECOND_MS);
  return `${minutes} min ${seconds} s`;
}

/** A time span in its largest whole unit, sign ignored: "24 years", "3 months", "5 days", "1 minute". */
export function formatTimeSpan(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 365 * DAY_MS) return plural(Math.floor(abs / (365.25 * DAY_MS)) || 1, 'year');
  if (abs >= 60 * DAY_MS) return plural(Math.floor(abs / (30.44 * DAY_MS)), 'month');
  if (abs >= DAY_MS) return plural(Math.floor(abs / DAY_MS), 'day');
  if (abs >= HOUR_MS) return plural(Math.floor(abs / HOUR_MS), 'hour');
  return plural(Math.max(1, Math.floor(abs / MINUTE_MS)), 'minute');
}

/** A byte size in binary units, one decimal at most: "512 B", "1.5 KiB", "2 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${+(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
}
