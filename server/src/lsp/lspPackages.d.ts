// The LSP packages publish their entry points only through package.json "exports", which the
// project's `moduleResolution: "node"` does not read. These declarations point the type checker at
// the same files the exports name (esbuild and Node resolve the real exports at build and run time).
// Ambient declarations win over resolution, so they stay correct if the tsconfig moves to node16/bundler.
declare module 'vscode-languageserver' {
  export * from 'vscode-languageserver/lib/common/api';
}
declare module 'vscode-languageserver/node' {
  export * from 'vscode-languageserver/lib/node/main';
}
declare module 'vscode-languageserver-protocol' {
  export * from 'vscode-languageserver-protocol/lib/common/api';
}
declare module 'vscode-languageserver-protocol/node' {
  export * from 'vscode-languageserver-protocol/lib/node/main';
}
declare module 'vscode-jsonrpc' {
  export * from 'vscode-jsonrpc/lib/common/api';
}
declare module 'vscode-jsonrpc/node' {
  export * from 'vscode-jsonrpc/lib/node/main';
}
