// Draws the PayClock toolbar/store icon and writes public/icon/{16,32,48,96,128}.png.
// The PNGs are committed; this script only exists to regenerate them after a
// design tweak: `npm run draw-icons`. It is dependency-free on purpose so it
// runs anywhere Node does, without an image toolchain.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 48, 96, 128];
const SUPERSAMPLE = 8; // 8x8 samples per pixel, box-filtered: smooth edges without a rasteriser
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const FACE = hex('#0f766e');
const RIM = hex('#5eead4');
const URGENT = hex('#ea580c');
const WHITE = hex('#ffffff');

const lerp = (a, b, t) => a + (b - a) * t;

// Stroke widths grow as the icon shrinks, otherwise the hands vanish at 16 px.
function styleFor(size) {
  const t = Math.min(1, Math.max(0, (size - 16) / (128 - 16))); // 0 = tiniest, 1 = largest
  return {
    radius: 0.96,
    rim: lerp(0.14, 0.06, t),
    urgent: lerp(0.26, 0.18, t),
    handHalfWidth: lerp(0.125, 0.065, t), // exactly 2 px wide at 16 px
    hourLength: lerp(0.5, 0.46, t),
    minuteLength: lerp(0.56, 0.64, t),
    dot: lerp(0.17, 0.11, t),
  };
}

// Distance from p to segment a-b, for round-capped hands.
function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax,
    dy = by - ay;
  const k = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - k * dx, py - ay - k * dy);
}

// Clock angle in degrees, 0 at 12 o'clock, clockwise (y grows downwards).
const clockAngle = (x, y) => ((Math.atan2(x, -y) * 180) / Math.PI + 360) % 360;
const handTip = (deg, len) => [Math.sin((deg * Math.PI) / 180) * len, -Math.cos((deg * Math.PI) / 180) * len];

// Colour at a point in unit space (-1..1, centre at 0), or null if transparent.
// Later shapes paint over earlier ones.
function colourAt(x, y, s) {
  const r = Math.hypot(x, y);
  if (r > s.radius) return null;
  let c = r > s.radius - s.rim ? RIM : FACE;
  if (r > s.radius - s.urgent && clockAngle(x, y) <= 60) c = URGENT; // 12 -> 2 o'clock: time running out
  const [hx, hy] = handTip(300, s.hourLength); // ~10 o'clock
  const [mx, my] = handTip(0, s.minuteLength);
  if (segmentDistance(x, y, 0, 0, hx, hy) <= s.handHalfWidth) c = WHITE;
  if (segmentDistance(x, y, 0, 0, mx, my) <= s.handHalfWidth) c = WHITE;
  if (r <= s.dot) c = WHITE;
  return c;
}

function render(size) {
  const s = styleFor(size);
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0,
        r = 0,
        g = 0,
        b = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / n) / size) * 2 - 1;
          const c = colourAt(x, y, s);
          if (!c) continue;
          hits++;
          r += c[0];
          g += c[1];
          b += c[2];
        }
      }
      // Average only covered samples for colour (straight alpha), so edges don't darken.
      const o = (py * size + px) * 4;
      if (hits) rgba.set([r / hits, g / hits, b / hits].map(Math.round), o);
      rgba[o + 3] = Math.round((hits / (n * n)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body)); // CRC covers type + data, not the length
  return Buffer.concat([len, body, crc]);
}

function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, adaptive filtering, no interlace
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter type "None" per scanline
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = join(OUT_DIR, `${size}.png`);
  writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${file}`);
}
