// A shared access key written inside a JSON string whose serializer escapes `/` (`\/`, or `\\/` in
// JSON inside a string): read with its slashes unescaped (server/src/core/parse/slashEscapedKey.ts),
// reported over the key as written, with the fingerprint of the key itself. Shaped after
// Azure/azure-xplat-cli's test recordings (random bytes here).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { scanText, type Finding } from '../../../server/src/core';
import { readSlashEscapedKey } from '../../../server/src/core/parse/slashEscapedKey';
import { readSharedAccessKeyAt } from '../../../server/src/core/parse/keyAssignment';
import { NOW } from '../../support/clock';

/** A random 32-byte key whose base64 holds at least two `/`. */
function keyWithSlashes(): string {
  for (;;) {
    const key = randomBytes(32).toString('base64');
    if (key.split('/').length > 2) return key;
  }
}

const escaped = (key: string, slash = '\\/'): string => key.split('/').join(slash);

function findings(text: string): Finding[] {
  return scanText(text, { now: NOW, fileName: 'recording.nock.js' }).findings;
}

describe('a shared access key with its slashes JSON-escaped', () => {
  it('is the Service Bus key it is, over the key as written, with the fingerprint of the key itself', () => {
    const key = keyWithSlashes();
    const plain = `{"conn":"Endpoint=sb://contoso-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}"}`;
    const written = escaped(key);
    const text = `{"conn":"Endpoint=sb:\\/\\/contoso-ns.servicebus.windows.net\\/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${written}"}`;
    const [expected] = findings(plain);
    const [found] = findings(text);
    assert.ok(expected && found, 'both reported');
    assert.equal(found.ruleId, 'servicebus-key');
    assert.equal(found.grade, expected.grade);
    assert.equal(found.fingerprint, expected.fingerprint);
    assert.equal(text.slice(found.secretRange.start, found.secretRange.end), written);
    assert.ok(!found.message.includes(key) && !found.redactedSecret.includes(key.slice(8)), 'no secret in the message');
  });

  it('is an IoT device key in a device connection string, and reads `\\\\/` (JSON inside a string) too', () => {
    const key = keyWithSlashes();
    for (const slash of ['\\/', '\\\\/']) {
      const written = escaped(key, slash);
      const text = `{"device":"HostName=contoso-hub.azure-devices.net;DeviceId=dev1;SharedAccessKey=${written}"}`;
      const found = findings(text);
      assert.equal(found.length, 1, slash);
      assert.equal(found[0]!.ruleId, 'iothub-device-key');
      assert.equal(text.slice(found[0]!.secretRange.start, found[0]!.secretRange.end), written);
    }
  });

  it('reads nothing where the escapes are not slashes, the key is a character short or long, or nothing is escaped', () => {
    const key = keyWithSlashes();
    const read = (written: string) => readSlashEscapedKey(`=${written};`, 1, 43, 1, (k) => readSharedAccessKeyAt(k, 0));
    assert.deepEqual(read(escaped(key)), { key, end: 1 + escaped(key).length });
    assert.equal(read(key), undefined, 'no escape: the plain reader has it');
    assert.equal(read(key.split('/').join('\\n')), undefined);
    assert.equal(read(escaped(key).slice(1)), undefined);
    assert.equal(read(`A${escaped(key)}`), undefined);
    assert.equal(read(escaped(key).replace(/=$/, '==')), undefined);
  });
});
