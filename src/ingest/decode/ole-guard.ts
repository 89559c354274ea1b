/**
 * Checks an OLE2 compound file (legacy .doc, .xls, .wps) before any parser reads it. The
 * format is a little file system: a FAT chains sectors into streams, a directory names them.
 * word-extractor follows chains without loop detection beyond a sector pointing at itself, so
 * a crafted file whose chain runs A → B → A makes it allocate until the process dies. Every
 * chain is followed here once, with a visited set, and the directory tree walked the same way;
 * a file that fails is refused with the reader's code instead of parsed.
 */
import { AppError, type ErrorCode } from '../../core/errors.js';

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const NO_STREAM = 0xffffffff;

/** What the checked file holds: the names of its streams and storages (e.g. `WordDocument`, `Workbook`). */
export interface OleInfo {
  names: string[];
}

/**
 * Validates the compound file's structure: header, FAT (through the DIFAT), every chain and
 * the directory tree. Throws `code` (DOC_INVALID, CONVERSION_FAILED) on anything malformed.
 */
export function checkOleFile(b: Buffer, name: string, code: Extract<ErrorCode, 'DOC_INVALID' | 'CONVERSION_FAILED'>): OleInfo {
  try {
    return walkOleFile(b, name, code);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A field pointing past the end of the buffer.
    throw new AppError(code, `${name} is not a readable Word/WPS/Excel 97 file (${(err as Error).message})`);
  }
}

function walkOleFile(b: Buffer, name: string, code: Extract<ErrorCode, 'DOC_INVALID' | 'CONVERSION_FAILED'>): OleInfo {
  const fail = (why: string): never => {
    throw new AppError(code, `${name} is not a readable Word/WPS/Excel 97 file (${why})`);
  };
  if (b.length < 512 || !b.subarray(0, 8).equals(SIGNATURE)) fail('no compound-file header');
  const shift = b.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) fail(`sector size 2^${shift}`);
  const secSize = 1 << shift;
  const miniShift = b.readUInt16LE(0x20);
  if (miniShift !== 6) fail(`mini sector size 2^${miniShift}`);
  const sectors = Math.floor((b.length - secSize) / secSize);
  const offsetOf = (s: number) => (s + 1) * secSize;
  const inRange = (s: number) => s < sectors && offsetOf(s) + secSize <= b.length;

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatCount = b.readUInt32LE(0x2c);
  if (fatCount > sectors) fail('more FAT sectors than the file holds');
  const fatSectors: number[] = [];
  for (let i = 0; i < Math.min(fatCount, 109); i++) fatSectors.push(b.readUInt32LE(0x4c + i * 4));
  let difat = b.readUInt32LE(0x44);
  const seenDifat = new Set<number>();
  while (fatSectors.length < fatCount && difat !== END_OF_CHAIN && difat !== FREE) {
    if (!inRange(difat) || seenDifat.has(difat)) fail('damaged DIFAT chain');
    seenDifat.add(difat);
    const per = secSize / 4 - 1;
    for (let i = 0; i < per && fatSectors.length < fatCount; i++) fatSectors.push(b.readUInt32LE(offsetOf(difat) + i * 4));
    difat = b.readUInt32LE(offsetOf(difat) + per * 4);
  }
  if (fatSectors.length < fatCount) fail('FAT incomplete');
  const fat: number[] = [];
  for (const s of fatSectors) {
    if (!inRange(s)) fail('FAT sector out of range');
    for (let i = 0; i < secSize / 4; i++) fat.push(b.readUInt32LE(offsetOf(s) + i * 4));
  }

  /** Follows a chain in `table` from `start`; fails on a loop, a free link or an out-of-range sector. */
  const chain = (table: number[], start: number, limit: number, what: string): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== END_OF_CHAIN; s = table[s]) {
      if (s === FREE || s >= limit || s >= table.length || seen.has(s)) fail(`damaged ${what} chain`);
      seen.add(s);
      out.push(s);
    }
    return out;
  };

  const dirSectors = chain(fat, b.readUInt32LE(0x30), sectors, 'directory');
  const entries: { name: string; type: number; left: number; right: number; child: number; start: number; size: number }[] = [];
  for (const s of dirSectors) {
    for (let o = offsetOf(s); o < offsetOf(s) + secSize; o += 128) {
      const nameLen = Math.min(64, b.readUInt16LE(o + 64));
      entries.push({
        name: b.toString('utf16le', o, o + Math.max(0, nameLen - 2)),
        type: b[o + 66],
        left: b.readUInt32LE(o + 68),
        right: b.readUInt32LE(o + 72),
        child: b.readUInt32LE(o + 76),
        start: b.readUInt32LE(o + 116),
        size: b.readUInt32LE(o + 120),
      });
    }
  }
  if (!entries.length || entries[0].type !== 5) fail('no root entry');

  // The directory is a tree of red-black sibling trees: every entry reached at most once.
  const reached = new Set<number>([0]);
  const stack = [entries[0].child];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === NO_STREAM) continue;
    if (id >= entries.length || reached.has(id)) fail('damaged directory tree');
    reached.add(id);
    stack.push(entries[id].left, entries[id].right, entries[id].child);
  }

  const cutoff = b.readUInt32LE(0x38);
  const root = entries[0];
  const miniStream = root.start === END_OF_CHAIN ? [] : chain(fat, root.start, sectors, 'mini stream');
  const miniFat: number[] = [];
  const miniFatStart = b.readUInt32LE(0x3c);
  if (miniFatStart !== END_OF_CHAIN && miniFatStart !== FREE) {
    for (const s of chain(fat, miniFatStart, sectors, 'mini FAT')) for (let i = 0; i < secSize / 4; i++) miniFat.push(b.readUInt32LE(offsetOf(s) + i * 4));
  }
  const miniSectors = (miniStream.length * secSize) >> miniShift;
  for (const id of reached) {
    const e = entries[id];
    if (id === 0 || e.type !== 2 || e.size === 0) continue;
    if (e.size < cutoff) chain(miniFat, e.start, miniSectors, `${e.name} (mini)`);
    else chain(fat, e.start, sectors, e.name);
  }
  return { names: [...reached].map((id) => entries[id].name) };
}
