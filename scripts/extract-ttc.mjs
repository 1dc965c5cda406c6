#!/usr/bin/env node
// Extracts one face of a TrueType collection (.ttc) into a standalone .ttf.
// pdf-lib + fontkit can subset a .ttf but not a .ttc, so the portal ships face 0 of
// WenQuanYi Micro Hei (Debian fonts-wqy-microhei, Apache-2.0) as assets/fonts/wqy-microhei.ttf.
//
//   node scripts/extract-ttc.mjs /usr/share/fonts/truetype/wqy/wqy-microhei.ttc assets/fonts/wqy-microhei.ttf [face]
//
// A .ttc is a header ('ttcf', version, numFonts, offsets[]) followed by per-face table
// directories whose table offsets point anywhere in the collection (tables may be shared).
// A .ttf is one table directory followed by its tables, so we copy each table of the chosen
// face and rewrite the offsets. Table data is unchanged, so the table checksums stay valid;
// only head.checkSumAdjustment (a checksum of the whole file) is recomputed.
import fs from 'node:fs';

function checksum(buf) {
  let sum = 0;
  const padded = buf.length % 4 === 0 ? buf : Buffer.concat([buf, Buffer.alloc(4 - (buf.length % 4))]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function readFace(ttc, face) {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error('not a TrueType collection (no ttcf tag)');
  const numFonts = ttc.readUInt32BE(8);
  if (face < 0 || face >= numFonts) throw new Error(`face ${face} out of range: the collection has ${numFonts}`);
  const dir = ttc.readUInt32BE(12 + 4 * face);
  const numTables = ttc.readUInt16BE(dir + 4);
  const tables = [];
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + 16 * i;
    tables.push({
      tag: ttc.toString('latin1', rec, rec + 4),
      checksum: ttc.readUInt32BE(rec + 4),
      data: ttc.subarray(ttc.readUInt32BE(rec + 8), ttc.readUInt32BE(rec + 8) + ttc.readUInt32BE(rec + 12)),
    });
  }
  return { sfntVersion: ttc.readUInt32BE(dir), tables };
}

function writeTtf({ sfntVersion, tables }) {
  const n = tables.length;
  const maxPow2 = 2 ** Math.floor(Math.log2(n));
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(sfntVersion, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(maxPow2 * 16, 6); // searchRange
  header.writeUInt16BE(Math.log2(maxPow2), 8); // entrySelector
  header.writeUInt16BE(n * 16 - maxPow2 * 16, 10); // rangeShift
  // Table records must be sorted by tag; data is 4-byte aligned.
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const chunks = [header];
  let offset = header.length;
  let headOffset = -1;
  sorted.forEach((t, i) => {
    const rec = 12 + 16 * i;
    header.write(t.tag, rec, 4, 'latin1');
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    if (t.tag === 'head') headOffset = offset;
    const pad = (4 - (t.data.length % 4)) % 4;
    chunks.push(Buffer.from(t.data), Buffer.alloc(pad));
    offset += t.data.length + pad;
  });
  const out = Buffer.concat(chunks);
  if (headOffset >= 0) {
    out.writeUInt32BE(0, headOffset + 8);
    out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8);
  }
  return out;
}

const [input, output, faceArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/extract-ttc.mjs <in.ttc> <out.ttf> [face=0]');
  process.exit(2);
}
const ttf = writeTtf(readFace(fs.readFileSync(input), Number(faceArg ?? 0)));
fs.writeFileSync(output, ttf);
console.log(`wrote ${output} (${ttf.length} bytes)`);
