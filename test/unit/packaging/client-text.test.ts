// The client's pure helpers: the workspace-scan summary the user reads, and files.exclude → globs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enabledExcludeGlobs } from '../../../client/src/filesExclude';
import { describeGrades, describeScanSummary, hasSevereFindings } from '../../../client/src/scanSummaryText';
import { formatElapsed } from '../../../server/src/core/util/wording';
import type { WorkspaceScanSummary } from '../../../server/src/lsp/protocol';

const NO_GRADES = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };

function summary(overrides: Partial<WorkspaceScanSummary>): WorkspaceScanSummary {
  return {
    folders: ['/work/app'],
    foldersNotScanned: [],
    filesScanned: 0,
    filesWithFindings: 0,
    findings: 0,
    findingsByGrade: NO_GRADES,
    distinctSecrets: 0,
    suppressed: 0,
    skipped: 0,
    skippedByReason: {},
    skippedExamples: [],
    filesWithInvalidUtf8: 0,
    durationMs: 0,
    cancelled: false,
    ...overrides,
  };
}

describe('scan summary text', () => {
  it('says files, findings by grade, skipped files with reasons, and time', () => {
    const text = describeScanSummary(
      summary({
        folders: ['/a', '/b'],
        filesScanned: 1234,
        filesWithFindings: 3,
        findings: 5,
        findingsByGrade: { ...NO_GRADES, critical: 2, high: 1, medium: 2 },
        distinctSecrets: 4,
        skipped: 3,
        skippedByReason: { binary: 2, 'too-large': 1 },
        durationMs: 3456,
      }),
    );
    assert.equal(
      text,
      'Scanned 1,234 files in 2 folders in 3.5 s. 5 findings (2 critical, 1 high, 2 medium) in 3 files. 4 distinct secrets. Skipped 3 files (2 binary, 1 too large).',
    );
  });

  it('reports a clean workspace and singular nouns', () => {
    assert.equal(describeScanSummary(summary({ filesScanned: 1, durationMs: 12 })), 'Scanned 1 file in 12 ms. No SAS tokens or keys found.');
    assert.equal(
      describeScanSummary(summary({ filesScanned: 2, filesWithFindings: 1, findings: 1, distinctSecrets: 1, findingsByGrade: { ...NO_GRADES, low: 1 } })),
      'Scanned 2 files in 0 ms. 1 finding (1 low) in 1 file.',
    );
  });

  it('says when the scan was cancelled and when findings were suppressed', () => {
    const text = describeScanSummary(summary({ filesScanned: 10, cancelled: true, suppressed: 2, durationMs: 61_000 }));
    assert.equal(text, 'Scan cancelled after 10 files in 1 min 1 s. No SAS tokens or keys found. 2 findings suppressed by comments.');
  });

  it('names the folders it could not read, and never calls a workspace it did not scan clean', () => {
    const virtual = 'vscode-vfs://github/contoso/site';
    assert.equal(
      describeScanSummary(summary({ folders: [], foldersNotScanned: [virtual], durationMs: 1 })),
      `Nothing scanned: ${virtual} is not on a file system SAS Guard's server can read (a virtual workspace): only open files are checked there.`,
    );
    assert.equal(
      describeScanSummary(summary({ foldersNotScanned: [virtual, 'memfs:/sample'], filesScanned: 3, durationMs: 5 })),
      `Scanned 3 files in 5 ms. No SAS tokens or keys found. Not scanned: ${virtual}, memfs:/sample are not on a file system SAS Guard's server can read (a virtual workspace): only open files are checked there.`,
    );
  });

  it('grades: order, severity', () => {
    assert.equal(describeGrades({ info: 1, critical: 3 }), '3 critical, 1 info');
    assert.equal(describeGrades(NO_GRADES), '');
    assert.equal(hasSevereFindings({ ...NO_GRADES, high: 1 }), true);
    assert.equal(hasSevereFindings({ ...NO_GRADES, medium: 4, info: 2 }), false);
    assert.equal(formatElapsed(999), '999 ms');
  });
});

describe('files.exclude globs', () => {
  it('keeps globs switched on, once, from every scope', () => {
    assert.deepEqual(
      enabledExcludeGlobs({ '**/.git': true, '**/node_modules': false, '**/*.js': { when: '$(basename).ts' } }, undefined, {
        '**/.git': true,
        'build/**': true,
        '': true,
      }),
      ['**/.git', 'build/**'],
    );
  });
});
