// Keeps the language client from registering VS Code commands for the server command ids the
// client registers itself.
//
// vscode-languageclient's ExecuteCommandFeature calls `vscode.commands.registerCommand` for every id
// in the server's `executeCommandProvider.commands` (and in dynamic registrations). Our own
// `sasGuard.scanWorkspace` / `sasGuard.exportSarif` exist from activation on, with progress and
// dialogs, so a second registration would fail with "command already exists". The feature object
// is public (`client.getFeature('workspace/executeCommand')`) and both the static and the dynamic
// path go through its `register(data)`, so wrapping that one method drops our ids and keeps every
// other server command working.
import { type BaseLanguageClient, ExecuteCommandRequest } from 'vscode-languageclient/node';

export function withholdServerCommands(client: BaseLanguageClient, clientOwned: ReadonlySet<string>): void {
  const feature = client.getFeature(ExecuteCommandRequest.method);
  const register = feature.register.bind(feature);
  feature.register = (data) => {
    const commands = (data.registerOptions.commands ?? []).filter((command) => !clientOwned.has(command));
    register({ ...data, registerOptions: { ...data.registerOptions, commands } });
  };
}
