/**
 * From phrase matches to findings. Each parent phrase is one requirement; its counterpart is the
 * child phrase it matched, or the child phrase standing in its place when that is the same
 * requirement reworded (`rewording.ts`), or — for a requirement no pass matched — a reworded one
 * where the child put the rest of its sentence. A pair is compared by `findings-pair.ts`; a rewrite
 * that is NOT the same requirement still reports what it changed when it keeps the parent's action
 * (`建设10个示范区` → `建成绿色矿山`), and is otherwise missing with what stands in its place
 * (`findings-missing.ts`, which also lists what the child may leave out as excluded). Department
 * lists are compared per sentence (`actor-lists.ts`); child phrases no parent phrase explains are
 * `added` (`findings-added.ts`).
 */
import { ownLevel } from './actor-changes.js';
import { compareDepartmentLists } from './actor-lists.js';
import { type PhraseActors, sentenceActors } from './actors.js';
import { exclusionsFor } from './exclusions.js';
import { factsCache } from './facts.js';
import { addAdded } from './findings-added.js';
import { type Excluded, reportMissing } from './findings-missing.js';
import { comparePair, dedupeDeadlines, type PairContext } from './findings-pair.js';
import { referenceYear } from './relative-deadlines.js';
import type { LocalizeContext } from './localize.js';
import type { PhraseMatch } from './match.js';
import { isReworded, keepsAction, rewordedCounterpart } from './rewording.js';
import type { Segmented } from './segment.js';
import { phrasesSide } from './sides.js';
import { type SimilarityMatrix, wcovOf } from './similarity.js';
import type { Finding, FindingKind } from './types.js';

export type { Excluded } from './findings-missing.js';

/** Options of {@link buildFindings}. */
export interface FindingOptions {
  /** A child phrase whose content is at least this much the parent's is never `added`. Default 0.5. */
  addedMaxPrec: number;
  /** Shortest phrase (content characters) reported as missing or added. Default 4. */
  minChars: number;
}

/** Documented defaults of {@link FindingOptions}. */
export const defaultFindingOptions: FindingOptions = { addedMaxPrec: 0.5, minChars: 4 };

/** Per parent sentence: which counts in the summary, and how it fared. */
export interface SentenceStatus {
  sentence: number;
  counted: boolean;
  status: 'covered' | 'weakened' | 'changed' | 'missing' | 'excluded';
  /** For excluded sentences: why the child may leave it out. */
  reason?: string;
}

const RANK: Record<FindingKind, number> = { missing: 4, target_changed: 3, deadline_changed: 3, actor_changed: 3, weakened: 2, added: 0 };
const round = (x: number) => Math.round(x * 1000) / 1000;

/** The actors of every phrase of a segmented document. */
function actorsOf(seg: Segmented): Map<number, PhraseActors> {
  const out = new Map<number, PhraseActors>();
  for (const s of seg.sentences) sentenceActors(s.phrases.map((i) => seg.phrases[i])).forEach((a, k) => out.set(s.phrases[k], a));
  return out;
}

/** Builds the findings, the per-sentence status and the excluded requirements of an alignment. */
export function buildFindings(
  parent: Segmented,
  child: Segmented,
  matches: PhraseMatch[],
  sim: SimilarityMatrix,
  ctx: LocalizeContext,
  options: Partial<FindingOptions> = {},
): { findings: Finding[]; statuses: SentenceStatus[]; excluded: Excluded[] } {
  const opts = { ...defaultFindingOptions, ...options };
  const findings: Finding[] = [];
  const worst = new Map<number, FindingKind>();
  const exclusions = exclusionsFor(child.doc, parent.doc);
  const x: PairContext = {
    parent,
    child,
    ctx,
    pf: factsCache(parent),
    cf: factsCache(child),
    pActors: actorsOf(parent),
    cActors: actorsOf(child),
    own: ownLevel(child.doc.meta.level, child.doc.meta.region.name),
    author: ownLevel(parent.doc.meta.level, parent.doc.meta.region.name),
    exclusions,
    sentenceExcluded: new Map(parent.sentences.map((s) => [s.index, exclusions.placeReason(s.text)])),
    reportedCues: new Set(),
    actorReported: new Set(),
    deadlinesSeen: new Set(),
    years: { parent: referenceYear(parent.doc), child: referenceYear(child.doc) },
    push: (f, sentence) => {
      findings.push(f);
      const cur = worst.get(sentence);
      if (!cur || RANK[f.kind] > RANK[cur]) worst.set(sentence, f.kind);
    },
  };
  const explained = new Set<number>();
  const missing: number[] = [];
  const compared = new Set<number>();
  const qualitative = new Map<number, number>();
  for (const m of matches) {
    const p = parent.phrases[m.parent];
    if (p.boilerplate) continue;
    let j = m.child;
    let rewrite = false;
    if (j === null && m.replacement !== null) {
      j = m.replacement;
      rewrite = !isReworded(p.text, child.phrases[j].text, ctx, wcovOf(sim, m.parent, j));
      if (!rewrite) explained.add(j);
    }
    if (j === null || (rewrite && !keepsAction(p.text, child.phrases[j].text))) {
      // A requirement the child may leave out is not looked for elsewhere.
      const k = exclusions.phraseReason(p.text) ? null : rewordedCounterpart(m.parent, parent, child, matches, sim, ctx);
      if (k !== null && x.pf(m.parent).targets.length) {
        // A count target the child keeps only as a plain task (`持续开展坡耕地水土流失综合治理`): the
        // target is missing and the task weakened — both are reported, the second with what stayed.
        missing.push(m.parent);
        qualitative.set(m.parent, k);
        continue;
      }
      if (k === null) {
        missing.push(m.parent);
        continue;
      }
      [j, rewrite] = [k, false];
      explained.add(k);
    }
    const similarity = round(m.child !== null ? m.score : m.child === null && j === m.replacement ? m.replacementScore : wcovOf(sim, m.parent, j));
    const n = comparePair(x, m.parent, j, { rewrite, reworded: m.child === null, similarity });
    if (rewrite && !n) missing.push(m.parent);
    else compared.add(m.parent);
    if (rewrite && n) explained.add(j);
  }
  for (const l of compareDepartmentLists(parent, child, matches)) {
    if (x.actorReported.has(l.sentence)) continue;
    const m = matches[l.parentPhrase];
    x.push(
      {
        kind: 'actor_changed',
        severity: l.severity,
        parent: phrasesSide(parent, l.parentPhrase, l.parentPhrase),
        child: phrasesSide(child, l.childPhrase, l.childPhrase),
        detail: l.detail,
        similarity: m.child !== null ? round(m.score) : null,
      },
      l.sentence,
    );
  }
  const excluded = reportMissing(x, matches, missing, compared, opts.minChars);
  for (const [i, j] of qualitative) {
    if (
      !findings.some(
        (f) => f.kind === 'missing' && f.parent && f.parent.start <= phrasesSide(parent, i, i).start && phrasesSide(parent, i, i).end <= f.parent.end,
      )
    )
      continue;
    const amounts = x
      .pf(i)
      .targets.map((t) => t.amount.text.replace(/\s+/g, ''))
      .join('、');
    x.push(
      {
        kind: 'weakened',
        severity: 'medium',
        parent: phrasesSide(parent, i, i),
        child: phrasesSide(child, j, j),
        detail: `数量目标“${amounts}”未保留，本级只作定性表述“${child.phrases[j].text}”。`,
        similarity: round(wcovOf(sim, i, j)),
      },
      parent.phrases[i].sentence,
    );
    explained.add(j);
  }
  // What the child wrote in place of a requirement it may leave out (`积极争取上级资金` for `加大省级财政投入`) is its localisation, not new.
  for (const i of missing) if (matches[i].replacement !== null && exclusions.phraseReason(parent.phrases[i].text)) explained.add(matches[i].replacement!);
  addAdded(parent, child, matches, sim, explained, opts, findings);
  const excludedPhrases = new Map(excluded.flatMap((e) => e.phrases.map((i) => [i, e.reason] as [number, string])));
  const statuses = parent.sentences.map((s): SentenceStatus => {
    const own = s.phrases.filter((i) => !parent.phrases[i].boilerplate && !parent.phrases[i].scope);
    const duty = !s.boilerplate && s.duty && own.length > 0;
    const k = worst.get(s.index);
    // Excluded: about another place, or every requirement of it left out for a reason and nothing else found.
    const whole = !k && own.length > 0 && own.every((i) => excludedPhrases.has(i)) ? excludedPhrases.get(own[0]) : undefined;
    const reason = x.sentenceExcluded.get(s.index) ?? whole;
    if (reason) return { sentence: s.index, counted: false, status: 'excluded', reason };
    const status: SentenceStatus['status'] = !k ? 'covered' : k === 'missing' ? 'missing' : k === 'weakened' ? 'weakened' : 'changed';
    return { sentence: s.index, counted: duty, status };
  });
  return { findings: dedupeDeadlines(findings), statuses, excluded };
}
