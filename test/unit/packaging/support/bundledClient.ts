// Loads the bundled client (dist/client.js) in plain Node with `vscode` resolved to the fake
// (fakeVscode.cjs) and a scratch copy of the fixture workspace as its folder: the set-up the
// bundled-client and server-crash tests share, and its undoing.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..', '..', '..');
const requireHere = createRequire(__filename);

export interface ClientModule {
  activate(context: unknown): { whenServerReady(): Promise<void> };
  deactivate(): Promise<void> | undefined;
}

export interface BundledClient<F> {
  readonly fake: F;
  readonly client: ClientModule;
  readonly scratch: string;
  readonly workspace: string;
}

type ResolveFilename = (...args: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: ResolveFilename };
let originalResolveFilename: ResolveFilename | undefined;
let scratchInUse: string | undefined;

/** Hooks `vscode` to the fake, copies the fixture workspace under a new scratch directory, loads the client. */
export function loadBundledClient<F extends { __state: { workspaceRoot: string | undefined } }>(scratchPrefix: string): BundledClient<F> {
  assert.ok(existsSync(join(root, 'dist', 'client.js')) && existsSync(join(root, 'dist', 'server.js')), 'run `npm run build` first');
  const fakePath = requireHere.resolve('./fakeVscode.cjs');
  const resolveFilename = moduleInternals._resolveFilename;
  originalResolveFilename = resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request: unknown, ...rest: unknown[]) {
    return request === 'vscode' ? fakePath : resolveFilename.call(this, request, ...rest);
  };
  const fake = requireHere(fakePath) as F;
  const scratch = mkdtempSync(join(tmpdir(), scratchPrefix));
  scratchInUse = scratch;
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  fake.__state.workspaceRoot = workspace;
  const client = requireHere(join(root, 'dist', 'client.js')) as ClientModule;
  return { fake, client, scratch, workspace };
}

/** Deactivates the client (if it loaded), puts module resolution back and removes the scratch directory. */
export async function unloadBundledClient(client: ClientModule | undefined): Promise<void> {
  await client?.deactivate();
  if (originalResolveFilename) moduleInternals._resolveFilename = originalResolveFilename;
  originalResolveFilename = undefined;
  if (scratchInUse) rmSync(scratchInUse, { recursive: true, force: true });
  scratchInUse = undefined;
}
