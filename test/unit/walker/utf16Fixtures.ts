// Bytes for the UTF-16 tests (walker, CLI, language server): one text saved as UTF-8 and as UTF-16
// LE/BE with and without a byte-order mark, and real binary formats built in memory (PNG, zip, a
// .NET-style PE file, SQLite, UTF-32) that must stay skipped. The SAS URLs hold random signature
// bytes made at run time: nobody's secret.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateRawSync, deflateSync } from 'node:zlib';

/** The four ways a UTF-16 file is saved, with the bytes of `text` in each. */
export const UTF16_VARIANTS = ['utf16le-bom', 'utf16be-bom', 'utf16le', 'utf16be'] as const;
export type Utf16Variant = (typeof UTF16_VARIANTS)[number];

export function encodeUtf16(text: string, variant: Utf16Variant): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const body = variant.startsWith('utf16be') ? Buffer.from(le).swap16() : le;
  if (!variant.endsWith('-bom')) return body;
  return Buffer.concat([Buffer.from(variant.startsWith('utf16be') ? [0xfe, 0xff] : [0xff, 0xfe]), body]);
}

/** UTF-32 of a BMP-only text, little or big endian, with or without a byte-order mark. */
export function encodeUtf32(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const units = [...(bom ? '\ufeff' : ''), ...text].map((c) => c.codePointAt(0)!);
  const bytes = Buffer.alloc(units.length * 4);
  units.forEach((u, i) => (bigEndian ? bytes.writeUInt32BE(u, i * 4) : bytes.writeUInt32LE(u, i * 4)));
  return bytes;
}

/** A signed account SAS URL with a fresh random signature, percent-encoded as in a real URL. */
export function fabricatedSasUrl(): string {
  const sig = encodeURIComponent(randomBytes(32).toString('base64'));
  return `https://contosodata.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rwdl&se=2099-01-01T00:00:00Z&spr=https&sig=${sig}`;
}

/**
 * A PowerShell script as Windows PowerShell 5 writes one: CRLF line ends, a non-ASCII character
 * before the token on its line (positions count code units, so it must not shift the column).
 */
export function powerShellScript(sasUrl: string): string {
  return [
    '# Sauvegarde nocturne — copie des journaux',
    '$source = "C:\\Journaux\\*"',
    `Write-Host "Étape 2 ✓"; azcopy copy $source "${sasUrl}" --recursive`,
    'Write-Host "terminé"',
    '',
  ].join('\r\n');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

/** A valid 64×64 RGB PNG of random pixels. */
export function pngBytes(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(64, 0);
  ihdr.writeUInt32BE(64, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: 64 }, () => Buffer.concat([Buffer.from([0]), randomBytes(64 * 3)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Bytes of `size` holding little-endian fields: [offset, width in bytes, value]. */
function littleEndianRecord(size: number, fields: readonly (readonly [number, 2 | 4, number])[]): Buffer {
  const bytes = Buffer.alloc(size);
  for (const [offset, width, value] of fields) {
    if (width === 2) bytes.writeUInt16LE(value, offset);
    else bytes.writeUInt32LE(value, offset);
  }
  return bytes;
}

/** A zip archive of one entry, stored (method 0) or deflated (8): local header, data, central directory, end record. */
export function zipBytes(name: string, content: Buffer, deflate: boolean): Buffer {
  const data = deflate ? deflateRawSync(content) : content;
  const nameBytes = Buffer.from(name, 'utf8');
  // The local header and the central directory record both describe the entry, from "version
  // needed" on, with the same fields at the same distances: at 4 in one, at 6 in the other.
  const entryFields = (at: number): (readonly [number, 2 | 4, number])[] => [
    [at, 2, 20],
    [at + 4, 2, deflate ? 8 : 0],
    [at + 10, 4, crc32(content)],
    [at + 14, 4, data.length],
    [at + 18, 4, content.length],
    [at + 22, 2, nameBytes.length],
  ];
  const local = littleEndianRecord(30, [[0, 4, 0x04034b50], ...entryFields(4)]);
  const central = littleEndianRecord(46, [[0, 4, 0x02014b50], [4, 2, 20], ...entryFields(6)]);
  const end = littleEndianRecord(22, [
    [0, 4, 0x06054b50],
    [8, 2, 1],
    [10, 2, 1],
    [12, 4, 46 + nameBytes.length],
    [16, 4, 30 + nameBytes.length + data.length],
  ]);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/**
 * The layout of a .NET assembly: DOS header and stub, PE signature, COFF and PE32 optional headers,
 * a section table, then at 0x200 the CLI metadata root (`BSJB`) whose #US heap is UTF-16 LE
 * strings, the part of a real .dll that looks most like UTF-16 text.
 */
export function dotnetDllBytes(): Buffer {
  const bytes = Buffer.alloc(0x200);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt16LE(0x90, 2);
  bytes.writeUInt16LE(3, 4);
  bytes.writeUInt16LE(4, 8);
  bytes.writeUInt16LE(0xffff, 12);
  bytes.writeUInt16LE(0xb8, 16);
  bytes.writeUInt16LE(0x40, 24);
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode.\r\r\n$', 0x40, 'latin1');
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84); // i386
  bytes.writeUInt16LE(2, 0x86); // sections
  bytes.writeUInt16LE(0xe0, 0x94); // optional header size
  bytes.writeUInt16LE(0x2102, 0x96); // DLL, executable, 32-bit
  bytes.writeUInt16LE(0x10b, 0x98); // PE32
  bytes.writeUInt32LE(0x400000, 0x98 + 28); // image base
  bytes.writeUInt32LE(0x2000, 0x98 + 32);
  bytes.writeUInt32LE(0x200, 0x98 + 36);
  bytes.writeUInt32LE(16, 0x98 + 92); // data directories
  bytes.writeUInt32LE(0x2008, 0x98 + 96 + 14 * 8); // CLI header
  bytes.writeUInt32LE(0x48, 0x98 + 96 + 14 * 8 + 4);
  bytes.write('.text\0\0\0', 0x178, 'latin1');
  bytes.writeUInt32LE(0x1000, 0x178 + 8);
  bytes.writeUInt32LE(0x2000, 0x178 + 12);
  bytes.writeUInt32LE(0x1000, 0x178 + 16);
  bytes.writeUInt32LE(0x200, 0x178 + 20);
  bytes.write('.reloc\0\0', 0x1a0, 'latin1');
  const root = Buffer.alloc(0x60);
  root.writeUInt32LE(0x424a5342, 0); // BSJB
  root.writeUInt16LE(1, 4);
  root.writeUInt16LE(1, 6);
  root.writeUInt32LE(12, 12);
  root.write('v4.0.30319\0\0', 16, 'latin1');
  root.writeUInt16LE(3, 30);
  root.write('#~\0\0#Strings\0\0\0\0#US\0', 40, 'latin1');
  const userStrings = Buffer.from(Array.from({ length: 200 }, (_, i) => `Connecting to storage account ${i}…`).join('\0'), 'utf16le');
  return Buffer.concat([bytes, root, userStrings]);
}

/** A SQLite database header (text encoding 2: UTF-16 LE) and a leaf page of UTF-16 LE text cells. */
export function sqliteUtf16Bytes(): Buffer {
  const page1 = Buffer.alloc(4096);
  page1.write('SQLite format 3\0', 0, 'latin1');
  page1.writeUInt16BE(4096, 16);
  page1.set([1, 1, 0, 64, 32, 32], 18);
  page1.writeUInt32BE(1, 24);
  page1.writeUInt32BE(2, 28);
  page1.writeUInt32BE(4, 44);
  page1.writeUInt32BE(2, 56); // UTF-16le
  page1.writeUInt32BE(3045000, 96);
  page1[100] = 0x0d; // table leaf
  const page2 = Buffer.alloc(4096);
  page2[0] = 0x0d;
  const text = Buffer.from("INSERT INTO settings VALUES ('storage', 'fabrikamdata'); ".repeat(60), 'utf16le');
  text.copy(page2, 8, 0, 4088);
  return Buffer.concat([page1, page2]);
}

/** The first 64 KiB of the running Node executable: ELF, PE or Mach-O, whichever this machine runs. */
export function executableBytes(): Buffer {
  return readFileSync(process.execPath).subarray(0, 64 * 1024);
}

/** Real binaries and near-text that must stay skipped as binary, by name. */
export function binarySamples(): Record<string, Buffer> {
  const script = powerShellScript(fabricatedSasUrl());
  const utf16 = Buffer.from(script, 'utf16le');
  const samples16 = Buffer.alloc(4096); // 16-bit little-endian samples below 256: NULs at odd positions only
  for (let i = 0; i < samples16.length; i += 2) samples16[i] = randomBytes(1)[0]!;
  return {
    'node executable': executableBytes(),
    png: pngBytes(),
    'zip, stored UTF-16 entry': zipBytes('run.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]), false),
    'zip, deflated': zipBytes('run.ps1', Buffer.from(script.repeat(20)), true),
    '.NET dll': dotnetDllBytes(),
    'sqlite (UTF-16 text)': sqliteUtf16Bytes(),
    'utf-32le with bom': encodeUtf32(script, false, true),
    'utf-32be with bom': encodeUtf32(script, true, true),
    'utf-32le without bom': encodeUtf32(script, false, false),
    'utf-32be without bom': encodeUtf32(script, true, false),
    '16-bit samples': samples16,
    'random bytes': randomBytes(8192),
  };
}
