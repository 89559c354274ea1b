/**
 * TEST ONLY. Hostile inputs, built in memory: zip bombs that tell the truth about their sizes
 * and ones that lie, archives with too many entries, a zip where a .docx's XML should be, files
 * with one enormous line, binary noise, text with lone surrogates, and names too long for a
 * file system. Used by the hostile-input suite (`src/api/hostile.test.ts`) and `npm run fuzz`.
 */
import { deflateRawSync } from 'node:zlib';
import { buildDocx } from './fixtures/docx.js';
import { buildZip, crc32 } from './fixtures/zip.js';
import { corpusPath, CHILD_ID } from './corpus.js';
import { readFileSync } from 'node:fs';

/** One entry of a hand-made zip: its stored bytes and what the headers declare. */
interface RawEntry {
  name: string;
  /** The bytes stored in the archive (already deflated when method is 8). */
  body: Buffer;
  method: 0 | 8;
  /** Declared inflated size and CRC. */
  size: number;
  crc: number;
}

/** Writes a zip whose headers say what the entries declare, true or not. */
function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.body.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.body);
    centrals.push(central, name);
    offset += local.length + name.length + e.body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A deflated run of `bytes` spaces (XML whitespace), built a mebibyte at a time. */
function deflatedSpaces(bytes: number): Buffer {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const parts: Buffer[] = [];
  // deflateRawSync of the whole run at once would allocate it; repeated blocks compress the same.
  const block = deflateRawSync(chunk, { level: 9, finishFlush: 2 /* Z_SYNC_FLUSH */ });
  for (let n = 0; n < Math.floor(bytes / chunk.length); n++) parts.push(block);
  parts.push(deflateRawSync(Buffer.alloc(0), { level: 9 }));
  return Buffer.concat(parts);
}

/**
 * A .docx whose word/document.xml inflates to `mebibytes` MiB of whitespace inside a real
 * paragraph. `lie`: the headers declare a small size, so only an inflater with a hard cap
 * catches it.
 */
export function docxBomb(mebibytes = 256, lie = false): Buffer {
  const head = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>一、总则 水土保持</w:t></w:r></w:p>`;
  const body = Buffer.concat([deflateRawSync(Buffer.from(head), { finishFlush: 2 }), deflatedSpaces(mebibytes << 20)]);
  const size = lie ? 4096 : Buffer.byteLength(head) + (mebibytes << 20);
  const types = Buffer.from(CONTENT_TYPES);
  return writeZip([
    { name: '[Content_Types].xml', body: types, method: 0, size: types.length, crc: crc32(types) },
    { name: 'word/document.xml', body, method: 8, size, crc: 0 },
  ]);
}

/** A .docx with `n` extra (empty) entries: a zip that is cheap to send and costly to list. */
export function docxManyEntries(n = 20_000): Buffer {
  const empty = Buffer.alloc(0);
  const extra: RawEntry[] = Array.from({ length: n }, (_, i) => ({ name: `word/media/e${i}.bin`, body: empty, method: 0, size: 0, crc: 0 }));
  const types = Buffer.from(CONTENT_TYPES);
  const doc = Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>一、总则</w:t></w:r></w:p></w:body></w:document>`);
  return writeZip([
    { name: '[Content_Types].xml', body: types, method: 0, size: types.length, crc: crc32(types) },
    { name: 'word/document.xml', body: doc, method: 0, size: doc.length, crc: crc32(doc) },
    ...extra,
  ]);
}

/** A zip inside a zip: a .docx whose word/document.xml is itself a zip bomb. */
export function docxNestedZip(): Buffer {
  return buildZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: 'word/document.xml', data: docxBomb(16) },
  ]);
}

/** A plain zip archive holding a .docx bomb (no word/ entries of its own). */
export function zipOfBomb(): Buffer {
  return buildZip([{ name: 'inner/plan.docx', data: docxBomb(16) }], true);
}

/** A real county plan with every line break removed and repeated to `bytes` UTF-8 bytes: one enormous line. */
export function oneLineText(bytes: number): Buffer {
  const flat = readFileSync(corpusPath(CHILD_ID), 'utf8').split('\n').slice(8).join('').replace(/\s+/g, '');
  let text = '';
  while (Buffer.byteLength(text) < bytes) text += flat;
  return Buffer.from(text);
}

/** A .docx with one paragraph of `chars` characters (the one-line attack through a container). */
export function docxOneParagraph(chars: number): Buffer {
  return buildDocx([`一、总则${'水土保持工作，'.repeat(Math.ceil(chars / 7))}`]);
}

/** Deterministic binary noise (a fixed LCG, so every run sends the same bytes). */
export function binaryNoise(bytes: number, seed = 7): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * A plan whose text carries lone surrogates as UTF-8 would encode them if it could (CESU-style
 * ED A0 80 … bytes), which no valid UTF-8 decoder accepts.
 */
export function loneSurrogateBytes(): Buffer {
  return Buffer.concat([Buffer.from('一、总则\n县水利局牵头'), Buffer.from([0xed, 0xa0, 0x80, 0xed, 0xbf, 0xbf]), Buffer.from('，每季度报告。\n')]);
}

/** Many short numbered clauses, all alike: the worst case for clause matching. */
export function repeatedClauses(count: number): Buffer {
  const lines: string[] = ['一、重点任务'];
  for (let i = 1; i <= count; i++) lines.push(`（${i}）县水利局牵头，每季度向县政府报告工作进展。`);
  return Buffer.from(`${lines.join('\n')}\n`);
}
