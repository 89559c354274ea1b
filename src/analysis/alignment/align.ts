/**
 * `alignDocuments(child, parent)`: obligation alignment of a lower-level plan against the plan
 * it implements. Both plan bodies are segmented into clause-addressed sentences and phrases
 * (boilerplate and the covering notice excluded), localised (全省→全县, region names, 省…厅 →
 * 县…局) and written in canonical words (布置 → 部署, 提升 → 增强), scored (bigram coverage, word
 * TF-IDF cosine and word coverage), matched (in-order anchors, then local, global and rewrite
 * passes) and compared requirement by requirement: force, quantities, deadlines, who carries it.
 * The report lists every parent obligation with its outcome (excluded ones with the reason), the
 * findings ordered by severity, and — for a pair that does not look like parent and child — a
 * warning instead of findings. Pure and synchronous.
 */
import type { ParsedDocument } from '../../ingest/types.js';
import { buildFindings, defaultFindingOptions, type FindingOptions, type SentenceStatus } from './findings.js';
import { localizeContext } from './localize.js';
import { defaultMatchOptions, matchPhrases, type MatchOptions } from './match.js';
import { defaultSegmentOptions, segmentDocument, type SegmentOptions, type Segmented } from './segment.js';
import { sideOf } from './sides.js';
import { computeSimilarity } from './similarity.js';
import { FINDING_ORDER } from './kinds.js';
import type { AlignedDocumentInfo, AlignmentReport, AlignmentSummary, ChapterCoverage, Finding, ObligationOutcome } from './types.js';
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
  /**
   * Below this share of the parent's phrases with a counterpart in the child the two documents do
   * not look like parent and child (an unrelated plan keeps a few percent; a real child, reworded,
   * well over half): the report warns and withholds its findings. Default 0.3.
   */
  minCoverage: number;
  /** Parents with fewer phrases than this are never judged unrelated (a few sentences prove nothing). Default 10. */
  minPhrases: number;
}

/** Documented defaults of {@link AlignOptions}. */
export const defaultAlignOptions: AlignOptions = {
  segment: defaultSegmentOptions,
  match: defaultMatchOptions,
  findings: defaultFindingOptions,
  parentSource: 'given',
  notes: [],
  childExternal: false,
  parentExternal: false,
  minCoverage: 0.3,
  minPhrases: 10,
};

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
  const { findings, statuses, excluded } = buildFindings(ps, cs, matches, sim, ctx, opts.findings);
  const notes = [...opts.notes];
  if (!ps.phrases.length) notes.push(`上级文件 ${parent.id} 没有可比对的条款正文。`);
  if (!cs.phrases.length) notes.push(`本级文件 ${child.id} 没有可比对的条款正文。`);
  const summary = summarize(ps, statuses, findings);
  // How much of the parent the child keeps at all: its phrases with any counterpart (a few sentences prove nothing).
  const own = ps.phrases.filter((p) => !p.boilerplate && !p.scope);
  const kept = own.filter((p) => matches[p.index].child !== null).length / Math.max(1, own.length);
  const related = own.length < opts.minPhrases || kept >= opts.minCoverage;
  if (!related)
    notes.unshift(
      `这两份文件看起来不是上下级关系：上级文件的要求只有 ${Math.round(kept * 100)}% 在本级文件中找到对应，逐条差异（${findings.length} 条）不予列出。请确认选择的上级文件是否正确。`,
    );
  const pairs = sentencePairs(ps, cs, matches);
  // Key order is the order a reader of `--json` meets them: the two documents, the summary, the findings.
  return {
    child: documentInfo(child, opts.childExternal),
    parent: documentInfo(parent, opts.parentExternal),
    summary,
    relation: { related, coverage: Math.round(kept * 1000) / 1000, withheld: related ? 0 : findings.length },
    findings: related ? sortFindings(findings) : [],
    excluded: excluded.map((e) => ({ parent: e.parent, reason: e.reason })),
    obligations: obligationOutcomes(ps, statuses, pairs),
    parentSource: opts.parentSource,
    notes,
    pairs,
  };
}

/** Every parent obligation (a counted or excluded sentence) with its outcome and the child sentence it went to. */
function obligationOutcomes(ps: Segmented, statuses: SentenceStatus[], pairs: AlignmentReport['pairs']): ObligationOutcome[] {
  const byStart = new Map(pairs.map((p) => [p.parent.start, p.child]));
  return statuses
    .filter((st) => st.counted || st.status === 'excluded')
    .map((st) => {
      const s = ps.sentences[st.sentence];
      const parent = sideOf(ps, s.index, s.start, s.end);
      return { parent, status: st.status, reason: st.reason ?? null, child: byStart.get(parent.start) ?? null };
    });
}

const SEVERITY_RANK: Record<Finding['severity'], number> = { high: 0, medium: 1, low: 2 };

/**
 * Findings in the order a reviewer acts on them: by severity (loosened targets and deadlines,
 * dropped prohibitions, moved responsibility first), then in the parent's clause order (added
 * ones, which have no parent side, by the child's order after them), kinds in
 * {@link FINDING_ORDER} within a place.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const pos = (f: Finding) => (f.parent ? f.parent.start : Number.MAX_SAFE_INTEGER);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      pos(a) - pos(b) ||
      (a.child?.start ?? 0) - (b.child?.start ?? 0) ||
      FINDING_ORDER.indexOf(a.kind) - FINDING_ORDER.indexOf(b.kind),
  );
}

/** The summary: parent obligation sentences by outcome, overall and per chapter. */
function summarize(ps: Segmented, statuses: SentenceStatus[], findings: Finding[]): AlignmentSummary {
  const chapters = new Map<string, ChapterCoverage>();
  const total = { obligations: 0, covered: 0, weakened: 0, changed: 0, missing: 0 };
  for (const st of statuses) {
    if (!st.counted || st.status === 'excluded') continue;
    const status = st.status;
    const s = ps.sentences[st.sentence];
    const ch = chapters.get(s.chapter) ?? { clause: s.chapter, heading: s.chapterHeading, obligations: 0, covered: 0, weakened: 0, changed: 0, missing: 0 };
    chapters.set(s.chapter, ch);
    for (const t of [ch, total]) {
      t.obligations++;
      t[status]++;
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
