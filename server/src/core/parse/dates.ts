// SAS date parsing: every form Azure accepts for st/se/skt/ske (YYYY-MM-DD, with Thh:mm,
// Thh:mm:ss, up to 7 fractional digits, Z or ±hh:mm), plus Unix epoch seconds for Service Bus.
// Values are already percent-decoded; a space where a `+` was form-decoded is accepted as `+`.

// No nested quantifiers: this pattern cannot backtrack catastrophically, and values are short.
const SAS_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(?:([Zz])|([+\- ])(\d{2}):?(\d{2}))?$/;

const MAX_DATE_MS = 8.64e15;

/** Parses a SAS date; returns milliseconds since the epoch (UTC) or undefined when invalid. */
export function parseSasDate(value: string | undefined): number | undefined {
  if (value === undefined || value.length > 40) return undefined;
  const m = SAS_DATE.exec(value.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] !== undefined ? Number(m[4]) : 0;
  const minute = m[5] !== undefined ? Number(m[5]) : 0;
  const second = m[6] !== undefined ? Number(m[6]) : 0;
  const fraction = m[7] !== undefined ? Number(`0.${m[7]}`) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 24 || minute > 59 || second > 60 || (hour === 24 && (minute > 0 || second > 0))) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  if (year < 100) ms = new Date(ms).setUTCFullYear(year);
  if (m[9] !== undefined) {
    const offsetMinutes = Number(m[10]) * 60 + Number(m[11]);
    if (Number(m[10]) > 23 || Number(m[11]) > 59) return undefined;
    const sign = m[9] === '-' ? -1 : 1;
    ms -= sign * offsetMinutes * 60_000;
  }
  return Number.isFinite(ms) && Math.abs(ms) < MAX_DATE_MS ? ms : undefined;
}

/** Service Bus `se`: Unix epoch seconds. */
export function parseEpochSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.length === 0 || value.length > 12) return undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const ms = Number(value) * 1000;
  return ms < MAX_DATE_MS ? ms : undefined;
}

export function isSignedVersion(value: string | undefined): boolean {
  return value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; years 0-99 share leap rules with 1900-1999
  // except 1900 itself, which does not matter for SAS dates.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
