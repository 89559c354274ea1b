/**
 * Resolving what a document cites to the documents in the index: by 文号 first (exact after
 * normalisation), then by title (ignoring quotes, brackets and the 关于印发…的通知 wrapper).
 */
import type { CitedDocument, ParsedDocument } from './types.js';

/** Strips punctuation, quotes and the covering-notice wrapper so titles compare by substance. */
export function normalizeTitle(title: string): string {
  let t = title.normalize('NFKC').replace(/[\s"“”'‘’《》<>〈〉「」()（）[\]【】·、,，.。:：]/g, '');
  const m = /关于印发(.+?)的通知$/.exec(t);
  if (m) t = m[1];
  return t;
}

function docNumberKey(n: CitedDocument['docNumber']): string | null {
  if (!n) return null;
  if (n.normalized) return n.normalized;
  if (n.prefix && n.year && n.serial) return `${n.prefix}〔${n.year}〕${n.serial}号`;
  return null;
}

/**
 * Fills `foundId` on every citation of every document: the id of the indexed document it
 * names, or null when that document is not in the index. Mutates and returns `docs`.
 */
export function resolveCitations(docs: ParsedDocument[]): ParsedDocument[] {
  const byNumber = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const d of docs) {
    const key = docNumberKey(d.meta.docNumber);
    if (key) byNumber.set(key, d.id);
    for (const t of [d.meta.title, d.meta.noticeTitle]) if (t) byTitle.set(normalizeTitle(t), d.id);
  }
  for (const d of docs) {
    for (const c of d.meta.citations) {
      const key = docNumberKey(c.docNumber);
      let found = key ? byNumber.get(key) : undefined;
      if (!found && c.title) found = byTitle.get(normalizeTitle(c.title));
      c.foundId = found && found !== d.id ? found : null;
    }
  }
  return docs;
}
