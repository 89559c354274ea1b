/**
 * @napi-rs/canvas, the copy pdf.js loads: an optional dependency of pdfjs-dist, resolved from
 * pdfjs-dist's own folder exactly as pdf.js resolves it, so pages rendered by pdf.js and images
 * scaled here go through one native module, never two.
 */
import { createRequire } from 'node:module';

type Canvas = typeof import('@napi-rs/canvas');
let canvas: Canvas | null | undefined;

/** The canvas module, or null when it is not installed (a platform without a prebuilt binary). */
export function loadPdfCanvas(): Canvas | null {
  if (canvas === undefined) {
    try {
      const pdfjsDir = createRequire(import.meta.url).resolve('pdfjs-dist/package.json');
      canvas = createRequire(pdfjsDir)('@napi-rs/canvas') as Canvas;
    } catch {
      canvas = null;
    }
  }
  return canvas;
}

/**
 * Scales a PNG or JPEG down to `width` pixels wide (keeping its aspect), as PNG. Returns null
 * when the canvas module is unavailable or cannot decode the image (the caller OCRs it as is).
 */
export async function scaleImage(bytes: Buffer, width: number): Promise<Buffer | null> {
  const c = loadPdfCanvas();
  if (!c) return null;
  try {
    const img = await c.loadImage(bytes);
    const height = Math.max(1, Math.round((img.height * width) / img.width));
    const target = c.createCanvas(width, height);
    const g = target.getContext('2d');
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, width, height);
    g.drawImage(img, 0, 0, width, height);
    return target.toBuffer('image/png');
  } catch {
    return null;
  }
}
