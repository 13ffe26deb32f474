// The naive baseline for bench:lsp: a minimal language server that, on every change, runs ONE
// regular expression over the whole text and publishes a diagnostic per match. No parsing, no
// decoding, no grading. Bundled by bench/lsp.ts into bench/.data/ and run with `--stdio`.
import { createConnection, type Diagnostic, DiagnosticSeverity, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));

function validate(document: TextDocument): void {
  const text = document.getText();
  const diagnostics: Diagnostic[] = [];
  const pattern = /sig=[A-Za-z0-9%+/=]{20,}/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    diagnostics.push({
      range: { start: document.positionAt(m.index), end: document.positionAt(m.index + m[0].length) },
      severity: DiagnosticSeverity.Warning,
      source: 'naive',
      message: 'Possible SAS signature',
    });
  }
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
}

documents.onDidChangeContent((change) => validate(change.document));
documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
documents.listen(connection);
connection.listen();
