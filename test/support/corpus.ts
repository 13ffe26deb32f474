// The labelled real-world corpus (test/fixtures/corpus/realworld.jsonl) as rows: several suites
// check the engine against it, and this is the one place that knows where it lives and how it is read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One labelled line of the corpus (the fields the suites use). */
export interface CorpusRow {
  readonly id: string;
  /** Where the line was found in its repository. */
  readonly path?: string;
  readonly filetype: string;
  readonly text: string;
  readonly label: string;
  readonly notes: string;
}

/** Every row of the corpus, in file order. */
export function readCorpusRows(): CorpusRow[] {
  return readFileSync(join(__dirname, '../fixtures/corpus/realworld.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusRow);
}
