// "Strip the signature": exact output per encoding and container, the rest of the line untouched,
// and the detector no longer reports the token.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanText } from '../../../server/src/core';
import { applyEdits, fixAllStripSignatures, stripSignatureFix } from '../../../server/src/core/fixes';
import type { Finding, TokenEncoding } from '../../../server/src/core/findings/types';
import {
  CONN,
  IOT_DEVICE_CONN,
  IOT_DEVICE_TOKEN,
  IOT_KEY,
  IOT_POLICY_CONN,
  KEY,
  SB_CONN,
  SB_KEY,
  SIG,
  SIG2_ENC,
  SIG_ENC,
  sasFinding,
  findingOf,
} from './helpers';

const NOW = new Date('2025-06-01T00:00:00Z');
const HOST = 'https://contosodata.blob.core.windows.net/c/b.txt';
const Q = 'sv=2022-11-02&sr=b&sp=r&se=2026-01-01T00:00:00Z';

interface StripCase {
  readonly name: string;
  readonly text: string;
  readonly finding: (text: string) => Finding;
  readonly expected: string;
  readonly languageId?: string;
  readonly fileName?: string;
}

const sasIn =
  (token: string, encoding: TokenEncoding = 'plain') =>
  (text: string) =>
    sasFinding(text, token, { encoding });
const DOUBLE = encodeURIComponent(SIG_ENC);
const NESTED = `https%3A%2F%2Fcontosodata.blob.core.windows.net%2Fc%3Fsv%3D2022-11-02%26sr%3Dc%26sp%3Drl%26se%3D2026-01-01%26sig%3D${DOUBLE}`;
const SB_TOKEN = `SharedAccessSignature sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders&sig=${SIG2_ENC}&se=1767225600&skn=SendOnly`;
const SB_TOKEN_FIRST = `SharedAccessSignature sig=${SIG2_ENC}&se=1767225600&skn=SendOnly&sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders`;
const SAS_CONN = `BlobEndpoint=https://contosodata.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2027-01-01&sig=${SIG_ENC}`;

export const STRIP_CASES: readonly StripCase[] = [
  {
    name: 'plain, sig last: `&sig=…` goes, the rest of the line stays',
    text: `const u = "${HOST}?${Q}&sig=${SIG_ENC}"; // download\n`,
    finding: sasIn(`${HOST}?${Q}&sig=${SIG_ENC}`),
    expected: `const u = "${HOST}?${Q}"; // download\n`,
  },
  {
    name: 'plain, sig first: `sig=…&` goes, `?` stays',
    text: `u = "${HOST}?sig=${SIG_ENC}&${Q}"\n`,
    finding: sasIn(`${HOST}?sig=${SIG_ENC}&${Q}`),
    expected: `u = "${HOST}?${Q}"\n`,
  },
  {
    name: 'plain, sig in the middle with a trailing non-SAS parameter',
    text: `curl "${HOST}?sv=2022-11-02&sig=${SIG_ENC}&sr=b&sp=r&se=2026-01-01&comp=list"\n`,
    finding: sasIn(`${HOST}?sv=2022-11-02&sig=${SIG_ENC}&sr=b&sp=r&se=2026-01-01&comp=list`),
    expected: `curl "${HOST}?sv=2022-11-02&sr=b&sp=r&se=2026-01-01&comp=list"\n`,
  },
  {
    name: 'raw (not percent-encoded) signature',
    text: `sas: "${Q}&sig=${SIG}"\n`,
    finding: sasIn(`${Q}&sig=${SIG}`),
    expected: `sas: "${Q}"\n`,
  },
  {
    name: 'HTML entity separators (&amp;)',
    text: `<img src="${HOST}?${Q.replace(/&/g, '&amp;')}&amp;sig=${SIG_ENC}">\n`,
    finding: sasIn(`${HOST}?${Q.replace(/&/g, '&amp;')}&amp;sig=${SIG_ENC}`, 'html-entity'),
    expected: `<img src="${HOST}?${Q.replace(/&/g, '&amp;')}">\n`,
    languageId: 'html',
    fileName: 'index.html',
  },
  {
    name: 'JSON \\u0026 separators',
    text: `{"SasUrl": "${HOST}?${Q.replace(/&/g, '\\u0026')}\\u0026sig=${SIG_ENC}"}\n`,
    finding: sasIn(`${HOST}?${Q.replace(/&/g, '\\u0026')}\\u0026sig=${SIG_ENC}`, 'json-unicode'),
    expected: `{"SasUrl": "${HOST}?${Q.replace(/&/g, '\\u0026')}"}\n`,
    languageId: 'json',
    fileName: 'appsettings.json',
  },
  {
    name: 'cmd.exe caret separators (^&)',
    text: `set SAS=${Q.replace(/&/g, '^&')}^&sig=${SIG_ENC}\r\necho done\r\n`,
    finding: sasIn(`${Q.replace(/&/g, '^&')}^&sig=${SIG_ENC}`, 'caret'),
    expected: `set SAS=${Q.replace(/&/g, '^&')}\r\necho done\r\n`,
    languageId: 'bat',
    fileName: 'deploy.cmd',
  },
  {
    name: 'shell-escaped separators (\\&)',
    text: `bash -c "azcopy copy x ${HOST}?${Q.replace(/&/g, '\\&')}\\&sig=${SIG_ENC}"\n`,
    finding: sasIn(`${HOST}?${Q.replace(/&/g, '\\&')}\\&sig=${SIG_ENC}`, 'backslash'),
    expected: `bash -c "azcopy copy x ${HOST}?${Q.replace(/&/g, '\\&')}"\n`,
  },
  {
    name: 'percent-encoded query nested in another URL (%26, %3D)',
    text: `https://login.example.com/redirect?next=${NESTED}&x=1\n`,
    finding: sasIn(NESTED, 'percent-encoded-query'),
    expected: `https://login.example.com/redirect?next=${NESTED.slice(0, NESTED.indexOf('%26sig'))}&x=1\n`,
  },
  {
    name: 'SAS inside a connection string',
    text: `conn = "${SAS_CONN};"\n`,
    finding: (t) => sasFinding(t, SAS_CONN, { container: 'connection-string' }),
    expected: `conn = "${SAS_CONN.slice(0, SAS_CONN.indexOf('&sig='))};"\n`,
  },
  {
    name: 'Service Bus token: sig in the middle',
    text: `headers = {"Authorization": "${SB_TOKEN}"}\n`,
    finding: (t) => sasFinding(t, SB_TOKEN, { ruleId: 'servicebus-sas', container: 'servicebus-token' }),
    expected: `headers = {"Authorization": "SharedAccessSignature sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders&se=1767225600&skn=SendOnly"}\n`,
  },
  {
    name: 'Service Bus token: sig first',
    text: `token = "${SB_TOKEN_FIRST}"\n`,
    finding: (t) => sasFinding(t, SB_TOKEN_FIRST, { ruleId: 'servicebus-sas', container: 'servicebus-token' }),
    expected: `token = "SharedAccessSignature se=1767225600&skn=SendOnly&sr=https%3A%2F%2Fcontoso-ns.servicebus.windows.net%2Forders"\n`,
  },
  {
    name: 'AccountKey= is left empty',
    text: `AZURE_STORAGE_CONNECTION_STRING=${CONN}\n`,
    finding: findingOf.storageConnectionString,
    expected: `AZURE_STORAGE_CONNECTION_STRING=${CONN.replace(KEY, '')}\n`,
    fileName: '.env',
  },
  {
    name: 'SharedAccessKey= is left empty',
    text: `const sb = "${SB_CONN};EntityPath=orders";\n`,
    finding: findingOf.serviceBusConnectionString,
    expected: `const sb = "${SB_CONN.replace(SB_KEY, '')};EntityPath=orders";\n`,
  },
  {
    name: 'IoT Hub device key: SharedAccessKey= is left empty',
    text: `device_conn = "${IOT_DEVICE_CONN}"\n`,
    finding: findingOf.iotDeviceConnectionString,
    expected: `device_conn = "${IOT_DEVICE_CONN.replace(IOT_KEY, '')}"\n`,
  },
  {
    name: 'IoT Hub iothubowner policy key: SharedAccessKey= is left empty',
    text: `IOTHUB_CONNECTION_STRING=${IOT_POLICY_CONN}\n`,
    finding: findingOf.iotPolicyConnectionString,
    expected: `IOTHUB_CONNECTION_STRING=${IOT_POLICY_CONN.replace(IOT_KEY, '')}\n`,
    fileName: '.env',
  },
  {
    name: 'IoT Hub device SAS token: sig and one separator removed',
    text: `headers = {"Authorization": "${IOT_DEVICE_TOKEN}"}\n`,
    finding: findingOf.iotDeviceToken,
    expected: `headers = {"Authorization": "SharedAccessSignature sr=contoso-hub.azure-devices.net%2Fdevices%2Fthermostat-7&se=1767225600"}\n`,
  },
  {
    name: 'standalone key assignment: the quoted value is emptied',
    text: `AZURE_STORAGE_KEY = "${KEY}"  # prod\n`,
    finding: findingOf.accountKey,
    expected: `AZURE_STORAGE_KEY = ""  # prod\n`,
    languageId: 'python',
    fileName: 'settings.py',
  },
];

function detectorFinding(c: StripCase): Finding | undefined {
  const mine = c.finding(c.text);
  const r = scanText(c.text, { now: NOW, ...(c.fileName ? { fileName: c.fileName } : {}), ...(c.languageId ? { languageId: c.languageId } : {}) });
  return r.findings.find((f) => f.secretRange.start === mine.secretRange.start);
}

describe('stripSignatureFix', () => {
  for (const c of STRIP_CASES) {
    it(c.name, () => {
      const edits = stripSignatureFix(c.text, c.finding(c.text));
      assert.equal(applyEdits(c.text, edits), c.expected);
      // Only characters of the token itself are removed.
      const f = c.finding(c.text);
      for (const e of edits) {
        assert.equal(e.newText, '');
        assert.ok(e.start >= f.range.start && e.end <= f.range.end, 'edit outside the token');
      }
    });
  }
});

describe('stripSignatureFix on the detector’s findings', () => {
  for (const c of STRIP_CASES) {
    it(`${c.name}: same edit, and a re-scan no longer reports the token`, () => {
      const found = detectorFinding(c);
      assert.ok(found, 'the detector does not report this token');
      const out = applyEdits(c.text, stripSignatureFix(c.text, found));
      assert.equal(out, c.expected);
      const again = scanText(out, { now: NOW, ...(c.fileName ? { fileName: c.fileName } : {}), ...(c.languageId ? { languageId: c.languageId } : {}) });
      assert.equal(again.findings.filter((f) => f.fingerprint === found.fingerprint).length, 0);
    });
  }
});

describe('fixAllStripSignatures', () => {
  it('strips every token of a file with sorted, non-overlapping edits, and the file scans clean', () => {
    const text = STRIP_CASES.map((c) => c.text).join('');
    const findings = scanText(text, { now: NOW }).findings;
    assert.ok(findings.length >= 10);
    const edits = fixAllStripSignatures(text, findings);
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i]!.start >= edits[i - 1]!.end, 'unsorted or overlapping');
    const out = applyEdits(text, edits);
    assert.equal(scanText(out, { now: NOW }).findings.length, 0);
  });

  it('a finding given twice yields one edit', () => {
    const c = STRIP_CASES[0]!;
    const f = c.finding(c.text);
    assert.deepEqual(fixAllStripSignatures(c.text, [f, f]), stripSignatureFix(c.text, f));
  });
});
