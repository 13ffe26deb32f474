// Kinds and grades (docs/detection.md "Grades"): every rule of the scheme, its modifiers,
// and the message that says what the token grants and until when.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, SasDetails } from '../../../server/src/core';
import { NOW } from '../../support/clock';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { scanOne } from './engineAssertions';

const DAY = 86_400_000;
const SIG = percentEncode(fakeSignature(11));

/** A date `days` from the test clock, in the form Azure tools write it. */
function at(days: number): string {
  return new Date(NOW.getTime() + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sas(host: string, path: string, params: string): Finding {
  return scanOne(`https://${host}${path}?${params}&sig=${SIG}`);
}

function details(f: Finding): SasDetails {
  assert.equal(f.details.type, 'sas');
  return f.details as SasDetails;
}

describe('kinds', () => {
  test('account SAS (ss/srt)', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2022-11-02&ss=bfqt&srt=sco&sp=rl&se=${at(3)}`);
    assert.equal(f.ruleId, 'account-sas');
    assert.equal(details(f).kind, 'account');
    assert.deepEqual(details(f).services, ['blob', 'file', 'queue', 'table']);
    assert.deepEqual(details(f).resourceTypes, ['service', 'container', 'object']);
  });
  test('service SAS on a blob, a container, a directory, a file, a share, a table, a queue', () => {
    const cases: Array<[string, string, string, string]> = [
      ['contosodata.blob.core.windows.net', '/c/b.txt', 'sr=b', 'blob'],
      ['contosodata.blob.core.windows.net', '/c/b.txt', 'sr=bv', 'blob version'],
      ['contosodata.blob.core.windows.net', '/c/b.txt', 'sr=bs', 'blob snapshot'],
      ['contosodata.blob.core.windows.net', '/c', 'sr=c', 'container'],
      ['contosodata.dfs.core.windows.net', '/c/d', 'sr=d&sdd=1', 'directory'],
      ['contosodata.file.core.windows.net', '/s/f.txt', 'sr=f', 'file'],
      ['contosodata.file.core.windows.net', '/s', 'sr=s', 'share'],
      ['contosodata.table.core.windows.net', '/T', 'tn=orders', 'table'],
      ['contosodata.queue.core.windows.net', '/q', 'sp=r', 'queue'],
    ];
    for (const [host, path, extra, resource] of cases) {
      const f = sas(host, path, `sv=2022-11-02&${extra}${extra.includes('sp=') ? '' : '&sp=r'}&se=${at(1)}`);
      assert.equal(f.ruleId, 'service-sas', resource);
      assert.equal(details(f).resource, resource);
    }
  });
  test('a container or share SAS names the container or share it grants, not the blob the URL points at', () => {
    const cases: [string, string, string, string][] = [
      ['contosodata.blob.core.windows.net', '/tiles/admin1/{z}/{x}/{y}.pbf', 'sr=c', 'on container tiles '],
      ['contosodata.file.core.windows.net', '/reports/2024/q1.csv', 'sr=s', 'on share reports '],
      ['contosodata.blob.core.windows.net', '/tiles/admin1/a.pbf', 'sr=b', 'on blob tiles/admin1/a.pbf '],
      ['contosodata.dfs.core.windows.net', '/fs/raw/2024', 'sr=d&sdd=2', 'on directory fs/raw/2024 '],
      ['127.0.0.1:10000', '/devstoreaccount1/tiles/a.pbf', 'sr=c', 'on container tiles '],
    ];
    for (const [host, path, extra, expected] of cases) {
      const f = sas(host, path, `sv=2022-11-02&${extra}&sp=rl&se=${at(1)}`);
      assert.ok(f.message.includes(expected), `${host}${path} ${extra}: ${f.message}`);
    }
  });
  test('policy-bound SAS (si)', () => {
    const f = sas('contosodata.blob.core.windows.net', '/c', 'sv=2020-08-04&si=hrrr-ro&sr=c');
    assert.equal(f.ruleId, 'policy-sas');
    assert.equal(details(f).policyId, 'hrrr-ro');
    assert.equal(f.grade, 'medium');
    assert.match(
      f.message,
      /^Policy-bound SAS \(policy hrrr-ro\) for contosodata: rights set by the stored access policy on container c, expiry set by the policy — medium$/,
    );
  });
  test('user delegation SAS: effective expiry is min(se, ske)', () => {
    const f = sas(
      'contosodata.blob.core.windows.net',
      '/c/b.bin',
      `skoid=11111111-2222-3333-4444-555555555555&sktid=72f988bf-86f1-41af-91ab-2d7cd011db47&skt=${at(-1)}&ske=${at(2)}&sks=b&skv=2023-11-03&sv=2023-11-03&se=${at(5)}&sr=b&sp=r`,
    );
    assert.equal(f.ruleId, 'user-delegation-sas');
    const d = details(f);
    assert.equal(d.effectiveExpiry, new Date(NOW.getTime() + 2 * DAY).toISOString());
    assert.equal(d.expiry, new Date(NOW.getTime() + 5 * DAY).toISOString());
    assert.equal(d.timeLeftMs, 2 * DAY);
    assert.equal(d.userDelegation?.objectId, '11111111-2222-3333-4444-555555555555');
    assert.equal(d.userDelegation?.keyService, 'b');
    assert.equal(f.grade, 'low');
  });
  test('unknown kind: sv and sig only', () => {
    const f = scanOne(`?sv=2022-11-02&sp=r&se=${at(1)}&sig=${SIG}`);
    assert.equal(f.ruleId, 'unknown-sas');
    assert.equal(details(f).kind, 'unknown');
    assert.equal(f.grade, 'medium', 'graded conservatively, like a container-wide service SAS');
  });
  test('no sv but sr present still counts as storage', () => {
    const f = scanOne(`?sr=b&sp=r&se=${at(1)}&sig=${SIG}`);
    assert.equal(f.ruleId, 'service-sas');
  });
});

describe('grades', () => {
  test('critical: account SAS with write valid > 7 days; message says what and until when', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2020-08-04&ss=bfqt&srt=sco&sp=rwdlacup&se=2051-10-05T07:09:59Z&spr=https`);
    assert.equal(f.grade, 'critical');
    assert.equal(
      f.message,
      'Account SAS for contosodata: read, write, delete, list, add, create, update, process on blob, file, queue and table until 2051-10-05 (in 24 years) — critical',
    );
  });
  test('account SAS with write valid ≤ 7 days is high', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2022-11-02&ss=b&srt=co&sp=rw&se=${at(3)}&spr=https`);
    assert.equal(f.grade, 'high');
  });
  test('critical: account SAS with srt=s and w (service properties) even short-lived', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2022-11-02&ss=b&srt=s&sp=w&se=${at(1)}&spr=https`);
    assert.equal(f.grade, 'critical');
  });
  test('high: read-only account SAS', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2022-11-02&ss=b&srt=sco&sp=rl&se=${at(2)}&spr=https`);
    assert.equal(f.grade, 'high');
  });
  test('critical: service SAS with write on a container valid ≥ 1 year', () => {
    const f = sas('contosodata.blob.core.windows.net', '/c', `sv=2015-04-05&sr=c&sp=wl&se=${at(400)}`);
    assert.equal(f.grade, 'critical');
  });
  test('high: service SAS with write/delete on a container, share, directory or table', () => {
    for (const [host, extra] of [
      ['contosodata.blob.core.windows.net', 'sr=c&sp=racwdl'],
      ['contosodata.file.core.windows.net', 'sr=s&sp=rcwdl'],
      ['contosodata.dfs.core.windows.net', 'sr=d&sdd=2&sp=racwdl'],
      ['contosodata.table.core.windows.net', 'tn=orders&sp=raud'],
    ] as const) {
      const f = sas(host, '/x', `sv=2021-06-08&${extra}&se=${at(2)}&spr=https`);
      assert.equal(f.grade, 'high', extra);
    }
  });
  test('high: any key-signed SAS valid > 7 days without a policy', () => {
    const f = sas('contosodata.blob.core.windows.net', '/c/b.txt', `sv=2022-11-02&sr=b&sp=r&se=${at(30)}&spr=https`);
    assert.equal(f.grade, 'high');
  });
  test('medium: read/list service SAS on a container', () => {
    const f = sas('contosodata.blob.core.windows.net', '/reports', `sp=rl&se=${at(0.3)}&spr=https&sv=2022-11-02&sr=c`);
    assert.equal(f.grade, 'medium');
  });
  test('medium: user delegation SAS with write', () => {
    const f = sas('contosodata.blob.core.windows.net', '/c/b.bin', `skoid=1&sktid=2&ske=${at(1)}&sks=b&skv=2023-11-03&sv=2023-11-03&se=${at(1)}&sr=b&sp=racwd`);
    assert.equal(f.grade, 'medium');
  });
  test('low: single blob, read-only, https only, ≤ 7 days', () => {
    const f = sas('contosodata.blob.core.windows.net', '/img/logo.png', `sv=2023-11-03&se=${at(0.04)}&sr=b&sp=r&spr=https`);
    assert.equal(f.grade, 'low');
    assert.match(f.message, /^Service SAS for contosodata: read on blob img\/logo\.png until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(in \d+ minutes?\) — low$/);
  });
  test('info: expired tokens say when they expired', () => {
    const f = sas('contosodata.blob.core.windows.net', '/', `sv=2019-10-10&ss=b&srt=sco&sp=rlx&se=2021-10-05T15:06:23Z&spr=https`);
    assert.equal(f.grade, 'info');
    assert.ok(details(f).expired);
    assert.ok(details(f).timeLeftMs! < 0);
    assert.equal(f.message, 'Account SAS for contosodata: read, list, delete version on blob; expired on 2021-10-05 (5 years ago) — info');
    assert.match(f.reasons[0]!, /^expired on 2021-10-05/);
  });
  test('info: emulator host or devstoreaccount1', () => {
    for (const url of [
      'http://127.0.0.1:10000/devstoreaccount1',
      'http://localhost:10000/devstoreaccount1/c',
      'http://host.docker.internal:10000/devstoreaccount1',
      'http://azurite:10000/devstoreaccount1',
      'http://devstoreaccount1.blob.localhost:10000',
    ]) {
      const f = scanOne(`${url}?sv=2021-08-06&ss=b&srt=sco&sp=rwdl&se=2030-01-01T00%3A00%3A00Z&spr=https%2Chttp&sig=${SIG}`);
      assert.equal(f.grade, 'info', url);
      assert.ok(details(f).emulator, url);
      assert.match(f.message, /emulator/);
    }
  });
  test('documentation sample account names are info', () => {
    const f = sas('myaccount.blob.core.windows.net', '/', `sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=${at(300)}`);
    assert.equal(f.grade, 'info');
  });
});

describe('modifiers', () => {
  test('+1 for spr=https,http (raw or encoded)', () => {
    for (const spr of ['https,http', 'https%2Chttp']) {
      const f = sas('contosodata.blob.core.windows.net', '/c/b.png', `sv=2023-11-03&se=${at(1)}&sr=b&sp=r&spr=${spr}`);
      assert.equal(f.grade, 'medium', spr);
      assert.ok(f.reasons.some((r) => r.includes('plain HTTP')));
    }
  });
  test('+1 for a sensitive path', () => {
    for (const path of ['/c/disk.vhd', '/c/db.bak', '/c/cert.pfx', '/c/id.pem', '/c/x.key', '/c/terraform.tfstate']) {
      const f = sas('contosodata.blob.core.windows.net', path, `sv=2023-11-03&se=${at(1)}&sr=b&sp=r&spr=https`);
      assert.equal(f.grade, 'medium', path);
    }
  });
  test('+1 for a managed disk export host', () => {
    const f = sas('md-impexp-abcd1234.z22.blob.storage.azure.net', '/xyz/abcd', 'sv=2018-03-28&sr=b&si=0ae3b6a5');
    assert.equal(f.grade, 'high');
  });
  test('−1 for a narrow IP range, not for 0.0.0.0-255.255.255.255', () => {
    const narrow = sas('contosodata.blob.core.windows.net', '/c', `sv=2022-11-02&sr=c&sp=rl&se=${at(1)}&spr=https&sip=168.1.5.60-168.1.5.70`);
    assert.equal(narrow.grade, 'low');
    const single = sas('contosodata.blob.core.windows.net', '/c', `sv=2022-11-02&sr=c&sp=rl&se=${at(1)}&spr=https&sip=168.1.5.60`);
    assert.equal(single.grade, 'low');
    const wide = sas('contosodata.blob.core.windows.net', '/c', `sv=2022-11-02&sr=c&sp=rl&se=${at(1)}&spr=https&sip=0.0.0.0-255.255.255.255`);
    assert.equal(wide.grade, 'medium');
  });
  test('−1 for srh/srq (request-bound)', () => {
    const f = sas('contosodata.blob.core.windows.net', '/c', `sv=2026-02-06&sr=c&sp=rl&se=${at(1)}&spr=https&srh=x-ms-foo`);
    assert.equal(f.grade, 'low');
    assert.ok(details(f).requestBound);
  });
  test('modifiers are capped at critical and never make a live token info', () => {
    const top = sas('contosodata.blob.core.windows.net', '/c/disk.vhd', `sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=${at(400)}&spr=https,http`);
    assert.equal(top.grade, 'critical');
    const bottom = sas('contosodata.blob.core.windows.net', '/c/b.png', `sv=2026-02-06&sr=b&sp=r&se=${at(1)}&spr=https&sip=10.0.0.1&srq=a`);
    assert.equal(bottom.grade, 'low');
  });
});
