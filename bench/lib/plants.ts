// The credentials planted in the benchmarks' generated text: live ones in every form the engine
// finds (fabricated: signatures and keys are base64 of random bytes from the seeded generator, never a
// real secret), placeholders that must not be reported, and other clouds' signed URLs. corpus.ts
// writes each into a line of a file's language.
import { type Rng } from './rng';
import { word } from './words';

export type PlantKind =
  | 'blob-service-sas-url'
  | 'account-sas-url'
  | 'container-sas-url'
  | 'bare-sas-query'
  | 'storage-connection-string'
  | 'sas-connection-string'
  | 'servicebus-connection-string'
  | 'servicebus-sas-token'
  | 'user-delegation-sas-url'
  | 'json-escaped-sas-url'
  | 'html-entity-sas-url'
  | 'placeholder'
  | 'other-cloud';

export const LIVE_KINDS: readonly PlantKind[] = [
  'blob-service-sas-url',
  'account-sas-url',
  'container-sas-url',
  'bare-sas-query',
  'storage-connection-string',
  'sas-connection-string',
  'servicebus-connection-string',
  'servicebus-sas-token',
  'user-delegation-sas-url',
  'json-escaped-sas-url',
  'html-entity-sas-url',
];

function sig(rng: Rng): string {
  return rng.bytes(32).toString('base64');
}

function accountKey(rng: Rng): string {
  return rng.bytes(64).toString('base64');
}

function account(rng: Rng): string {
  return `${word(rng)}${word(rng)}${rng.int(100)}`.slice(0, 24);
}

function isoDate(rng: Rng, yearLo: number, yearHi: number): string {
  const y = rng.range(yearLo, yearHi);
  const m = String(rng.range(1, 12)).padStart(2, '0');
  const d = String(rng.range(1, 28)).padStart(2, '0');
  return `${y}-${m}-${d}T${String(rng.int(24)).padStart(2, '0')}:00:00Z`;
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** Returns the value to embed (a URL, query, connection string …) for one fabricated credential. */
export function fabricate(rng: Rng, kind: PlantKind): string {
  const acct = account(rng);
  const blobPath = `${word(rng)}/${word(rng)}-${rng.int(1000)}.${rng.pick(['zip', 'parquet', 'bin', 'csv', 'tar.gz'])}`;
  switch (kind) {
    case 'blob-service-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sp=r&st=${isoDate(rng, 2030, 2030)}&se=${isoDate(rng, 2031, 2032)}&spr=https&sv=2022-11-02&sr=b&sig=${enc(sig(rng))}`;
    case 'account-sas-url':
      return `https://${acct}.blob.core.windows.net/?sv=2021-06-08&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&st=2021-10-05T00:00:00Z&spr=https,http&sig=${enc(sig(rng))}`;
    case 'container-sas-url':
      return `https://${acct}.blob.core.windows.net/${word(rng)}?sv=2020-08-04&sr=c&sp=rwdl&se=${isoDate(rng, 2029, 2035)}&sig=${enc(sig(rng))}`;
    case 'bare-sas-query':
      return `?sv=2022-11-02&ss=b&srt=co&sp=rl&se=${isoDate(rng, 2030, 2033)}&spr=https&sig=${enc(sig(rng))}`;
    case 'storage-connection-string':
      return `DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=${accountKey(rng)};EndpointSuffix=core.windows.net`;
    case 'sas-connection-string':
      return `BlobEndpoint=https://${acct}.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&ss=b&srt=sco&sp=rwl&se=${isoDate(rng, 2030, 2033)}&sig=${enc(sig(rng))}`;
    case 'servicebus-connection-string':
      return `Endpoint=sb://${acct}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sig(rng)}`;
    case 'servicebus-sas-token':
      return `SharedAccessSignature sr=${enc(`https://${acct}.servicebus.windows.net/${word(rng)}`)}&sig=${enc(sig(rng))}&se=${rng.range(1900000000, 2100000000)}&skn=RootManageSharedAccessKey`;
    case 'user-delegation-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?skoid=${rng.guid()}&sktid=${rng.guid()}&skt=2030-06-01T08%3A00%3A00Z&ske=2030-06-02T08%3A00%3A00Z&sks=b&skv=2023-11-03&sv=2023-11-03&se=2030-06-01T10%3A00%3A00Z&sr=b&sp=rw&sig=${enc(sig(rng))}`;
    case 'json-escaped-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02\\u0026sr=b\\u0026sp=rw\\u0026se=${isoDate(rng, 2030, 2032)}\\u0026sig=${enc(sig(rng))}`;
    case 'html-entity-sas-url':
      return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&amp;sr=b&amp;sp=r&amp;se=${isoDate(rng, 2030, 2032)}&amp;sig=${enc(sig(rng))}`;
    case 'placeholder':
      switch (rng.int(7)) {
        case 0:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=Sanitized`;
        case 1:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&se=2030-01-01T00:00:00Z&sig=REDACTED`;
        case 2:
          return `https://<account>.blob.core.windows.net/<container>?sv=<version>&sp=rl&se=<expiry>&sig=<signature>`;
        case 3:
          return `https://${acct}.blob.core.windows.net/${word(rng)}?\${SAS_QUERY}&sig=\${SAS_SIGNATURE}`;
        case 4:
          return 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;';
        case 5:
          return `DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx;EndpointSuffix=core.windows.net`;
        default:
          return `https://${acct}.blob.core.windows.net/${blobPath}?sv=2022-11-02&sr=b&sp=r&sig={sig}`;
      }
    case 'other-cloud':
      switch (rng.int(3)) {
        case 0:
          return `https://${word(rng)}-bucket.s3.amazonaws.com/${blobPath}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA${rng.hex(16).toUpperCase()}%2F20300101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20300101T000000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${rng.hex(64)}`;
        case 1:
          return `https://storage.googleapis.com/${word(rng)}-bucket/${blobPath}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40proj.iam.gserviceaccount.com%2F20300101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20300101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${rng.hex(128)}`;
        default:
          return `https://d${rng.hex(12)}.cloudfront.net/${blobPath}?Expires=1900000000&Signature=${rng.bytes(96).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~')}&Key-Pair-Id=K${rng.hex(13).toUpperCase()}`;
      }
  }
}
