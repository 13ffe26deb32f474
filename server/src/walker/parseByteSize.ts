// Parses a size as users write it: "1048576", "512k", "2m", "1.5MiB", "1g". Binary multiples (k = 1024).

const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** Bytes, or undefined when the text is not a positive size. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const multiplier = MULTIPLIERS[match[2]!.toLowerCase()];
  if (multiplier === undefined) return undefined;
  const bytes = Math.floor(Number(match[1]) * multiplier);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : undefined;
}
