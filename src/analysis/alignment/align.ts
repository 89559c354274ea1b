/**
 * `alignDocuments(child, parent)`: obligation alignment of a lower-level plan against the plan
 * it implements. Both plan bodies are segmented into clause-addressed sentences and phrases
 * (boilerplate and the covering notice excluded), localised (全省→全县, region names, 省…厅 →
 * 县…局), scored (bigram coverage + word TF-IDF cosine), matched (in-order anchors, then local,
 * global and rewrite passes) and compared frame by frame. Pure and synchronous.
 */
import type { ParsedDocument } from '../../ingest/types.js';
import { buildFindings, defaultFindingOptions, type FindingOptions, type SentenceStatus } from './findings.js';
import { localizeContext } from './localize.js';
import { defaultMatchOptions, matchPhrases, type MatchOptions } from './match.js';
import { defaultSegmentOptions, segmentDocument, type SegmentOptions, type Segmented } from './segment.js';
import { sideOf } from './sides.js';
import { computeSimilarity } from './similarity.js';
import { FINDING_ORDER } from './kinds.js';
import type { AlignedDocumentInfo, AlignmentReport, AlignmentSummary, ChapterCoverage, Finding } from './types.js';
import type { PhraseMatch } from './match.js';

/** Options of {@link alignDocuments}. */
export interface AlignOptions {
  segment: Partial<SegmentOptions>;
  match: Partial<MatchOptions>;
  findings: Partial<FindingOptions>;
  /** How the parent was chosen (recorded in the report). Default `given`. */
  parentSource: AlignmentReport['parentSource'];
  notes: string[];
  /** Mark a document as read from a path without being indexed. */
  childExternal: boolean;
  parentExternal: boolean;
}

export const defaultAlignOptions: AlignOptions = {
  segment: defaultSegmentOptions,
  match: defaultMatchOptions,
  findings: defaultFindingOptions,
  parentSource: 'given',
  notes: [],
  childExternal: false,
  parentExternal: false,
};

/** Order of finding kinds in a report. */

/** The report header of a document. */
export function documentInfo(doc: ParsedDocument, external: boolean): AlignedDocumentInfo {
  return { id: doc.id, title: doc.meta.title, level: doc.meta.level, region: doc.meta.region.name, external };
}

/** Aligns `child` against `parent`; see the module comment. */
export function alignDocuments(child: ParsedDocument, parent: ParsedDocument, options: Partial<AlignOptions> = {}): AlignmentReport {
  const opts = { ...defaultAlignOptions, ...options };
  const ctx = localizeContext(child, parent);
  const ps = segmentDocument(parent, ctx, opts.segment);
  // The child's opening paragraph may restate the parent's targets: read it, as kept text only.
  const cs = segmentDocument(child, ctx, { ...opts.segment, preamble: options.segment?.preamble ?? true });
  const sim = computeSimilarity(ps.phrases, cs.phrases);
  const matches = matchPhrases(ps, cs, sim, opts.match);
  const maxPrec = new Float32Array(cs.phrases.length);
  for (let i = 0; i < ps.phrases.length; i++)
    for (let j = 0; j < cs.phrases.length; j++) maxPrec[j] = Math.max(maxPrec[j], sim.prec[i * cs.phrases.length + j]);
  const { findings, statuses } = buildFindings(ps, cs, matches, maxPrec, ctx, opts.findings);
  const notes = [...opts.notes];
  if (!ps.phrases.length) notes.push(`上级文件 ${parent.id} 没有可比对的条款正文。`);
  if (!cs.phrases.length) notes.push(`本级文件 ${child.id} 没有可比对的条款正文。`);
  // Key order is the order a reader of `--json` meets them: the two documents, the summary, the findings.
  return {
    child: documentInfo(child, opts.childExternal),
    parent: documentInfo(parent, opts.parentExternal),
    summary: summarize(ps, statuses, findings),
    findings: sortFindings(findings),
    parentSource: opts.parentSource,
    notes,
    pairs: sentencePairs(ps, cs, matches),
  };
}

/** Findings in parent document order (added ones by child order after them), kinds in {@link FINDING_ORDER} within a place. */
export function sortFindings(findings: Finding[]): Finding[] {
  const pos = (f: Finding) => (f.parent ? f.parent.start : Number.MAX_SAFE_INTEGER);
  return [...findings].sort(
    (a, b) => pos(a) - pos(b) || (a.child?.start ?? 0) - (b.child?.start ?? 0) || FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind),
  );
}

/** The summary: parent obligation sentences by outcome, overall and per chapter. */
function summarize(ps: Segmented, statuses: SentenceStatus[], findings: Finding[]): AlignmentSummary {
  const chapters = new Map<string, ChapterCoverage>();
  const total = { obligations: 0, covered: 0, weakened: 0, changed: 0, missing: 0 };
  for (const st of statuses) {
    if (!st.counted) continue;
    const s = ps.sentences[st.sentence];
    const ch = chapters.get(s.chapter) ?? { clause: s.chapter, heading: s.chapterHeading, obligations: 0, covered: 0, weakened: 0, changed: 0, missing: 0 };
    chapters.set(s.chapter, ch);
    for (const t of [ch, total]) {
      t.obligations++;
      t[st.status]++;
    }
  }
  return {
    parentObligations: total.obligations,
    covered: total.covered,
    weakened: total.weakened,
    changed: total.changed,
    missing: total.missing,
    added: findings.filter((f) => f.kind === 'added').length,
    coverage: total.obligations ? Math.round(((total.obligations - total.missing) / total.obligations) * 1000) / 1000 : 0,
    byChapter: [...chapters.values()],
  };
}

/** Sentence pairs for the side-by-side view: each parent sentence with the child sentence most of its phrases matched. */
function sentencePairs(ps: Segmented, cs: Segmented, matches: PhraseMatch[]): AlignmentReport['pairs'] {
  const out: AlignmentReport['pairs'] = [];
  for (const s of ps.sentences) {
    const votes = new Map<number, { n: number; score: number }>();
    for (const i of s.phrases) {
      const m = matches[i];
      if (m.child === null) continue;
      const k = cs.phrases[m.child].sentence;
      const v = votes.get(k) ?? { n: 0, score: 0 };
      votes.set(k, { n: v.n + 1, score: v.score + m.score });
    }
    const best = [...votes].sort((a, b) => b[1].n - a[1].n || b[1].score - a[1].score)[0];
    if (!best) continue;
    const c = cs.sentences[best[0]];
    out.push({
      parent: sideOf(ps, s.index, s.start, s.end),
      child: sideOf(cs, c.index, c.start, c.end),
      similarity: Math.round((best[1].score / s.phrases.length) * 1000) / 1000,
    });
  }
  return out;
}
