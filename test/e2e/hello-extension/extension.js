// Flags every `sig=` with an error, hovers it, and offers one quick fix: the same shapes the real
// extension puts on the page, so the harness can be proven before the real .vsix exists.
const vscode = require('vscode');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('hello-e2e');
  const refresh = (doc) => {
    const out = [];
    const text = doc.getText();
    for (let i = text.indexOf('sig='); i >= 0; i = text.indexOf('sig=', i + 1)) {
      let end = i;
      while (end < text.length && !/["'\s]/.test(text[end])) end++;
      const d = new vscode.Diagnostic(
        new vscode.Range(doc.positionAt(i), doc.positionAt(end)),
        'hello-e2e: a signature (sig=…) is in the source',
        vscode.DiagnosticSeverity.Error,
      );
      d.source = 'hello-e2e';
      d.code = 'hello-sig';
      out.push(d);
    }
    diagnostics.set(doc.uri, out);
  };
  vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.languages.registerHoverProvider(
      { scheme: '*' },
      {
        provideHover(doc, pos) {
          const hit = diagnostics.get(doc.uri)?.find((d) => d.range.contains(pos));
          if (!hit) return undefined;
          return new vscode.Hover(new vscode.MarkdownString('| field | value |\n|---|---|\n| kind | hello |'));
        },
      },
    ),
    vscode.languages.registerCodeActionsProvider(
      { scheme: '*' },
      {
        provideCodeActions(doc, _range, ctx) {
          return ctx.diagnostics
            .filter((d) => d.source === 'hello-e2e')
            .map((d) => {
              const a = new vscode.CodeAction('Hello: replace with process.env.HELLO', vscode.CodeActionKind.QuickFix);
              a.edit = new vscode.WorkspaceEdit();
              a.edit.replace(doc.uri, d.range, 'process.env.HELLO');
              a.diagnostics = [d];
              a.isPreferred = true;
              return a;
            });
        },
      },
    ),
    vscode.commands.registerCommand('helloE2e.count', () => {
      let n = 0;
      for (const [, ds] of diagnostics) n += ds.length;
      vscode.window.showInformationMessage(`hello-e2e markers: ${n}`);
    }),
  );
}

module.exports = { activate, deactivate() {} };
