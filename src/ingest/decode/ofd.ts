/**
 * OFD (GB/T 33190, China's fixed-layout format) → text. An OFD is a zip: `OFD.xml` names the
 * document (`DocBody/DocRoot` → `Doc_0/Document.xml`), which lists the pages
 * (`Pages/Page@BaseLoc` → `Pages/Page_0/Content.xml`), whose layers hold `TextObject`s: a
 * boundary box in millimetres, a font size, and `TextCode`s with a baseline position and the
 * advance of each glyph (`DeltaX`, with `g N v` meaning N advances of v). Producers that
 * convert from PDF often emit one TextObject per glyph, so the text objects are not lines:
 * they are placed as runs and grouped into lines by position like a PDF text layer, then
 * assembled into paragraphs with a page map.
 *
 * No maintained Node parser for OFD exists; this reads the zip with jszip (after the zip
 * guard) and the XML with cheerio in XML mode.
 */
import { AppError } from '../../core/errors.js';
import { loadCheerio } from './html.js';
import type { DomNode } from './html-lines.js';
import { assemblePages, type AssembledText } from './layout.js';
import { groupRunsIntoLines, type LayoutPage, type TextRun } from './layout-lines.js';
import { checkPageCount, checkTextLength, type FormatLimits } from './limits.js';
import type { DecodeProgress } from './ocr-pages.js';
import { guardZip } from './zip-guard.js';

type Zip = import('jszip');

const invalid = (name: string, why: string, cause?: unknown) => new AppError('OFD_INVALID', `${name} could not be read as an OFD document (${why})`, { cause });

/** The local name of an element (`ofd:TextObject` → `TextObject`). */
const local = (n: DomNode) => (n.name ?? '').replace(/^.*:/, '');

/** Depth-first elements under `n` (inclusive) whose local name is `name`. */
function findAll(n: DomNode, name: string, out: DomNode[] = []): DomNode[] {
  if ((n.type === 'tag' || n.type === 'root') && local(n) === name) out.push(n);
  for (const c of n.children ?? []) if (c.type === 'tag' || c.type === 'root') findAll(c, name, out);
  return out;
}

const textOf = (n: DomNode): string => (n.type === 'text' ? (n.data ?? '') : (n.children ?? []).map(textOf).join(''));
const attr = (n: DomNode, key: string): string | undefined => n.attribs?.[key];
const numbers = (s: string | undefined): number[] =>
  (s ?? '')
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

/** Parses an XML part into its root node. */
function parseXml(xml: string): DomNode {
  return loadCheerio().load(xml, { xml: true }).root()[0] as unknown as DomNode;
}

/** Expands a DeltaX/DeltaY list: `g 3 5.6` is three advances of 5.6. */
export function expandDeltas(spec: string | undefined): number[] {
  const t = (spec ?? '').trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === 'g' && i + 2 < t.length) {
      const n = Math.min(Number(t[i + 1]), 100_000);
      for (let k = 0; k < n; k++) out.push(Number(t[i + 2]));
      i += 2;
    } else out.push(Number(t[i]));
  }
  return out.filter(Number.isFinite);
}

/** Resolves a path inside the package relative to `base` (a folder); a leading `/` is the package root. */
export function resolveOfdPath(base: string, ref: string): string {
  const parts = (ref.startsWith('/') ? [] : base.split('/').filter(Boolean)).concat(ref.split('/').filter(Boolean));
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.') out.push(p);
  }
  return out.join('/');
}

const dirOf = (p: string) => p.split('/').slice(0, -1).join('/');

/**
 * The text runs of a page's content: one per TextCode, placed at its boundary origin plus its
 * X/Y, its width the sum of its glyph advances. Rotated or skewed text (stamps) is left out.
 */
export function ofdPageRuns(content: DomNode): TextRun[] {
  const runs: TextRun[] = [];
  for (const obj of findAll(content, 'TextObject')) {
    const [bx = 0, by = 0] = numbers(attr(obj, 'Boundary'));
    const size = Number(attr(obj, 'Size')) || 3.5;
    const ctm = numbers(attr(obj, 'CTM'));
    if (ctm.length === 6 && (Math.abs(ctm[1]) > 1e-3 || Math.abs(ctm[2]) > 1e-3)) continue;
    const sx = ctm.length === 6 ? ctm[0] : 1;
    const sy = ctm.length === 6 ? ctm[3] : 1;
    let lastX = 0;
    let lastY = 0;
    for (const code of findAll(obj, 'TextCode')) {
      const text = textOf(code);
      if (!text) continue;
      // X/Y default to where the previous code of the object left off.
      const x = attr(code, 'X') !== undefined ? Number(attr(code, 'X')) : lastX;
      const y = attr(code, 'Y') !== undefined ? Number(attr(code, 'Y')) : lastY;
      const deltas = expandDeltas(attr(code, 'DeltaX'));
      const glyphs = [...text];
      let width = 0;
      glyphs.forEach((ch, i) => (width += i < glyphs.length - 1 && deltas[i] !== undefined ? deltas[i] : ch.codePointAt(0)! < 0x7f ? size / 2 : size));
      runs.push({ text, x: bx + x * sx, y: by + y * sy, width: width * sx, size: size * sy });
      lastX = x + width;
      lastY = y;
    }
  }
  return runs;
}

/** Reads a part of the package as text, or throws OFD_INVALID naming it. */
async function readPart(zip: Zip, path: string, name: string): Promise<string> {
  const file = zip.file(path) ?? zip.file(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'))[0];
  if (!file) throw invalid(name, `${path} is missing`);
  return file.async('string');
}

/**
 * Extracts the text of an OFD with its page map. Throws OFD_INVALID, FILE_TOO_COMPLEX (zip
 * limits), TOO_MANY_PAGES, TEXT_TOO_LONG, NO_TEXT.
 */
export async function readOfd(bytes: Buffer, name: string, limits: FormatLimits, onProgress?: (progress: DecodeProgress) => void): Promise<AssembledText> {
  // Sizes checked and every entry inflated under its declared cap before jszip sees the bytes.
  guardZip(bytes, name, limits, 'OFD_INVALID');
  const JSZip = (await import('jszip')).default;
  let zip: Zip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (err) {
    throw invalid(name, (err as Error).message, err);
  }
  try {
    const root = parseXml(await readPart(zip, 'OFD.xml', name));
    const docRoot = findAll(root, 'DocRoot')[0];
    if (!docRoot) throw invalid(name, 'OFD.xml names no DocRoot');
    const docPath = resolveOfdPath('', textOf(docRoot).trim());
    const doc = parseXml(await readPart(zip, docPath, name));
    const docDir = dirOf(docPath);
    const defaultBox = numbers(textOf(findAll(findAll(doc, 'CommonData')[0] ?? doc, 'PhysicalBox')[0] ?? doc));
    const pageRefs = findAll(doc, 'Page').filter((p) => attr(p, 'BaseLoc'));
    checkPageCount(name, pageRefs.length, limits);
    const pages: LayoutPage[] = [];
    for (const ref of pageRefs) {
      const content = parseXml(await readPart(zip, resolveOfdPath(docDir, attr(ref, 'BaseLoc')!), name));
      const box = numbers(textOf(findAll(content, 'PhysicalBox')[0] ?? { type: 'text', data: '' }));
      const [, , width = 210, height = 297] = box.length === 4 ? box : defaultBox.length === 4 ? defaultBox : [];
      pages.push({ width, height, lines: groupRunsIntoLines(ofdPageRuns(content)) });
      onProgress?.({ file: name, stage: 'page', page: pages.length, pages: pageRefs.length });
    }
    const assembled = assemblePages(pages);
    checkTextLength(name, assembled.text, limits);
    if (!/[\p{L}\p{N}]/u.test(assembled.text))
      throw new AppError('NO_TEXT', `${name} has no text layer (a scanned OFD); OCR of OFD images is not supported yet`);
    return assembled;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid(name, (err as Error).message, err);
  }
}
