// Joins an open document's chunks into the one string the engine reads, as cheaply as the platform
// allows. V8 builds a joined (or flattened) string of a megabyte at a few hundred MB/s on this
// machine: 4–14 ms for the 1.1–1.2 MB bench files, on every edit. Node turns a buffer of more than
// about a megabyte into an external string (latin-1 or UTF-16) with one memory copy: written into a
// buffer kept from the last join, then read back, the same text costs about 1 ms. So in Node a large
// text goes through the buffer, as latin-1 when every character fits in one byte, else as UTF-16
// (code unit for code unit, lone surrogates included); elsewhere (the web worker's Buffer stand-in)
// and for small texts, the chunks are joined as usual. Both give the same characters.

/** Below this, V8's own join is as quick (Node makes external strings only past about 1 MB). */
const BUFFER_JOIN_MIN_LENGTH = 1 << 20;

/** Node's Buffer (a function); the web worker's stand-in (an object) has no latin-1 or UTF-16. */
const nodeBuffer = typeof Buffer === 'function' ? Buffer : undefined;

export class ChunkJoiner {
  /** The buffer of the last join through Node's Buffer (allocating it anew costs more than the copy). */
  private scratch: Buffer | undefined;

  /**
   * The chunks joined (`length` code units in all). `oneByte(i)` says whether every code unit of
   * chunk `i` is below 256 (the caller caches it per chunk, so only edited chunks are looked at again).
   */
  join(chunks: readonly string[], length: number, oneByte: (index: number) => boolean): string {
    if (chunks.length === 1) return chunks[0]!;
    if (nodeBuffer === undefined || length < BUFFER_JOIN_MIN_LENGTH) {
      this.scratch = undefined;
      return chunks.join('');
    }
    const encoding = chunks.every((_, i) => oneByte(i)) ? 'latin1' : 'utf16le';
    const size = encoding === 'latin1' ? length : 2 * length;
    // Kept while the text stays within a factor of two of it, so that memory follows the document.
    if (this.scratch === undefined || this.scratch.length < size || this.scratch.length > 2 * size) this.scratch = nodeBuffer.allocUnsafe(size);
    const bytes = this.scratch;
    let at = 0;
    for (const chunk of chunks) at += bytes.write(chunk, at, encoding);
    return bytes.toString(encoding, 0, at);
  }
}

/** Whether every code unit of `text` is below 256 (it can be written as latin-1 without loss). */
export function isOneByte(text: string): boolean {
  return !/[\u0100-\uffff]/.test(text);
}
