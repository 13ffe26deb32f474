// Azure token shapes for the LSP tests, built around fabricated secrets (test/support/fakeSecrets.ts):
// fresh random signature and key bytes every run. None of them was ever valid anywhere.
import { fakeAccountKey, fakeServiceBusKey, fakeSignature } from '../support/fakeSecrets';

/** Account SAS, every service, full rights, valid for decades: critical. */
export function accountSasUrl(sig = fakeSignature(), account = 'fabrikamdata'): string {
  return (
    `https://${account}.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx` +
    `&se=2091-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`
  );
}

/** Service SAS on one blob, read only, https only, expired long ago: info. */
export function expiredBlobSasUrl(sig = fakeSignature()): string {
  return (
    'https://fabrikamdata.blob.core.windows.net/reports/2023/q1.csv?sv=2021-08-06&sr=b&sp=r' +
    `&st=2023-01-01T00:00:00Z&se=2023-01-02T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`
  );
}

/** Service SAS on a container with read/list, valid for a long time. */
export function containerReadSasUrl(sig = fakeSignature()): string {
  return (
    'https://fabrikamdata.blob.core.windows.net/public-assets?sv=2022-11-02&sr=c&sp=rl' + `&se=2090-06-01T00:00:00Z&spr=https&sig=${encodeURIComponent(sig)}`
  );
}

export function storageConnectionString(key = fakeAccountKey(), account = 'fabrikamdata'): string {
  return `DefaultEndpointsProtocol=https;AccountName=${account};AccountKey=${key};EndpointSuffix=core.windows.net`;
}

export function serviceBusConnectionString(key = fakeServiceBusKey()): string {
  return `Endpoint=sb://fabrikam-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`;
}

export function iotDeviceConnectionString(key = fakeServiceBusKey()): string {
  return `HostName=fabrikam-hub.azure-devices.net;DeviceId=thermostat-7;SharedAccessKey=${key}`;
}

/** The signature as it appears in a URL (percent-encoded). */
export function inUrl(sig: string): string {
  return encodeURIComponent(sig);
}
