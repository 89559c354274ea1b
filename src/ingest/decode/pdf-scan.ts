/**
 * The fast path for the usual scanned page: one upright image painted over the whole page and
 * nothing else. pdf.js has already decoded that image to build the page's operator list, so
 * its pixels are taken as they are, turned to gray and scaled to the OCR resolution here —
 * instead of rendering the page, which redraws the same image through a canvas and cost more
 * than the decode itself (≈0.6 s a page at 150 dpi). Anything else (several images, rotation,
 * masks, text over the image) returns null and the page is rendered.
 */
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Pdfjs['getDocument']>['promise']>['getPage']>>;

/** Decoded image data as pdf.js hands it over (`kind`: 1 = 1 bit gray, 2 = RGB, 3 = RGBA). */
interface PdfImageData {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** Gray value of pixel (x, y) of a decoded pdf.js image, 0–255. */
function grayAt(img: Required<PdfImageData>, x: number, y: number): number {
  const { width, kind, data } = img;
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    return data[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7)) ? 255 : 0;
  }
  const p = (y * width + x) * (kind === 2 ? 3 : 4);
  return (data[p] * 77 + data[p + 1] * 150 + data[p + 2] * 29) >> 8;
}

/**
 * Box-filters a decoded image down (never up) to `targetWidth`, as an 8-bit PGM (P5) that
 * tesseract reads directly. Pure.
 */
export function imageToPgm(img: Required<PdfImageData>, targetWidth: number): Buffer {
  const scale = Math.max(1, img.width / Math.max(1, targetWidth));
  const w = Math.max(1, Math.round(img.width / scale));
  const h = Math.max(1, Math.round(img.height / scale));
  const head = Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(head.length + w * h);
  head.copy(out, 0);
  for (let oy = 0; oy < h; oy++) {
    const y0 = Math.floor(oy * scale);
    const y1 = Math.min(img.height, Math.max(y0 + 1, Math.floor((oy + 1) * scale)));
    for (let ox = 0; ox < w; ox++) {
      const x0 = Math.floor(ox * scale);
      const x1 = Math.min(img.width, Math.max(x0 + 1, Math.floor((ox + 1) * scale)));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += grayAt(img, x, y);
      out[head.length + oy * w + ox] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return out;
}

/**
 * The page's single full-page image as a PGM at `dpi`, or null when the page is anything but
 * one upright image covering it (then the caller renders the page).
 */
export async function fullPageImage(lib: Pdfjs, page: PdfPage, dpi: number): Promise<Buffer | null> {
  if (page.rotate % 360 !== 0) return null;
  const ops = await page.getOperatorList();
  const { OPS } = lib;
  const painters = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObjectGroup,
    OPS.showText,
    OPS.fill,
    OPS.stroke,
    OPS.constructPath,
    OPS.shadingFill,
  ]);
  const painting = ops.fnArray.map((fn, i) => (painters.has(fn) ? i : -1)).filter((i) => i >= 0);
  if (painting.length !== 1 || ops.fnArray[painting[0]] !== OPS.paintImageXObject) return null;
  const at = painting[0];
  // The image is placed by the last transform before it: it must map the unit square onto the page.
  let transform: number[] | null = null;
  for (let i = at - 1; i >= 0 && !transform; i--) if (ops.fnArray[i] === OPS.transform) transform = ops.argsArray[i] as number[];
  const [vx0, vy0, vx1, vy1] = page.view;
  const W = vx1 - vx0;
  const H = vy1 - vy0;
  const near = (a: number, b: number) => Math.abs(a - b) <= 0.02 * Math.max(W, H);
  if (
    !transform ||
    !near(transform[0], W) ||
    !near(transform[3], H) ||
    Math.abs(transform[1]) > 1e-3 ||
    Math.abs(transform[2]) > 1e-3 ||
    !near(transform[4], vx0) ||
    !near(transform[5], vy0)
  )
    return null;
  const id = (ops.argsArray[at] as unknown[])[0] as string;
  const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await new Promise<PdfImageData | null>((resolve) => {
    try {
      objs.get(id, (data: unknown) => resolve(data as PdfImageData));
    } catch {
      resolve(null);
    }
  });
  if (!img?.data || ![1, 2, 3].includes(img.kind ?? 0) || !img.width || !img.height) return null;
  return imageToPgm(img as Required<PdfImageData>, Math.round((W / 72) * dpi));
}
