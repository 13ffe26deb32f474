// Plain-words pieces of messages: lists ("a, b and c"), dates, and time spans relative to the
// scan's clock ("in 24 years", "5 years ago"). Counts and spans are worded by util/wording.
import { formatTimeSpan } from '../util/wording';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const DAY_MS = DAY;
export const WEEK_MS = 7 * DAY;
export const YEAR_MS = 365 * DAY;

/** ", split over 3 string literals" for a token the language joins from several literals; empty otherwise. */
export function splitLiteralNote(literalCount: number | undefined): string {
  return literalCount !== undefined && literalCount > 1 ? `, split over ${literalCount} string literals` : '';
}

export function joinWords(words: readonly string[]): string {
  if (words.length === 0) return '';
  if (words.length === 1) return words[0]!;
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "2051-10-05", or "2025-06-01 09:00 UTC" when the date is within two days of now. */
export function formatDate(ms: number, nowMs: number): string {
  const iso = new Date(ms).toISOString();
  if (Math.abs(ms - nowMs) < 2 * DAY) return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10);
}

/** "in 24 years" for a future time, "5 years ago" for a past one. */
export function relativeTime(ms: number, nowMs: number): string {
  const delta = ms - nowMs;
  return delta >= 0 ? `in ${formatTimeSpan(delta)}` : `${formatTimeSpan(delta)} ago`;
}

/** Shortens free text (paths, names) for messages. */
export function shorten(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
