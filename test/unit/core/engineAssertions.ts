// Shared assertions for engine tests.
import assert from 'node:assert/strict';
import { scanText, type Finding, type ScanOptions } from '../../../server/src/core';
import { NOW } from '../../support/clock';

/** Scans `text` with the fixed clock and checks the invariants every finding must keep. */
export function scan(text: string, options: ScanOptions = {}): Finding[] {
  const result = scanText(text, { now: NOW, ...options });
  for (const f of [...result.findings, ...result.suppressed]) assertFindingInvariants(text, f);
  return [...result.findings];
}

export function scanOne(text: string, options: ScanOptions = {}): Finding {
  const findings = scan(text, options);
  assert.equal(
    findings.length,
    1,
    `expected one finding in ${JSON.stringify(text.slice(0, 200))}, got ${findings.map((f) => f.message).join(' | ') || 'none'}`,
  );
  return findings[0]!;
}

export function assertNone(text: string, options: ScanOptions = {}): void {
  const findings = scan(text, options);
  assert.deepEqual(
    findings.map((f) => f.message),
    [],
    `expected no finding in ${JSON.stringify(text.slice(0, 200))}`,
  );
}

export function assertFindingInvariants(text: string, f: Finding): void {
  assert.ok(0 <= f.range.start && f.range.start < f.range.end && f.range.end <= text.length, 'range inside the text');
  assert.ok(f.range.start <= f.secretRange.start && f.secretRange.end <= f.range.end && f.secretRange.start < f.secretRange.end, 'secretRange inside range');
  if (f.queryRange) {
    assert.ok(f.range.start <= f.queryRange.start && f.queryRange.end <= f.range.end, 'queryRange inside range');
    assert.ok(f.queryRange.start <= f.secretRange.start && f.secretRange.end <= f.queryRange.end, 'secretRange inside queryRange');
  }
  assert.match(f.fingerprint, /^[0-9a-f]{64}$/);
  assert.ok([...f.redactedSecret].length <= 5 && f.redactedSecret.endsWith('…'), `redactedSecret ${f.redactedSecret}`);
}

/** The text of a finding's range and secret range. */
export function slices(text: string, f: Finding): { token: string; secret: string } {
  return { token: text.slice(f.range.start, f.range.end), secret: text.slice(f.secretRange.start, f.secretRange.end) };
}

/** No 5-character run of the secret appears in anything the finding says. */
export function assertNoSecretLeak(f: Finding, decodedSecret: string): void {
  const outputs = [f.message, ...f.reasons, f.redactedSecret, JSON.stringify(f.details), JSON.stringify(f)];
  for (let i = 0; i + 5 <= decodedSecret.length; i++) {
    const piece = decodedSecret.slice(i, i + 5);
    for (const out of outputs) assert.ok(!out.includes(piece), `secret piece ${JSON.stringify(piece)} leaked`);
  }
}
