#!/usr/bin/env node
// Draws the app icon (a white "sync" ring on a green rounded square) with no image library and writes
// build/icon.png (1024 px), build/icon.ico (Windows: 16–256 px) and build/icon.icns (macOS: 16–1024 px).
// Run `node build/make-icons.mjs` after changing the drawing; the outputs are checked in.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const TOP = [22, 160, 133];
const BOTTOM = [14, 102, 85];
const WHITE = [255, 255, 255];
const SS = 4; // supersamples per axis

/** Colour of the point (u, v) of the unit square, or null where the icon is transparent. */
function shade(u, v) {
  // Rounded square inside the macOS icon grid (824/1024 of the canvas).
  const m = 100 / 1024;
  const r = 185 / 1024;
  const x = Math.min(Math.max(u, m + r), 1 - m - r);
  const y = Math.min(Math.max(v, m + r), 1 - m - r);
  if ((u - x) ** 2 + (v - y) ** 2 > r * r) return null;
  const t = (v - m) / (1 - 2 * m);
  const bg = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  return onRing(u - 0.5, v - 0.5) ? WHITE : bg;
}

/** Two arcs of a ring, each ending in an arrowhead pointing clockwise: the universal "sync" sign. */
function onRing(dx, dy) {
  const rOut = 0.29;
  const rIn = 0.22;
  const rad = Math.hypot(dx, dy);
  let deg = (Math.atan2(dy, dx) * 180) / Math.PI;
  if (deg < 0) deg += 360;
  const inArc = (a, b) => deg >= a && deg <= b;
  if (rad >= rIn && rad <= rOut && (inArc(200, 330) || inArc(20, 150))) return true;
  return arrowHead(dx, dy, 330, rIn, rOut) || arrowHead(dx, dy, 150, rIn, rOut);
}

function arrowHead(px, py, endDeg, rIn, rOut) {
  const p = (r, deg) => [r * Math.cos((deg * Math.PI) / 180), r * Math.sin((deg * Math.PI) / 180)];
  const a = p(rIn - 0.06, endDeg);
  const b = p(rOut + 0.06, endDeg);
  const c = p((rIn + rOut) / 2, endDeg + 30);
  const side = (p1, p2) => (px - p2[0]) * (p1[1] - p2[1]) - (p1[0] - p2[0]) * (py - p2[1]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

/** RGBA pixels of the icon at `size` × `size`, anti-aliased by supersampling. */
export function renderRgba(size) {
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = shade((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size);
          if (!c) continue;
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
          acc[3] += 1;
        }
      }
      const o = (y * size + x) * 4;
      if (acc[3] > 0) {
        px[o] = Math.round(acc[0] / acc[3]);
        px[o + 1] = Math.round(acc[1] / acc[3]);
        px[o + 2] = Math.round(acc[2] / acc[3]);
      }
      px[o + 3] = Math.round((acc[3] / (SS * SS)) * 255);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG file (RGBA, 8 bits per channel) of the icon at `size`. */
export function encodePng(size) {
  const rgba = renderRgba(size);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A Windows .ico holding PNG images (allowed since Vista). */
export function encodeIco(pngs) {
  const head = Buffer.alloc(6 + 16 * pngs.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(pngs.length, 4);
  let offset = head.length;
  pngs.forEach(({ size, png }, i) => {
    const e = 6 + i * 16;
    head[e] = size >= 256 ? 0 : size;
    head[e + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, e + 4);
    head.writeUInt16LE(32, e + 6);
    head.writeUInt32LE(png.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([head, ...pngs.map((p) => p.png)]);
}

/** A macOS .icns holding PNG images under their OSType codes. */
export function encodeIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

function main() {
  const dir = path.dirname(fileURLToPath(import.meta.url));
  const png = new Map([16, 32, 48, 64, 128, 256, 512, 1024].map((s) => [s, encodePng(s)]));
  fs.writeFileSync(path.join(dir, 'icon.png'), png.get(1024));
  fs.writeFileSync(path.join(dir, 'icon.ico'), encodeIco([16, 32, 48, 64, 128, 256].map((size) => ({ size, png: png.get(size) }))));
  const icns = [['icp4', 16], ['icp5', 32], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024], ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];
  fs.writeFileSync(path.join(dir, 'icon.icns'), encodeIcns(icns.map(([type, size]) => ({ type, png: png.get(size) }))));
  process.stdout.write('wrote build/icon.png, build/icon.ico, build/icon.icns\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
