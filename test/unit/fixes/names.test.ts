// Variable names and file languages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveFixLanguage, toEnvName } from '../../../server/src/core/fixes';
import { contextIdentifier, nameFromContext } from '../../../server/src/core/fixes/envVariableName';

describe('toEnvName', () => {
  const cases: [string, string][] = [
    ['blobSasUrl', 'BLOB_SAS_URL'],
    ['SasUri', 'SAS_URI'],
    ['AZURE_STORAGE_SAS_TOKEN', 'AZURE_STORAGE_SAS_TOKEN'],
    ['sas-token', 'SAS_TOKEN'],
    ['HTTPServerKey', 'HTTP_SERVER_KEY'],
    ['2fa key', '_2FA_KEY'],
    ['  ', ''],
  ];
  for (const [raw, expected] of cases) it(`${raw} → ${expected}`, () => assert.equal(toEnvName(raw), expected));
});

describe('nameFromContext', () => {
  const cases: [string, Parameters<typeof nameFromContext>[1], string | undefined][] = [
    ['blobSasUrl', 'sas-token', 'BLOB_SAS_TOKEN'],
    ['SasUri', 'sas-token', 'SAS_TOKEN'],
    ['downloadUrl', 'sas-token', 'DOWNLOAD_SAS_TOKEN'],
    ['sasToken', 'sas-token', 'SAS_TOKEN'],
    ['AZURE_STORAGE_SAS_TOKEN', 'sas-token', 'AZURE_STORAGE_SAS_TOKEN'],
    ['AZURE_STORAGE_SAS_URL', 'sas-token', 'AZURE_STORAGE_SAS_TOKEN'],
    ['url', 'sas-token', undefined],
    ['x', 'sas-token', undefined],
    ['storageConnectionString', 'connection-string', 'STORAGE_CONNECTION_STRING'],
    ['Blob', 'connection-string', 'BLOB_CONNECTION_STRING'],
    ['accountKey', 'account-key', 'ACCOUNT_KEY'],
    ['primary', 'account-key', 'PRIMARY_KEY'],
  ];
  for (const [context, kind, expected] of cases) it(`${context} (${kind}) → ${expected}`, () => assert.equal(nameFromContext(context, kind), expected));
});

describe('contextIdentifier', () => {
  const cases: [string, string | undefined][] = [
    ['const blobSasUrl = ', 'blobSasUrl'],
    ['const blobSasUrl: string = ', 'blobSasUrl'],
    ['String url = ', 'url'],
    ['  "SasUri": ', 'SasUri'],
    ['export AZURE_STORAGE_KEY=', 'AZURE_STORAGE_KEY'],
    ['ENV AZURE_STORAGE_SAS=', 'AZURE_STORAGE_SAS'],
    ['u := ', 'u'],
    ['$sas = ', 'sas'],
    ['self.sas_token = ', 'sas_token'],
    ['client.sasToken(', 'sasToken'],
    ['new AzureSasCredential(', undefined],
    ['New-AzStorageContext -SasToken ', 'SasToken'],
    ['az storage blob list --sas-token ', 'sas-token'],
    ['<add key="BlobSas" value=', 'BlobSas'],
    ['azcopy copy ./out ', undefined],
  ];
  for (const [before, expected] of cases) {
    it(`${JSON.stringify(before)} → ${expected}`, () => {
      const text = `${before}"value"`;
      assert.equal(contextIdentifier(text, before.length), expected);
    });
  }
});

describe('resolveFixLanguage', () => {
  const cases: [string | undefined, string, string][] = [
    ['yaml', '/repo/.github/workflows/ci.yml', 'github-actions'],
    ['yaml', 'C:\\repo\\.github\\workflows\\ci.yaml', 'github-actions'],
    ['yaml', '/repo/azure-pipelines.yml', 'azure-pipelines'],
    ['yaml', '/repo/azure-pipelines-release.yaml', 'azure-pipelines'],
    ['yaml', '/repo/.azuredevops/build.yml', 'azure-pipelines'],
    ['yaml', '/repo/.azure-pipelines/ci.yml', 'azure-pipelines'],
    ['yaml', '/repo/docker-compose.yml', 'yaml'],
    ['plaintext', '/repo/Dockerfile', 'dockerfile'],
    ['plaintext', '/repo/api.Dockerfile', 'dockerfile'],
    ['plaintext', '/repo/Dockerfile.prod', 'dockerfile'],
    ['shellscript', '/repo/.env', 'dotenv'],
    ['properties', '/repo/.env.local', 'dotenv'],
    ['plaintext', '/repo/prod.env', 'dotenv'],
    ['plaintext', '/repo/main.tf', 'terraform'],
    ['plaintext', '/repo/main.bicep', 'bicep'],
    ['plaintext', '/repo/main.bicepparam', 'bicepparam'],
    ['typescriptreact', 'a.tsx', 'typescript'],
    [undefined, 'script.py', 'python'],
    ['plaintext', 'notes.txt', 'unknown'],
    ['plaintext', 'train.ipynb', 'json'],
  ];
  for (const [id, file, expected] of cases) it(`${id} ${file} → ${expected}`, () => assert.equal(resolveFixLanguage(id, file), expected));
});
