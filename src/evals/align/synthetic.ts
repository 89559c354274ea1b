/**
 * Synthetic children of a provincial plan with KNOWN edits, for measuring alignment: from the
 * parent's body, a seeded generator deletes sentences and comma clauses (expected `missing`),
 * weakens modal cues (必须→∅, 严禁→避免, 确保→力争, 应当→鼓励: expected `weakened`), changes
 * target numbers (expected `target_changed`), moves a deadline (`deadline_changed`), drops a
 * department from a list (`actor_changed`), inserts county sentences (`added`), and — expecting
 * nothing — reorders sentences and whole clauses, localises the wording to a county (全省→全县,
 * 省级→县级, 山西省→宁武县, 省…厅→县…局) and drops characters the way extraction does.
 */
import { createRng, shuffle } from '../../core/rng.js';
import { toOriginalRange } from '../../ingest/clean.js';
import { flattenSections } from '../../ingest/structure.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { detectModality } from '../../analysis/frames/modality.js';
import type { FindingKind } from '../../analysis/alignment/types.js';
import { localizeContext, namesForeignLandform, namesForeignPlace, foreignPlaceNames } from '../../analysis/alignment/localize.js';
import { AIM_PHRASE, levelTaskPatterns } from '../../zh/level-tasks.js';
import { segmentDocument, type AlignSentence } from '../../analysis/alignment/segment.js';
import { computeSimilarity, pairScore } from '../../analysis/alignment/similarity.js';
import { damage, dropActor, INSERT_POOL, insertSentence, moveDeadline, reorder, type Edit, type EditContext } from './edits.js';
import { defaultMatchOptions } from '../../analysis/alignment/match.js';

/**
 * A finding the generator expects: on the parent side (original offsets of the parent), or for
 * `added` on the child side (offsets into the child text, `parentClause` '').
 */
export interface ExpectedFinding {
  kind: FindingKind;
  parentClause: string;
  parentQuote: string;
  start: number;
  end: number;
  edit: string;
  child?: { quote: string; start: number; end: number };
}

/** Options of {@link generateSyntheticChild}. */
export interface SyntheticOptions {
  seed: number;
  deleteSentences: number;
  deletePhrases: number;
  weaken: number;
  changeNumbers: number;
  moveDeadlines: number;
  dropActors: number;
  insertSentences: number;
  reorderSentences: number;
  reorderClauses: number;
  /** Characters dropped from untouched sentences (extraction damage). */
  damage: number;
  /** The county the child is written for, and the province/region words it replaces. */
  county: string;
  province: string;
}

export const defaultSyntheticOptions: SyntheticOptions = {
  seed: 1,
  deleteSentences: 2,
  deletePhrases: 2,
  weaken: 3,
  changeNumbers: 3,
  moveDeadlines: 1,
  dropActors: 1,
  insertSentences: 1,
  reorderSentences: 2,
  reorderClauses: 1,
  damage: 5,
  county: '宁武县',
  province: '山西省',
};

/** A generated child: its text and the findings an aligner should report. */
export interface SyntheticChild {
  id: string;
  text: string;
  expected: ExpectedFinding[];
  /** Edits expecting no finding (reorders, damage), for the record. */
  neutral: string[];
}

/** Weaker replacements of strong cues, by cue. */
const WEAKER: [RegExp, string][] = [
  [/^(严格禁止|严禁|禁止|不得|坚决杜绝|杜绝)$/, '避免'],
  // 严格 and 坚决 are intensifiers, not modal words (the force scale of zh/modality-cues.ts): dropping them is style.
  [/^(必须|务必)$/, ''],
  [/^确保$/, '力争'],
  [/^(应当|应该|要|应)$/, '鼓励'],
];

const LOCALISE: [RegExp, string][] = [
  [/全省/g, '全县'],
  [/我省/g, '我县'],
  [/省级(?!以上)/g, '县级'],
  [/市县(?:级)?政府/g, '县乡政府'],
  [/省([\u4e00-\u9fa5]{2,6})厅/g, '县$1局'],
];

/** Generates one synthetic child of `parent` (see the module comment). Deterministic in `seed`. */
export function generateSyntheticChild(parent: ParsedDocument, options: Partial<SyntheticOptions> = {}): SyntheticChild {
  const opts = { ...defaultSyntheticOptions, ...options };
  const rnd = createRng(opts.seed);
  const raw = parent.raw.text;
  const seg = segmentDocument(parent, localizeContext(parent, parent));
  const orig = (a: number, b: number) => toOriginalRange(parent.clean, raw, a, b);
  const foreign = foreignPlaceNames(parent, parent);
  // Sentences an edit may touch: obligations, not boilerplate, not about a named place, not restated elsewhere.
  // A phrase the parent states twice (`打造100条高质量精品小流域`) is still in a child that lost one
  // copy: a near-duplicate the aligner would match (same score threshold) makes a phrase restated.
  const self = computeSimilarity(seg.phrases, seg.phrases);
  const restatedPhrase = (i: number) =>
    seg.phrases.some((q, j) => q.sentence !== seg.phrases[i].sentence && pairScore(self, i, j) >= defaultMatchOptions.global);
  const restated = (s: AlignSentence) => s.phrases.some(restatedPhrase);
  const editable = seg.sentences.filter((s) => s.frame.isObligation && !s.boilerplate && !namesForeignPlace(s.text, foreign, ''));
  // A deleted clause the aligner lists as excluded by design (an aim such as 发挥…作用, a river or
  // mountain of the parent's, a task of the parent's own level) is no expected `missing`.
  const tasks = levelTaskPatterns('省');
  const excludable = (i: number) => {
    const t = seg.phrases[i].text;
    return AIM_PHRASE.test(t) || namesForeignLandform(t, '') !== null || tasks.some((x) => x.re.test(t.replace(/\s+/g, '')));
  };
  const reportable = (i: number) => !seg.phrases[i].scope && !seg.phrases[i].boilerplate && !excludable(i);
  const touched = new Set<number>();
  const edits: Edit[] = [];
  const expected: ExpectedFinding[] = [];
  const neutral: string[] = [];
  const expect = (kind: FindingKind, s: AlignSentence, a: number, b: number, edit: string) => {
    const r = orig(a, b);
    expected.push({ kind, parentClause: s.clause, parentQuote: raw.slice(r.start, r.end), start: r.start, end: r.end, edit });
  };
  const pick = (n: number, ok: (s: AlignSentence) => boolean) =>
    shuffle(
      editable.filter((s) => !touched.has(s.index) && ok(s)),
      rnd,
    ).slice(0, n);

  for (const s of pick(opts.deleteSentences, (x) => !restated(x) && x.phrases.some(reportable))) {
    touched.add(s.index);
    const r = orig(s.start, s.end);
    edits.push({ start: r.start, end: r.end, text: '' });
    expect('missing', s, s.start, s.end, 'delete sentence');
  }
  for (const s of pick(opts.deletePhrases, (x) => x.phrases.length >= 3 && !restated(x))) {
    touched.add(s.index);
    // Scope openers (`以…为主线`) and boilerplate are never reported missing by design: delete a duty.
    const ks = s.phrases.map((_, k) => k).filter((k) => k > 0 && reportable(s.phrases[k]));
    if (!ks.length) continue;
    const k = ks[Math.floor(rnd() * ks.length)];
    const p = seg.phrases[s.phrases[k]];
    const prevEnd = seg.phrases[s.phrases[k - 1]].end;
    const r = orig(prevEnd, p.end);
    edits.push({ start: r.start, end: r.end, text: '' });
    expect('missing', s, p.start, p.end, 'delete clause');
  }
  let weakened = 0;
  for (const s of shuffle(
    editable.filter((x) => !touched.has(x.index)),
    rnd,
  )) {
    if (weakened >= opts.weaken) break;
    const hit = s.phrases
      .map((i) => seg.phrases[i])
      .map((p) => ({ p, m: detectModality(p.text, p.start) }))
      .find(({ m }) => m.level >= 3 && m.cue && WEAKER.some(([re]) => re.test(m.cue!.cue)));
    if (!hit) continue;
    const cue = hit.m.cue!;
    const to = WEAKER.find(([re]) => re.test(cue.cue))![1];
    const rel = cue.start - hit.p.start;
    const changed = hit.p.text.slice(0, rel) + to + hit.p.text.slice(rel + cue.cue.length);
    if (detectModality(changed).level >= hit.m.level) continue;
    touched.add(s.index);
    const r = orig(cue.start, cue.end);
    edits.push({ start: r.start, end: r.end, text: to });
    expect('weakened', s, hit.p.start, hit.p.end, `${cue.cue}→${to || '∅'}`);
    weakened++;
  }
  for (const s of pick(opts.changeNumbers, (x) => x.frame.targets.length > 0)) {
    touched.add(s.index);
    const t = s.frame.targets[Math.floor(rnd() * s.frame.targets.length)];
    const factor = rnd() < 0.5 ? 0.5 + rnd() * 0.4 : 1.1 + rnd() * 0.4;
    const decimals = (t.valueText.split('.')[1] ?? '').length;
    let value = (t.value * factor).toFixed(decimals);
    if (value === t.valueText) value = (t.value + 1).toFixed(decimals);
    const r = orig(t.amount.start, t.amount.start + t.valueText.length);
    edits.push({ start: r.start, end: r.end, text: value });
    const phrase = s.phrases.map((i) => seg.phrases[i]).find((p) => t.amount.start >= p.start && t.amount.end <= p.end) ?? seg.phrases[s.phrases[0]];
    expect('target_changed', s, phrase.start, phrase.end, `${t.valueText}→${value}`);
  }
  const ctx: EditContext = { parent, seg, orig, rnd, touched, edits };
  for (let k = 0; k < opts.moveDeadlines; k++) {
    const d = moveDeadline(ctx, shuffle(editable, rnd));
    if (d) expect('deadline_changed', d.sentence, d.start, d.end, d.edit);
  }
  for (let k = 0; k < opts.dropActors; k++) {
    const d = dropActor(ctx, shuffle(editable, rnd));
    if (d) expect('actor_changed', d.sentence, d.start, d.end, d.edit);
  }
  const inserted = shuffle(INSERT_POOL, rnd).slice(0, opts.insertSentences);
  const hosts = shuffle(
    editable.filter((x) => !touched.has(x.index) && /[。；;]$/.test(x.text)),
    rnd,
  );
  inserted.forEach((t, k) => hosts[k] && insertSentence(ctx, hosts[k], t));
  neutral.push(...reorder(ctx, opts.reorderSentences, opts.reorderClauses));
  neutral.push(...damage(ctx, shuffle(editable, rnd), opts.damage));
  const text = buildText(parent, edits, opts);
  for (const t of inserted.slice(0, hosts.length)) {
    const at = text.indexOf(t);
    if (at >= 0)
      expected.push({
        kind: 'added',
        parentClause: '',
        parentQuote: '',
        start: -1,
        end: -1,
        edit: 'insert sentence',
        child: { quote: t, start: at, end: at + t.length },
      });
  }
  return { id: `synthetic-${opts.seed}.txt`, text, expected, neutral };
}

/** The child text: a county title, the parent body with the edits applied, localised. */
function buildText(parent: ParsedDocument, edits: Edit[], opts: SyntheticOptions): string {
  const raw = parent.raw.text;
  const first = flattenSections(parent.sections)[0];
  const attachment = parent.sections.find((s) => /^附件/.test(s.path));
  const bodyFrom = first ? toOriginalRange(parent.clean, raw, first.start, first.start + 1).start : 0;
  const bodyTo = attachment ? toOriginalRange(parent.clean, raw, attachment.start, attachment.start + 1).start : raw.length;
  const sorted = edits.filter((e) => e.start >= bodyFrom && e.end <= bodyTo).sort((a, b) => b.start - a.start);
  let body = raw.slice(bodyFrom, bodyTo);
  let last = Infinity;
  for (const e of sorted) {
    if (e.end > last) continue; // overlapping edits: keep the later-starting one
    body = body.slice(0, e.start - bodyFrom) + e.text + body.slice(e.end - bodyFrom);
    last = e.start;
  }
  for (const [re, to] of LOCALISE) body = body.replace(re, to);
  body = body.split(opts.province).join(opts.county).split(opts.province.replace(/省$/, '')).join(opts.county.replace(/县$/, ''));
  const title = (parent.meta.title ?? '加强工作实施方案').replace(opts.province, opts.county);
  return `${title}\n\n为做好相关工作，结合我县实际，制定如下实施方案。\n\n${body}`;
}
