// A decoded string that remembers, for every code unit, the range of the original text it came
// from. Decoding (entities, JSON escapes, percent-encoding) shortens text; findings must still
// point at the text as it stands in the editor.
import { lastAtOrBefore } from '../util/lastAtOrBefore';

export interface MappedString {
  readonly value: string;
  /** Original offset of the first source code unit of decoded code unit `index`. */
  startOf(index: number): number;
  /** Original offset just past the last source code unit of decoded code unit `index`. */
  endOf(index: number): number;
}

/** The common case: nothing was decoded, so offsets are a plain shift (no per-character arrays). */
class IdentityMapped implements MappedString {
  constructor(
    readonly value: string,
    private readonly offset: number,
  ) {}
  startOf(index: number): number {
    return this.offset + index;
  }
  endOf(index: number): number {
    return this.offset + index + 1;
  }
}

class ArrayMapped implements MappedString {
  constructor(
    readonly value: string,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
  ) {}
  startOf(index: number): number {
    return this.starts[index]!;
  }
  endOf(index: number): number {
    return this.ends[index]!;
  }
}

/**
 * Several mapped strings one after the other (folded lines, joined string literals): built without a
 * per-character copy of the maps; an index is found in its part by binary search over a few parts.
 */
class ConcatenatedMapped implements MappedString {
  readonly value: string;
  /** Index in `value` where each part starts. */
  private readonly offsets: Int32Array;

  constructor(private readonly parts: readonly MappedString[]) {
    this.value = parts.map((part) => part.value).join('');
    this.offsets = new Int32Array(parts.length);
    let at = 0;
    parts.forEach((part, i) => {
      this.offsets[i] = at;
      at += part.value.length;
    });
  }

  /** The last part that starts at or before `index`: it holds the index (an empty part holds none). */
  private partOf(index: number): number {
    return lastAtOrBefore(this.offsets, index);
  }

  startOf(index: number): number {
    const part = this.partOf(index);
    return this.parts[part]!.startOf(index - this.offsets[part]!);
  }

  endOf(index: number): number {
    const part = this.partOf(index);
    return this.parts[part]!.endOf(index - this.offsets[part]!);
  }
}

/** One mapped string from several, keeping every part's offsets. */
export function concatenateMapped(parts: readonly MappedString[]): MappedString {
  return parts.length === 1 ? parts[0]! : new ConcatenatedMapped(parts);
}

export function identityMapped(value: string, offset: number): MappedString {
  return new IdentityMapped(value, offset);
}

/** Builds a mapped string of at most `capacity` code units. */
export class MappedStringBuilder {
  private readonly codes: Uint16Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private length = 0;

  constructor(capacity: number) {
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(code: number, start: number, end: number): void {
    const n = this.length++;
    this.codes[n] = code;
    this.starts[n] = start;
    this.ends[n] = end;
  }

  build(): MappedString {
    let value = '';
    for (let i = 0; i < this.length; i += 4096) {
      value += String.fromCharCode.apply(null, this.codes.subarray(i, Math.min(this.length, i + 4096)) as unknown as number[]);
    }
    return new ArrayMapped(value, this.starts.slice(0, this.length), this.ends.slice(0, this.length));
  }
}

/** Original range covered by decoded indexes [from, to). Empty decoded ranges map to an empty range. */
export function originalRange(mapped: MappedString, from: number, to: number): { start: number; end: number } {
  const n = mapped.value.length;
  if (n === 0) return { start: 0, end: 0 };
  if (to <= from) {
    const at = from < n ? mapped.startOf(from) : mapped.endOf(n - 1);
    return { start: at, end: at };
  }
  return { start: mapped.startOf(from), end: mapped.endOf(to - 1) };
}
