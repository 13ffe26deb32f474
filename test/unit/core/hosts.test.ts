// Hosts: public and sovereign clouds, secondary, private link, static website, DNS-zone and
// managed-disk endpoints, IPs, emulators, CDNs and custom domains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeHost } from '../../../server/src/core/parse/hosts';
import { fakeSignature, percentEncode } from '../../support/fakeSecrets';
import { scanOne } from './engineAssertions';

test('storage hosts give account, service and cloud', () => {
  const cases: Array<[string, string, string, string | undefined]> = [
    ['contosodata.blob.core.windows.net', 'contosodata', 'blob', 'public'],
    ['contosodata.file.core.windows.net', 'contosodata', 'file', 'public'],
    ['contosodata.queue.core.windows.net', 'contosodata', 'queue', 'public'],
    ['contosodata.table.core.windows.net', 'contosodata', 'table', 'public'],
    ['contosodata.dfs.core.windows.net', 'contosodata', 'dfs', 'public'],
    ['contosodata.web.core.windows.net', 'contosodata', 'web', 'public'],
    ['contosocn.blob.core.chinacloudapi.cn', 'contosocn', 'blob', 'china'],
    ['contosogov.blob.core.usgovcloudapi.net', 'contosogov', 'blob', 'usgov'],
    ['contosode.blob.core.cloudapi.de', 'contosode', 'blob', 'germany'],
    ['Contosodata.BLOB.core.windows.net', 'contosodata', 'blob', 'public'],
    ['contosodata.blob.local.azurestack.external', 'contosodata', 'blob', undefined],
  ];
  for (const [host, account, service, cloud] of cases) {
    const info = analyzeHost(host, '/');
    assert.equal(info.account, account, host);
    assert.equal(info.service, service, host);
    assert.equal(info.cloud, cloud, host);
    assert.equal(info.emulator, false, host);
  }
});

test('secondary, private link, static website, DNS zone, managed disk', () => {
  const secondary = analyzeHost('contosodata-secondary.blob.core.windows.net', '/');
  assert.equal(secondary.account, 'contosodata');
  assert.ok(secondary.secondary);
  const privateLink = analyzeHost('contosodata.privatelink.blob.core.windows.net', '/');
  assert.equal(privateLink.account, 'contosodata');
  assert.ok(privateLink.privateLink);
  const privateLinkCn = analyzeHost('contosocn.privatelink.blob.core.chinacloudapi.cn', '/');
  assert.equal(privateLinkCn.account, 'contosocn');
  const website = analyzeHost('contosoweb.z13.web.core.windows.net', '/');
  assert.equal(website.account, 'contosoweb');
  assert.ok(website.staticWebsite);
  const zone = analyzeHost('contosodata.z22.blob.storage.azure.net', '/');
  assert.equal(zone.account, 'contosodata');
  assert.equal(zone.cloud, 'dns-zone');
  const disk = analyzeHost('md-impexp-abcd1234.z22.blob.storage.azure.net', '/xyz/abcd');
  assert.ok(disk.managedDisk);
});

test('IPs, CDNs and custom domains carry no account but still grade on parameters', () => {
  const sig = percentEncode(fakeSignature(41));
  for (const host of ['139.217.240.7', 'contoso.azureedge.net', 'contoso-fd.azurefd.net', 'files.contoso.com', 'sdmntprukwest.oaiusercontent.com']) {
    const f = scanOne(`https://${host}/c/b?sv=2022-11-02&ss=b&srt=sco&sp=rwdl&se=2030-01-01&sig=${sig}`);
    assert.equal(f.ruleId, 'account-sas', host);
    assert.equal(f.grade, 'critical', host);
    assert.equal(f.details.type === 'sas' && f.details.host, host);
  }
  assert.ok(analyzeHost('contoso.azureedge.net', '/').cdn);
  assert.ok(analyzeHost('139.217.240.7:80', '/').ip);
});

test('emulator hosts', () => {
  for (const [authority, path] of [
    ['127.0.0.1:10000', '/devstoreaccount1/c'],
    ['127.0.0.1:10001', '/devstoreaccount1/q'],
    ['127.0.0.1:10002', '/devstoreaccount1/t'],
    ['localhost:10000', '/devstoreaccount1'],
    ['host.docker.internal:10000', '/devstoreaccount1'],
    ['azurite:10000', '/devstoreaccount1'],
    ['devstoreaccount1.blob.localhost:10000', '/c'],
    ['127.0.0.1:10000', '/myaccount/c'],
  ] as const) {
    const info = analyzeHost(authority, path);
    assert.ok(info.emulator, authority + path);
  }
  assert.equal(analyzeHost('127.0.0.1:10000', '/devstoreaccount1/c').account, 'devstoreaccount1');
  assert.equal(analyzeHost('127.0.0.1:8080', '/api').emulator, false);
  assert.equal(analyzeHost('localhost', '/').emulator, false);
});
