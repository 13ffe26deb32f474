// node:fs/promises for the web worker (the web bundle maps it here): the promise half of host/fs.ts.
import { promises } from './fs';

export const { stat, lstat, readdir, readFile } = promises;
export default promises;
