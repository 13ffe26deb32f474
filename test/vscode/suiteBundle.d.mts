// Types of suiteBundle.mjs for runTest.ts, which TypeScript checks.
import type { BuildOptions } from 'esbuild';

export declare const SUITE_ENTRY: string;
export declare function suiteBundleOptions(outfile: string): BuildOptions;
