// The file walker shared by the CLI and the language server's workspace scan. File-system based;
// no vscode or LSP imports.
export * from './types';
export * from './skipReasons';
export { walkFiles, listFiles, listFileBatches, type ListedFile } from './walkFiles';
export { readTextFile, textFromBytes, type ReadTextResult } from './readTextFile';
export { looksBinary } from './binarySniff';
export { decodeUtf8, type DecodedText } from './decodeUtf8';
export { parseByteSize } from './parseByteSize';
