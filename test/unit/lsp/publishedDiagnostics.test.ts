// An open document checked again without a change (settings, ignore rules or the project config
// changed) and found the same sends no publishDiagnostics: each one replaces the file's markers,
// and VS Code drops a pending Ctrl+. when they change. A new version, other diagnostics, a clear,
// or a scan's notification in between always send.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { PublishedDiagnostics } from '../../../server/src/lsp/publishedDiagnosticsRegistry';

function fakeConnection(): { connection: Connection; sent: PublishDiagnosticsParams[] } {
  const sent: PublishDiagnosticsParams[] = [];
  const connection = {
    sendDiagnostics: async (params: PublishDiagnosticsParams) => {
      sent.push(params);
    },
    console: { info: () => undefined },
  } as unknown as Connection;
  return { connection, sent };
}

const diagnostic = (line: number, message = 'Account SAS for contosodata — critical'): Diagnostic => ({
  range: { start: { line, character: 1 }, end: { line, character: 20 } },
  message,
  severity: 1,
  source: 'SAS Guard',
});

describe('PublishedDiagnostics', () => {
  it('sends a document version once when checked again and found the same', () => {
    const { connection, sent } = fakeConnection();
    const registry = new PublishedDiagnostics(connection);
    const uri = 'file:///w/a.py';
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 1);
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 1);
    assert.equal(sent.length, 1);
    // Another version, other diagnostics for the same version: sent.
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 2);
    registry.publish(uri, [diagnostic(2)], 'document', ['critical'], 2);
    assert.deepEqual(
      sent.map((p) => [p.version, p.diagnostics[0]?.range.start.line]),
      [
        [1, 1],
        [2, 1],
        [2, 2],
      ],
    );
    assert.equal(registry.counts().findings, 1);
  });

  it('sends again after a clear, a versionless publish or a scan notification for the file', async () => {
    const { connection, sent } = fakeConnection();
    const registry = new PublishedDiagnostics(connection);
    const uri = 'file:///w/a.py';
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 3);
    registry.clear(uri);
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 3);
    registry.publishThrottled(uri, [diagnostic(1)], 'scan', ['critical']);
    await registry.whenSent();
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 3);
    // A scan's notification queued and dropped by a direct publish was never sent: the direct one goes.
    registry.publishThrottled(uri, [diagnostic(4)], 'scan', ['critical']);
    registry.publish(uri, [diagnostic(1)], 'document', ['critical'], 3);
    await registry.whenSent();
    assert.deepEqual(
      sent.map((p) => [p.version, p.diagnostics.length]),
      [
        [3, 1],
        [undefined, 0],
        [3, 1],
        [undefined, 1],
        [3, 1],
        [3, 1],
      ],
    );
  });
});
