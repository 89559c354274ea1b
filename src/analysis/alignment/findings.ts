/**
 * From phrase matches to findings. A matched pair is compared frame by frame (modality,
 * quantities, timing, list members); a parent sentence's departments are compared with the
 * child sentences its phrases went to; runs of unmatched parent phrases of one sentence are
 * one `missing` finding; runs of child phrases no parent phrase explains are one `added`.
 * Boilerplate, scope openers (`以…为重点`) and clauses about another place of the province
 * (右玉县, 太德塬) never produce `missing`.
 */
import { compareModality, compareQuantities, compareTiming, phraseFacts, type PhraseFacts } from './compare.js';
import { droppedItems } from './items.js';
import { coreOrgName, foreignPlaceNames, namesForeignPlace, type LocalizeContext } from './localize.js';
import { lcsLength } from './lcs.js';
import type { PhraseMatch } from './match.js';
import type { AlignSentence, Segmented } from './segment.js';
import { findDecomposition, phrasesSide, sideOf } from './sides.js';
import type { Finding, FindingKind, Severity } from './types.js';

/** Options of {@link buildFindings}. */
export interface FindingOptions {
  /** A child phrase whose content is at least this much the parent's is never `added`. Default 0.5. */
  addedMaxPrec: number;
  /** Shortest phrase (content characters) reported as missing or added. Default 4. */
  minChars: number;
}

export const defaultFindingOptions: FindingOptions = { addedMaxPrec: 0.5, minChars: 4 };

/** Per parent sentence: which counts in the summary, and how it fared. */
export interface SentenceStatus {
  sentence: number;
  counted: boolean;
  status: 'covered' | 'weakened' | 'changed' | 'missing';
}

const contentLength = (t: string) => t.replace(/[^\p{L}\p{N}]/gu, '').length;
const RANK: Record<FindingKind, number> = { missing: 4, target_changed: 3, deadline_changed: 3, actor_changed: 3, weakened: 2, added: 0 };

/** Builds the findings and the per-sentence status of an alignment. */
export function buildFindings(
  parent: Segmented,
  child: Segmented,
  matches: PhraseMatch[],
  maxPrec: Float32Array,
  ctx: LocalizeContext,
  options: Partial<FindingOptions> = {},
): { findings: Finding[]; statuses: SentenceStatus[] } {
  const opts = { ...defaultFindingOptions, ...options };
  const findings: Finding[] = [];
  const worst = new Map<number, FindingKind>();
  const note = (sentence: number, kind: FindingKind) => {
    const cur = worst.get(sentence);
    if (!cur || RANK[kind] > RANK[cur]) worst.set(sentence, kind);
  };
  const pFacts = new Map<number, PhraseFacts>();
  const cFacts = new Map<number, PhraseFacts>();
  const pf = (i: number) => pFacts.get(i) ?? (pFacts.set(i, phraseFacts(parent, parent.phrases[i])), pFacts.get(i)!);
  const cf = (j: number) => cFacts.get(j) ?? (cFacts.set(j, phraseFacts(child, child.phrases[j])), cFacts.get(j)!);
  const foreign = foreignPlaceNames(child.doc, parent.doc);
  const childText = child.doc.clean.text;
  const notApplicable = new Set(parent.sentences.filter((s) => namesForeignPlace(s.text, foreign, childText)).map((s) => s.index));
  const explained = new Set<number>();
  const missing: number[] = [];

  const push = (f: Finding, sentence: number) => {
    findings.push(f);
    note(sentence, f.kind);
  };
  for (const m of matches) {
    const p = parent.phrases[m.parent];
    const sentence = parent.sentences[p.sentence];
    if (p.boilerplate) continue;
    const j = m.child ?? m.replacement;
    if (j === null) {
      missing.push(m.parent);
      continue;
    }
    const c = child.phrases[j];
    const rewrite = m.child === null;
    const similarity = round(rewrite ? m.replacementScore : m.score);
    const pSide = phrasesSide(parent, m.parent, m.parent);
    const cSide = phrasesSide(child, j, j);
    const before = findings.length;
    for (const q of compareQuantities(pf(m.parent), c, cf(j), ctx)) {
      const decomposition = q.target ? findDecomposition(parent.doc, child.doc, q.target) : null;
      const dir = q.direction === 'higher' ? '提高' : q.direction === 'lower' ? '降低' : '改变';
      const detail =
        q.kind === 'weakened'
          ? `删去了数量要求“${q.parentValue}”${q.metric ? `（${q.metric}）` : ''}，只保留定性表述。`
          : `${q.metric || '指标'}：${q.parentValue} → ${q.replacedBy ? `本级未设同一数量指标，改为“${q.replacedBy}”` : `${q.childValue}（${dir}）`}${decomposition ? `；上级文件分解给${decomposition.region}的${decomposition.year}年目标为${decomposition.value}（${decomposition.clause}）` : ''}。`;
      const lower = q.direction === 'lower' && q.target?.op !== '<=';
      const severity: Severity = q.kind === 'weakened' ? 'medium' : lower || q.direction === 'different' ? 'high' : 'medium';
      push(
        {
          kind: q.kind,
          severity,
          parent: pSide,
          child: cSide,
          detail,
          similarity,
          ...(q.kind === 'target_changed'
            ? { target: { metric: q.metric, parentValue: q.parentValue, childValue: q.childValue, direction: q.direction, decomposition } }
            : {}),
        },
        p.sentence,
      );
    }
    const w = compareModality(p, pf(m.parent), c, cf(j), sentence.text, child.sentences[c.sentence].text, rewrite);
    if (w) {
      const severity: Severity = w.kind === 'intensifier' ? 'low' : w.levels[0] - w.levels[1] >= 2 ? 'high' : 'medium';
      const detail =
        w.kind === 'intensifier'
          ? `删去了“${w.from}”，要求力度减弱。`
          : w.kind === 'verb'
            ? `删去了动作“${w.from}”，不再要求这样做。`
            : `约束性表述由“${w.from}”变为“${w.to}”。`;
      push({ kind: 'weakened', severity, parent: pSide, child: cSide, detail, similarity }, p.sentence);
    }
    for (const t of compareTiming(pf(m.parent), sentence, c, child.sentences[c.sentence], ctx)) {
      const detail =
        t.change === 'moved'
          ? `时限由“${t.parent}”改为“${t.child}”。`
          : t.change === 'cycle'
            ? `频次由“${t.parent}”改为“${t.child}”。`
            : `删去了时间要求“${t.parent}”。`;
      push({ kind: 'deadline_changed', severity: t.change === 'moved' ? 'medium' : 'high', parent: pSide, child: cSide, detail, similarity }, p.sentence);
    }
    if (rewrite) {
      if (findings.length > before) explained.add(j);
      else missing.push(m.parent);
      continue;
    }
    if (notApplicable.has(p.sentence)) continue;
    const actorSpans = sentence.frame.actors.map((a) => a.list);
    for (const item of droppedItems(p.text, c.text)) {
      const start = p.start + item.start;
      const end = p.start + item.end;
      if (actorSpans.some((s) => start < s.end && s.start < end)) continue;
      if (namesForeignPlace(item.text, foreign, childText)) continue;
      // Deadlines are compared as timing, not as list members.
      if (sentence.frame.timing.some((t) => t.start < end && start < t.end)) continue;
      push(
        {
          kind: 'missing',
          severity: 'medium',
          parent: sideOf(parent, p.sentence, start, end),
          child: cSide,
          detail: `本级文件保留了这项要求，但删去了其中的“${item.text}”。`,
          similarity,
        },
        p.sentence,
      );
    }
  }
  compareActors(parent, child, matches, push);

  // Runs of unmatched parent phrases of one sentence: one missing finding each.
  const reportable = (i: number) => {
    const p = parent.phrases[i];
    const s = parent.sentences[p.sentence];
    return !p.scope && !p.boilerplate && !notApplicable.has(p.sentence) && contentLength(p.text) >= opts.minChars && (s.duty || pf(i).targets.length > 0);
  };
  for (const run of runs(missing.filter(reportable), (i) => parent.phrases[i].sentence)) {
    const reps = run.map((i) => matches[i].replacement).filter((j): j is number => j !== null);
    const strong = run.some((i) => pf(i).level >= 4 || pf(i).targets.length > 0);
    const childSide = reps.length ? phrasesSide(child, Math.min(...reps), Math.min(...reps)) : null;
    push(
      {
        kind: 'missing',
        severity: strong ? 'high' : 'medium',
        parent: phrasesSide(parent, run[0], run[run.length - 1]),
        child: childSide,
        detail: childSide
          ? `上级文件的这项要求在本级文件中没有对应内容，原位置改写为“${child.phrases[reps[0]].text}”。`
          : '上级文件的这项要求在本级文件中没有对应内容。',
        similarity: null,
      },
      parent.phrases[run[0]].sentence,
    );
  }
  addAdded(parent, child, matches, maxPrec, explained, opts, findings);
  const statuses = parent.sentences.map((s) => {
    const counted =
      !s.boilerplate && !notApplicable.has(s.index) && s.duty && s.phrases.some((i) => !parent.phrases[i].boilerplate && !parent.phrases[i].scope);
    const k = worst.get(s.index);
    const status: SentenceStatus['status'] = !k ? 'covered' : k === 'missing' ? 'missing' : k === 'weakened' ? 'weakened' : 'changed';
    return { sentence: s.index, counted, status };
  });
  return { findings, statuses };
}

/** Consecutive indices with the same key, as runs. */
function runs(indices: number[], key: (i: number) => number): number[][] {
  const out: number[][] = [];
  for (const i of indices) {
    const last = out[out.length - 1];
    if (last && last[last.length - 1] === i - 1 && key(last[0]) === key(i)) last.push(i);
    else out.push([i]);
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** `added`: runs of child phrases that no parent phrase matched and whose content is not the parent's. */
function addAdded(
  parent: Segmented,
  child: Segmented,
  matches: PhraseMatch[],
  maxPrec: Float32Array,
  explained: Set<number>,
  opts: FindingOptions,
  findings: Finding[],
): void {
  const used = new Set(matches.map((m) => m.child).filter((j): j is number => j !== null));
  const replaced = new Map(matches.filter((m) => m.child === null && m.replacement !== null).map((m) => [m.replacement!, m.parent]));
  const candidates = child.phrases
    .filter((c) => !used.has(c.index) && !explained.has(c.index) && !c.boilerplate && !c.scope)
    .filter((c) => contentLength(c.text) >= opts.minChars && (replaced.has(c.index) || maxPrec[c.index] < opts.addedMaxPrec))
    .filter((c) => child.sentences[c.sentence].duty && !child.sentences[c.sentence].boilerplate && !child.sentences[c.sentence].preamble)
    .map((c) => c.index);
  for (const run of runs(candidates, (j) => child.phrases[j].sentence)) {
    const instead = run.map((j) => replaced.get(j)).find((i): i is number => i !== undefined);
    findings.push({
      kind: 'added',
      severity: 'low',
      parent: instead !== undefined ? phrasesSide(parent, instead, instead) : null,
      child: phrasesSide(child, run[0], run[run.length - 1]),
      detail: instead !== undefined ? `本级文件以此替换了上级文件的“${parent.phrases[instead].text}”。` : '本级文件新增的内容，上级文件没有对应要求。',
      similarity: null,
    });
  }
}

/** Departments a sentence gives a part in the work: every role but `location` (lead, cooperating, responsible, chair, deputy, member). */
function dutyNames(s: AlignSentence, keep: (name: { start: number; end: number }) => boolean = () => true): string[] {
  return s.frame.actors.filter((a) => a.role !== 'location').flatMap((a) => a.names.filter(keep).map((n) => n.text));
}

/**
 * Departments: every department a parent sentence names (lead, responsible, cooperating) must
 * appear in the child sentences its phrases went to, by core name (省水利厅 = 县水利局 =
 * 水利部门). Governments change with the level and are never compared.
 */
function compareActors(parent: Segmented, child: Segmented, matches: PhraseMatch[], push: (f: Finding, sentence: number) => void): void {
  const bySentence = new Map<number, Set<number>>();
  for (const m of matches) {
    // Matched phrases only: a replacement is another requirement (already `missing` or changed), not the same one with other departments.
    const j = m.child;
    if (j === null) continue;
    const s = parent.phrases[m.parent].sentence;
    bySentence.set(s, (bySentence.get(s) ?? new Set()).add(j));
  }
  for (const [s, js] of bySentence) {
    const ps = parent.sentences[s];
    // Departments named in a phrase the child lacks altogether are part of that `missing` finding.
    const unmatched = ps.phrases.filter((i) => matches[i].child === null).map((i) => parent.phrases[i]);
    const kept = (n: { start: number; end: number }) => !unmatched.some((p) => n.start >= p.start && n.end <= p.end);
    const names = dutyNames(ps, kept);
    const cores = [...new Set(names.map((n) => coreOrgName(n)).filter((n): n is string => !!n))];
    if (!cores.length) continue;
    const cSentences = [...new Set([...js].map((j) => child.phrases[j].sentence))].map((k) => child.sentences[k]);
    const childCores = new Set(
      cSentences
        .flatMap((c) => dutyNames(c))
        .map((n) => coreOrgName(n))
        .filter((n): n is string => !!n),
    );
    const childText = cSentences.map((c) => c.text).join('');
    // Present by canonical name among the child's actors, or by either spelling in its text (actor lists damaged in extraction are still text).
    const spellings = new Map(cores.map((n) => [n, names.filter((x) => coreOrgName(x) === n).map((x) => coreOrgName(x, false)!)]));
    // A name that lost one character in extraction (`区自资源分局`, `区水局`) still counts; a
    // two-character core only when a single character of it is left (`民政` never stands for `财政`).
    const childRaw = cSentences
      .flatMap((c) => c.frame.actors.flatMap((a) => a.names.map((x) => coreOrgName(x.text, false) ?? x.text.replace(/^[省市县区]|局$/g, ''))))
      .filter((n) => n.length > 0);
    const damaged = (n: string) => childRaw.some((x) => (n.length >= 3 ? x.length >= n.length - 1 : x.length === 1) && lcsLength(n, x) >= n.length - 1);
    const lost = cores.filter((n) => !childCores.has(n) && !childText.includes(n) && !spellings.get(n)!.some((x) => childText.includes(x) || damaged(x)));
    // A lead swapped (`由财政局…牵头` → `由水利局…牵头`, 财政 still named as a cooperating unit): compared
    // only when the child names leads too, by canonical name or a one-character-damaged spelling.
    const leadCores = (xs: string[]) => [...new Set(xs.map((n) => coreOrgName(n)).filter((n): n is string => !!n))];
    const pLeads = leadCores(ps.frame.actors.filter((a) => a.role === 'lead').flatMap((a) => a.names.filter(kept).map((n) => n.text)));
    const cLeadNames = cSentences.flatMap((c) => c.frame.lead);
    const cLeads = leadCores(cLeadNames);
    const cLeadRaw = cLeadNames.map((x) => coreOrgName(x, false) ?? x);
    const demoted = cLeads.length
      ? pLeads.filter(
          (n) => !cLeads.includes(n) && !spellings.get(n)!.some((x) => cLeadRaw.some((y) => y.length >= x.length - 1 && lcsLength(x, y) >= x.length - 1)),
        )
      : [];
    if (!lost.length && !demoted.length) continue;
    const mention = ps.frame.actors.find((a) => a.names.some((x) => [...lost, ...demoted].includes(coreOrgName(x.text) ?? '')));
    const phrase =
      ps.phrases.find((i) => mention && parent.phrases[i].start <= mention.list.start && mention.list.start < parent.phrases[i].end) ?? ps.phrases[0];
    const m = matches[phrase];
    const j = m.child ?? [...js][0];
    const gained = [...childCores].filter((n) => !cores.includes(n));
    const quoted = (xs: string[]) => xs.map((n) => `“${n}”`).join('、');
    const otherLost = lost.filter((n) => !demoted.includes(n));
    const parts = [
      demoted.length ? `牵头单位由${quoted(demoted)}改为${quoted(cLeads.filter((n) => !pLeads.includes(n))) || '其他单位'}` : '',
      otherLost.length ? `责任单位中删去了${quoted(otherLost)}` : '',
      gained.length ? `新增了${quoted(gained)}` : '',
    ].filter(Boolean);
    push(
      {
        kind: 'actor_changed',
        severity: demoted.length ? 'high' : 'medium',
        parent: phrasesSide(parent, phrase, phrase),
        child: phrasesSide(child, j, j),
        detail: `${parts.join('；')}。`,
        similarity: m.child !== null ? round(m.score) : null,
      },
      s,
    );
  }
}
