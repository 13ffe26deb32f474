// Builds fabricated identifiable Azure keys (signature and valid Marvin32 checksum) from given
// bytes, so tests can hold keys that pass the checksum without holding anybody's secret. It lays
// the key out by its base64 characters, independently of how the engine parses one: random
// bytes, the signature written over the 4 characters at its offset, the bits after it cleared,
// the checksum of everything before the last 4 bytes written into them (little-endian).
import { marvin32Checksum, marvin32SeedFromName } from '../../server/src/core/assess/marvin32';

export interface IdentifiableFormat {
  readonly signature: string;
  readonly byteLength: 32 | 64;
  /** One seed name (8 ASCII characters) the service uses. */
  readonly seedName: string;
}

/** One published format per kind (signatures and seeds from security-utilities' IdentifiableMetadata.cs). */
export const IDENTIFIABLE_FORMATS = {
  storage: { signature: '+ASt', byteLength: 64, seedName: 'Default0' },
  cosmos: { signature: 'ACDb', byteLength: 64, seedName: 'MastRW00' },
  batch: { signature: '+ABa', byteLength: 64, seedName: 'AbAcct00' },
  apim: { signature: 'APIM', byteLength: 64, seedName: 'GitKey00' },
  'ml-classic': { signature: '+AMC', byteLength: 64, seedName: 'Classic0' },
  servicebus: { signature: '+ASb', byteLength: 32, seedName: 'Manage00' },
  eventhubs: { signature: '+AEh', byteLength: 32, seedName: 'Listen00' },
  relay: { signature: '+ARm', byteLength: 32, seedName: 'Send0000' },
  iothub: { signature: 'AIoT', byteLength: 32, seedName: 'Device00' },
} as const satisfies Record<string, IdentifiableFormat>;

/** An identifiable key in `format` built from `random` (at least `format.byteLength` bytes). */
export function fabricateIdentifiableKey(random: Uint8Array, format: IdentifiableFormat): string {
  const n = format.byteLength;
  if (random.length < n) throw new Error(`need ${n} random bytes`);
  const text = Buffer.from(random.subarray(0, n)).toString('base64');
  const offset = n === 64 ? 76 : 33;
  const bytes = Buffer.from(`${text.slice(0, offset)}${format.signature}${text.slice(offset + 4)}`, 'base64');
  // In a 32-byte key the signature ends 2 bits before a byte boundary; those 2 bits are zero.
  if (n === 32) bytes.writeUInt8(bytes.readUInt8(27) & 0xfc, 27);
  bytes.writeUInt32LE(marvin32Checksum(bytes, marvin32SeedFromName(format.seedName), 0, n - 4), n - 4);
  return bytes.toString('base64');
}
