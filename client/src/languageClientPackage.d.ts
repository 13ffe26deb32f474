// vscode-languageclient 11 publishes `vscode-languageclient/node` only through package.json
// "exports", which the project's `moduleResolution: "node"` does not read. This points the type
// checker at the file the export names; esbuild resolves the real export when bundling. The
// protocol packages it re-exports are declared the same way in server/src/lsp/lspPackages.d.ts.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
