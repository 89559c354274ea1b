/**
 * `alignForWorkspace`: alignment as the workspace serves it. The child and the parent are ids of
 * indexed documents, or files read WITHOUT adding them to the index (an uploaded `{name, bytes}`,
 * or a path — a string with a path separator, so an API client naming an id can never make the
 * server read a file). Without a parent, the one the child implements is looked up in the index;
 * when it is only cited (absent), the closest sibling implementing the same parent stands in.
 */
import { AppError } from '../core/errors.js';
import { resolveCitations } from '../ingest/citations.js';
import { readDocument, readDocumentFile } from '../ingest/decode.js';
import { parseDocument } from '../ingest/parse.js';
import type { ParsedDocument } from '../ingest/types.js';
import { findParents, findSiblings } from '../analysis/hierarchy.js';
import { alignDocuments, type AlignOptions } from '../analysis/alignment/align.js';
import type { AlignmentReport } from '../analysis/alignment/types.js';
import { withReportPages } from '../analysis/alignment/render-common.js';

/** What the workspace passes: the loaded index (only its documents are read). */
export interface AlignIndex {
  docs: Map<string, ParsedDocument>;
}

/** Options of {@link alignForWorkspace}. */
export interface WorkspaceAlignOptions {
  /** Largest file read from a path or an upload, in bytes. */
  maxFileBytes: number;
  align?: Partial<AlignOptions>;
}

/** A child or parent given by the caller. */
export type AlignInput = string | { name: string; bytes: Buffer };

const isPath = (s: string) => /[\\/]/.test(s);

/** Resolves an id or a file to a parsed document; `external` when it was read rather than taken from the index. */
export async function resolveAlignInput(
  index: AlignIndex,
  input: AlignInput,
  maxFileBytes: number,
  role: 'child' | 'parent',
): Promise<{ doc: ParsedDocument; external: boolean }> {
  if (typeof input !== 'string') {
    const raw = await readDocument({ name: input.name, bytes: input.bytes }, { maxBytes: maxFileBytes });
    return { doc: withCitations(parseDocument(raw), index), external: true };
  }
  const indexed = index.docs.get(input);
  if (indexed) return { doc: indexed, external: false };
  if (isPath(input)) {
    const raw = await readDocumentFile(input, { maxBytes: maxFileBytes });
    return { doc: withCitations(parseDocument(raw), index), external: true };
  }
  throw new AppError('DOC_NOT_FOUND', `No ${role} document with id ${input} in the index (to read a file without indexing it, give a path such as ./${input})`);
}

/** Resolves what a document read from outside cites against the index, without touching the indexed documents. */
function withCitations(doc: ParsedDocument, index: AlignIndex): ParsedDocument {
  // Copies of the indexed documents without citations: resolveCitations mutates what it is given.
  const others = [...index.docs.values()].filter((d) => d.id !== doc.id).map((d) => ({ ...d, meta: { ...d.meta, citations: [] } }));
  resolveCitations([doc, ...others]);
  for (const c of doc.meta.citations) if (c.foundId === doc.id) c.foundId = null;
  return doc;
}

const label = (d: ParsedDocument) => d.meta.title ?? d.id;
const levelRank = (l: string) => (l === '省' ? 3 : l === '市' ? 2 : 1);

/** Picks the parent of `child` among the indexed documents, with how it was chosen and notes for the reader. */
export function chooseParent(index: AlignIndex, child: ParsedDocument): { parent: ParsedDocument; source: AlignmentReport['parentSource']; notes: string[] } {
  const others = [...index.docs.values()].filter((d) => d.id !== child.id);
  const { found, absent } = findParents(child, others);
  const rank = { docNumber: 0, title: 1, similarity: 2 } as const;
  const best = [...found].sort((a, b) => rank[a.via] - rank[b.via])[0];
  if (best && index.docs.has(best.id)) {
    const parent = index.docs.get(best.id)!;
    const how = best.via === 'docNumber' ? '按文号' : best.via === 'title' ? '按标题' : '按标题相似（同一方案的上级版本）';
    return { parent, source: 'index', notes: [`上级文件在库中找到：${label(parent)}（${how}）。`] };
  }
  const cited = absent.map((a) => a.docNumber ?? (a.title ? `《${a.title}》` : null)).filter((x): x is string => !!x);
  if (cited.length) {
    // A sibling is a document of the same level implementing the same parent, never one that implements the child itself.
    const sibling = findSiblings(child, others).find((x) => {
      const d = index.docs.get(x.id);
      if (!d) return false;
      if (child.meta.level && d.meta.level && levelRank(d.meta.level) !== levelRank(child.meta.level)) return false;
      return !findParents(d, [child]).found.some((f) => f.id === child.id);
    });
    if (sibling) {
      const parent = index.docs.get(sibling.id)!;
      return {
        parent,
        source: 'sibling',
        notes: [
          `本文件落实的上级文件 ${cited.join('、')} 未入库，无法直接比对。`,
          `改用同样落实 ${sibling.shared.join('、')} 的同级文件“${label(parent)}”作为参照：“未落实”表示该文件有而本文件没有的要求，不一定是上级文件的要求。`,
        ],
      };
    }
    throw new AppError(
      'PARENT_NOT_FOUND',
      `The parent document(s) ${cited.join(', ')} cited by ${child.id} are not in the index, and no other indexed document implements them; ingest the parent or pass --parent`,
    );
  }
  throw new AppError('PARENT_NOT_FOUND', `${child.id} cites no parent document and none was found in the index by title; pass the parent explicitly`);
}

/**
 * Aligns a child against its parent for the workspace (see the module comment). A document
 * against itself is a legitimate check (the aligner must find nothing) and is aligned, with a
 * note. Throws DOC_NOT_FOUND (unknown id), FILE_NOT_FOUND (missing path), PARENT_NOT_FOUND, and
 * the decoding errors of a file read.
 */
export async function alignForWorkspace(
  index: AlignIndex,
  child: AlignInput,
  parent: string | undefined,
  options: WorkspaceAlignOptions,
): Promise<AlignmentReport> {
  const c = await resolveAlignInput(index, child, options.maxFileBytes, 'child');
  let p: { doc: ParsedDocument; external: boolean };
  let source: AlignmentReport['parentSource'] = 'given';
  let notes: string[] = [];
  if (parent !== undefined && parent !== '') {
    p = await resolveAlignInput(index, parent, options.maxFileBytes, 'parent');
  } else {
    const chosen = chooseParent(index, c.doc);
    p = { doc: chosen.parent, external: false };
    source = chosen.source;
    notes = chosen.notes;
  }
  if (!c.external && !p.external && c.doc.id === p.doc.id) notes.push(`本级文件与上级文件是同一份文件（${c.doc.id}），用于自检：应无任何差异。`);
  if (c.external) notes.push(`本级文件 ${c.doc.id} 从文件读取，未加入索引。`);
  const report = alignDocuments(c.doc, p.doc, {
    ...options.align,
    parentSource: source,
    notes: [...(options.align?.notes ?? []), ...notes],
    childExternal: c.external,
    parentExternal: p.external,
  });
  // Quotes of a PDF, OFD or scan carry their page, so every report can say 第N页.
  return withReportPages(report, c.doc.raw, p.doc.raw);
}
