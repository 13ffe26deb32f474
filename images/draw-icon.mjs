// Draws images/icon.png (128x128 RGBA): an Azure-blue shield with a white keyhole on a dark rounded
// square. No image library: shapes are signed-distance tests, 4x4 supersampled, written as a PNG
// with node's zlib. Usage: node images/draw-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;

const BACKGROUND = [11, 37, 64]; // #0B2540, the gallery banner colour
const SHIELD = [0, 120, 212]; // #0078D4, Azure blue
const SHIELD_EDGE = [80, 170, 240];
const KEYHOLE = [255, 255, 255];

function roundedSquare(x, y) {
  const r = 22;
  const dx = Math.max(Math.abs(x - 64) - (64 - r), 0);
  const dy = Math.max(Math.abs(y - 64) - (64 - r), 0);
  return Math.hypot(dx, dy) <= r;
}

/** Shield: flat top with rounded corners, straight sides, then two arcs meeting at a point. */
function shield(x, y, inset) {
  const left = 30 + inset;
  const right = 98 - inset;
  const top = 20 + inset;
  const shoulder = 62;
  const tip = 110 - inset * 1.4;
  if (y < top || y > tip) return false;
  if (y <= shoulder) {
    const r = 10;
    if (x < left || x > right) return false;
    if (y < top + r) {
      const cx = x < left + r ? left + r : x > right - r ? right - r : x;
      return Math.hypot(x - cx, y - (top + r)) <= r;
    }
    return true;
  }
  // Below the shoulder the half-width shrinks along a circular arc down to the tip.
  const t = (y - shoulder) / (tip - shoulder);
  const halfWidth = ((right - left) / 2) * Math.sqrt(Math.max(0, 1 - t * t));
  return Math.abs(x - 64) <= halfWidth;
}

function keyhole(x, y) {
  if (Math.hypot(x - 64, y - 54) <= 11) return true;
  // a trapezoid under the circle
  if (y >= 54 && y <= 86) {
    const half = 5 + ((y - 54) / 32) * 4;
    return Math.abs(x - 64) <= half;
  }
  return false;
}

function colourAt(x, y) {
  if (!roundedSquare(x, y)) return null;
  if (keyhole(x, y)) return KEYHOLE;
  if (shield(x, y, 4)) return SHIELD;
  if (shield(x, y, 0)) return SHIELD_EDGE;
  return BACKGROUND;
}

const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        r += c[0];
        g += c[1];
        b += c[2];
        a += 1;
      }
    }
    const o = row + 1 + px * 4;
    const n = SAMPLES * SAMPLES;
    raw[o] = a ? Math.round(r / a) : 0;
    raw[o + 1] = a ? Math.round(g / a) : 0;
    raw[o + 2] = a ? Math.round(b / a) : 0;
    raw[o + 3] = Math.round((a / n) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
