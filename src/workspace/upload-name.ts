/**
 * Document ids of uploads: a client's file name made safe to store and to use in a URL. The
 * name is NFC-normalised (the same name typed on two systems gives the same id), stripped of
 * any path, reduced to letters, digits, `.`, `_` and `-`, and cut to {@link MAX_ID_BYTES} bytes
 * of UTF-8 with its extension kept — file systems limit a name to 255 bytes, and an
 * 80-character Chinese name is already 240.
 */
import { basename, extname } from 'node:path';

/** Longest document id of an upload, in UTF-8 bytes (under the 255-byte file-name limit, with room to spare). */
export const MAX_ID_BYTES = 200;

/** The longest prefix of `s` that fits in `maxBytes` bytes of UTF-8, never splitting a character. */
export function truncateUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > maxBytes) break;
    bytes += n;
    out += ch;
  }
  return out;
}

/**
 * A safe document id from a client's file name, with extension `ext` (e.g. `.txt`, the
 * sniffed type) or the name's own when `ext` is not given; `fallbackStem` when nothing of the
 * name is left.
 */
export function normaliseDocId(clientName: string, ext?: string, fallbackStem = 'upload'): string {
  const base = basename((clientName ?? '').normalize('NFC').replace(/\\/g, '/'));
  const ownExt = extname(base);
  const finalExt = (ext ?? ownExt)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 10);
  const stem = base
    .slice(0, base.length - ownExt.length)
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+/, '');
  const kept = truncateUtf8(stem || fallbackStem, MAX_ID_BYTES - Buffer.byteLength(finalExt));
  return `${kept || fallbackStem}${finalExt}`;
}
