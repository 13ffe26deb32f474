// Permission letters in words, per resource: the tables differ (docs/detection.md, end of "Grades").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { permissionsInWords } from '../../../server/src/core/assess/permissions';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { scanOne } from './engineAssertions';

const names = (letters: string, table: Parameters<typeof permissionsInWords>[1]): string =>
  permissionsInWords(letters, table)
    .map((p) => p.name)
    .join(', ');

test('account permissions', () => {
  assert.equal(
    names('rwdxylacuptfi', 'account'),
    'read, write, delete, delete version, permanent delete, list, add, create, update, process, tag, filter, set immutability policy',
  );
});

test('blob permissions', () => {
  assert.equal(
    names('racwdxyltfmeopi', 'blob'),
    'read, add, create, write, delete, delete version, permanent delete, list, tags, find by tags, move, execute, ownership, permissions, set immutability policy',
  );
});

test('file, queue and table permissions', () => {
  assert.equal(names('rcwdl', 'file'), 'read, create, write, delete, list');
  assert.equal(names('raup', 'queue'), 'read, add, update, process');
  assert.equal(names('raud', 'table'), 'query, add, update, delete');
});

test('unknown letters are named as such, duplicates once', () => {
  assert.equal(names('rrq', 'file'), 'read, unknown permission "q"');
});

test('the same letter in different tokens: p is process on a queue, permissions on a blob', () => {
  const sig = percentEncode(fakeSignature(31));
  const queue = scanOne(`https://acct.queue.core.windows.net/q?sv=2022-11-02&sp=p&se=2026-12-01&sig=${sig}`);
  const blob = scanOne(`https://acct.blob.core.windows.net/c?sv=2022-11-02&sr=c&sp=p&se=2026-12-01&sig=${sig}`);
  assert.equal(queue.details.type === 'sas' && queue.details.permissions[0]!.name, 'process');
  assert.equal(blob.details.type === 'sas' && blob.details.permissions[0]!.name, 'permissions');
  const table = scanOne(`https://acct.table.core.windows.net/T?sv=2022-11-02&tn=T&sp=rd&se=2026-12-01&sig=${sig}`);
  assert.equal(table.details.type === 'sas' && table.details.permissions.map((p) => p.name).join(','), 'query,delete');
});
