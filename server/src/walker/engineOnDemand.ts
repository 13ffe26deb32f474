// The engine for the thread that runs it, loaded on its first scan. A CLI run's main thread lists
// and reads every file but scans none of them itself (worker threads scan the few that may hold a
// token), and compiling the engine and building its tables was some 10-14 ms of every run's
// start-up, however little there was to scan (docs/benchmarks.md). The CLI build
// (scripts/build.mjs) puts the engine in a file of its own, dist/cli-engine.js, and turns the
// require below into a load of that file; every other build, and the sources, bundle it as usual.
import type * as Engine from '../core';

let engine: typeof Engine | undefined;

function loadedEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on first use, as said above
  engine ??= require('../core') as typeof Engine;
  return engine;
}

/** The engine's `scanText`, loaded when first called. */
export const scanTextOnDemand: typeof Engine.scanText = (text, options) => loadedEngine().scanText(text, options);

/** Loads the engine now: a thread that exists to scan (a CLI worker) loads it while its first files are on their way. */
export function loadEngineNow(): void {
  loadedEngine();
}
