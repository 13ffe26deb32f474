// A decoded string that remembers, for every code unit, the range of the original text it came
// from. Decoding (entities, JSON escapes, percent-encoding) shortens text; findings must still
// point at the text as it stands in the editor.

export interface MappedString {
  readonly value: string;
  /** Original offset of the first source code unit of each decoded code unit. */
  readonly starts: readonly number[];
  /** Original offset just past the last source code unit of each decoded code unit. */
  readonly ends: readonly number[];
}

export class MappedStringBuilder {
  private readonly chars: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  push(char: string, start: number, end: number): void {
    this.chars.push(char);
    this.starts.push(start);
    this.ends.push(end);
  }

  build(): MappedString {
    return { value: this.chars.join(''), starts: this.starts, ends: this.ends };
  }
}

/** Original range covered by decoded indexes [from, to). Empty decoded ranges map to an empty range. */
export function originalRange(mapped: MappedString, from: number, to: number): { start: number; end: number } {
  if (mapped.starts.length === 0) return { start: 0, end: 0 };
  if (to <= from) {
    const at = from < mapped.starts.length ? mapped.starts[from]! : mapped.ends[mapped.ends.length - 1]!;
    return { start: at, end: at };
  }
  return { start: mapped.starts[from]!, end: mapped.ends[to - 1]! };
}
