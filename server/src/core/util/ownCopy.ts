// A string that holds its own characters. V8 makes a slice of 13 characters or more a view into the
// string it was cut from, which then stays in memory as long as the slice does: a value kept beyond
// one scan (a module-level cache) must not keep that scan's whole text alive, which in the editor is
// an old version of a document of up to tens of megabytes.
export function ownCopy(text: string): string {
  return text.split('').join('');
}
