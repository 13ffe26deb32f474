// The shared words for counts, elapsed times, time spans and byte sizes (core/util/wording): every
// report, message and summary takes them from there, so their edges are pinned here once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatBytes, formatElapsed, formatTimeSpan, plural } from '../../../server/src/core/util/wording';

const DAY = 24 * 60 * 60 * 1000;

describe('wording', () => {
  it('plural: one is singular, other counts plural; digits grouped only on request', () => {
    assert.equal(plural(1, 'file'), '1 file');
    assert.equal(plural(0, 'file'), '0 files');
    assert.equal(plural(1234, 'file'), '1234 files');
    assert.equal(plural(1234, 'file', { grouped: true }), '1,234 files');
    assert.equal(plural(2, 'index', { plural: 'indices' }), '2 indices');
  });

  it('elapsed: milliseconds, seconds with one decimal, then minutes and seconds', () => {
    assert.equal(formatElapsed(-3), '0 ms');
    assert.equal(formatElapsed(999.4), '999 ms');
    assert.equal(formatElapsed(1500), '1.5 s');
    assert.equal(formatElapsed(61_000), '1 min 1 s');
  });

  it('time span: the largest whole unit, sign ignored', () => {
    assert.equal(formatTimeSpan(30_000), '1 minute');
    assert.equal(formatTimeSpan(-2 * 60 * 60 * 1000), '2 hours');
    assert.equal(formatTimeSpan(5 * DAY), '5 days');
    assert.equal(formatTimeSpan(91 * DAY), '2 months');
    assert.equal(formatTimeSpan(365 * DAY), '1 year');
    assert.equal(formatTimeSpan(24 * 365.25 * DAY), '24 years');
  });

  it('bytes: binary units, at most one decimal, no trailing .0', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(2 * 1024 * 1024), '2 MiB');
    assert.equal(formatBytes(3 * 1024 ** 3), '3 GiB');
  });
});
