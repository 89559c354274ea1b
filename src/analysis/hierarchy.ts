/**
 * Document hierarchy: which documents a plan implements (its parents), found from what it
 * cites in its covering notice and preamble (《title》 and 文号) and from title similarity
 * (宁武县加强新时代水土保持工作实施方案 ↔ 山西省加强新时代水土保持工作实施方案), and its
 * siblings (documents implementing the same parent).
 */
import { normalizeTitle } from '../ingest/citations.js';
import type { AdminLevel, CitedDocument, ParsedDocument } from '../ingest/types.js';

export interface ParentLink {
  id: string;
  title: string | null;
  via: 'docNumber' | 'title' | 'similarity';
}

export interface AbsentParent {
  title: string | null;
  docNumber: string | null;
}

export interface Parents {
  found: ParentLink[];
  absent: AbsentParent[];
}

const LEVEL_RANK: Record<AdminLevel, number> = { 省: 3, 市: 2, 县: 1, 区: 1 };

/** Citations that state what the document implements: those in the notice and preamble, before the first clause. */
export function basisCitations(doc: ParsedDocument): CitedDocument[] {
  const firstClause = doc.sections.length ? doc.sections[0].start : doc.clean.text.length;
  const basisSection = doc.sections.find((s) => /依据|背景/.test(s.heading));
  return doc.meta.citations.filter((c) => c.start < firstClause || (basisSection && c.start >= basisSection.start && c.start < basisSection.end));
}

/** A title with its region names removed: what two levels' versions of one plan share. */
export function genericTitle(doc: ParsedDocument): string | null {
  const title = doc.meta.title;
  if (!title) return null;
  let t = normalizeTitle(title);
  const names = [doc.meta.region.province, doc.meta.region.city, doc.meta.region.county, doc.meta.region.name].filter(Boolean) as string[];
  for (const n of names.sort((a, b) => b.length - a.length)) t = t.split(n).join('');
  return t.replace(/^(全省|全市|全县|全区|我省|我市|我县|我区)/, '').replace(/^(贯彻落实|关于)/, '');
}

function citationKey(c: CitedDocument): string {
  return c.docNumber?.normalized ?? c.docNumber?.raw ?? normalizeTitle(c.title ?? '');
}

/** Parents of `doc` among `all`: found in the index, and cited but absent. */
export function findParents(doc: ParsedDocument, all: Iterable<ParsedDocument>): Parents {
  const docs = [...all];
  const byId = new Map(docs.map((d) => [d.id, d]));
  const found: ParentLink[] = [];
  const absent: AbsentParent[] = [];
  const seen = new Set<string>();
  for (const c of basisCitations(doc)) {
    if (c.foundId && byId.has(c.foundId)) {
      if (!found.some((f) => f.id === c.foundId)) {
        found.push({ id: c.foundId, title: byId.get(c.foundId)!.meta.title, via: c.docNumber?.normalized ? 'docNumber' : 'title' });
      }
      continue;
    }
    const key = citationKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    absent.push({ title: c.title, docNumber: c.docNumber?.normalized ?? c.docNumber?.raw ?? null });
  }
  // Title similarity: the same plan one level up.
  const mine = genericTitle(doc);
  const myRank = doc.meta.level ? LEVEL_RANK[doc.meta.level] : 0;
  if (mine) {
    for (const other of docs) {
      if (other.id === doc.id || found.some((f) => f.id === other.id)) continue;
      const rank = other.meta.level ? LEVEL_RANK[other.meta.level] : 0;
      if (rank <= myRank) continue;
      if (genericTitle(other) === mine) found.push({ id: other.id, title: other.meta.title, via: 'similarity' });
    }
  }
  return { found, absent };
}

/**
 * Siblings: other documents implementing one of the same parents (found or absent), closest
 * first (shared parents, then title similarity).
 */
export function findSiblings(doc: ParsedDocument, all: Iterable<ParsedDocument>): { id: string; title: string | null; shared: string[] }[] {
  const docs = [...all];
  const keys = (d: ParsedDocument) => new Set(basisCitations(d).map(citationKey).filter(Boolean));
  const mine = keys(doc);
  const out: { id: string; title: string | null; shared: string[] }[] = [];
  for (const other of docs) {
    if (other.id === doc.id) continue;
    const shared = [...keys(other)].filter((k) => mine.has(k));
    if (shared.length) out.push({ id: other.id, title: other.meta.title, shared });
  }
  return out.sort((a, b) => b.shared.length - a.shared.length);
}
