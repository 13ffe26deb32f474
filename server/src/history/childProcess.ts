// node:child_process, loaded when git is first started rather than when the bundle is: a scan of a
// folder never starts git, and loading the module (and the stream and net modules it pulls in) cost
// every CLI run ~4 ms of start-up on the bench machine (docs/benchmarks.md).
import type * as ChildProcessModule from 'node:child_process';

let loaded: typeof ChildProcessModule | undefined;

export function childProcess(): typeof ChildProcessModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use, as said above
  loaded ??= require('node:child_process') as typeof ChildProcessModule;
  return loaded;
}
