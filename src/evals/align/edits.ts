/**
 * Edits of the synthetic generator beyond deletion, weakening and number changes: a moved
 * deadline (expected `deadline_changed`), a department dropped from a list (expected
 * `actor_changed`), an inserted county sentence (expected `added`), and the edits expecting
 * nothing: reordered sentences and clauses, characters lost in extraction.
 */
import { shuffle } from '../../core/rng.js';
import { flattenSections } from '../../ingest/structure.js';
import type { ParsedDocument } from '../../ingest/types.js';
import { detectModality } from '../../analysis/frames/modality.js';
import { coreOrgName } from '../../analysis/alignment/localize.js';
import type { AlignSentence, Segmented } from '../../analysis/alignment/segment.js';

/** A replacement of original range [start, end) of the parent by `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What an edit function needs: the parent, its segmentation, a clean→original mapper, the random source. */
export interface EditContext {
  parent: ParsedDocument;
  seg: Segmented;
  orig: (a: number, b: number) => { start: number; end: number };
  rnd: () => number;
  touched: Set<number>;
  edits: Edit[];
}

/** County sentences no provincial plan states: inserted, they must be reported `added`. */
export const INSERT_POOL = [
  '县水利局每季度第一个月10日前向县人民政府报送淤地坝除险加固工程进展情况。',
  '各乡（镇）要明确一名分管领导和一名联络员，负责本辖区水土保持日常巡查工作。',
  '组建县级水土保持专家库，为生产建设项目水土保持方案技术审查提供支撑。',
  '每年组织一次水土保持“进乡村、进学校、进企业”主题宣讲活动。',
  '在薛家洼乡建设水土保持科技示范园，展示梯田、谷坊和植物篱等治理措施。',
];

/** Moves one concrete deadline year by 1–3 years. Returns the expected finding's sentence and clean range. */
export function moveDeadline(ctx: EditContext, candidates: AlignSentence[]): { sentence: AlignSentence; start: number; end: number; edit: string } | null {
  for (const s of candidates) {
    const t = s.frame.timing.find((x) => x.kind === 'deadline' && !x.vague && x.year !== null);
    if (!t || ctx.touched.has(s.index)) continue;
    const at = t.text.indexOf(String(t.year));
    if (at < 0) continue;
    const year = t.year! + 1 + Math.floor(ctx.rnd() * 3);
    const r = ctx.orig(t.start + at, t.start + at + 4);
    ctx.edits.push({ start: r.start, end: r.end, text: String(year) });
    ctx.touched.add(s.index);
    const phrase = s.phrases.map((i) => ctx.seg.phrases[i]).find((p) => t.start >= p.start && t.start < p.end) ?? ctx.seg.phrases[s.phrases[0]];
    return { sentence: s, start: phrase.start, end: phrase.end, edit: `${t.year}→${year}` };
  }
  return null;
}

/** Drops one department (not the first) from a list of three or more. */
export function dropActor(ctx: EditContext, candidates: AlignSentence[]): { sentence: AlignSentence; start: number; end: number; edit: string } | null {
  for (const s of candidates) {
    if (ctx.touched.has(s.index)) continue;
    const mention = s.frame.actors.find((a) => a.role !== 'location' && a.names.filter((n) => coreOrgName(n.text)).length >= 3);
    if (!mention) continue;
    const names = mention.names.filter((n) => coreOrgName(n.text));
    const k = 1 + Math.floor(ctx.rnd() * (names.length - 1));
    const name = names[k];
    // Remove the name with the separator before it (`、林业和草原`).
    const text = ctx.parent.clean.text;
    const sepStart = /[、，,和及与]/.test(text[name.start - 1] ?? '') ? name.start - 1 : name.start;
    const r = ctx.orig(sepStart, name.end);
    ctx.edits.push({ start: r.start, end: r.end, text: '' });
    ctx.touched.add(s.index);
    const phrase = s.phrases.map((i) => ctx.seg.phrases[i]).find((p) => name.start >= p.start && name.start < p.end) ?? ctx.seg.phrases[s.phrases[0]];
    return { sentence: s, start: phrase.start, end: phrase.end, edit: `drop ${name.text}` };
  }
  return null;
}

/** Inserts a pool sentence after an untouched sentence; returns the inserted text. */
export function insertSentence(ctx: EditContext, after: AlignSentence, text: string): void {
  const r = ctx.orig(after.start, after.end);
  ctx.edits.push({ start: r.end, end: r.end, text });
  ctx.touched.add(after.index);
}

/** Swaps adjacent untouched sentences of one clause, and adjacent sibling clauses. Returns descriptions. */
export function reorder(ctx: EditContext, sentences: number, clauses: number): string[] {
  const { parent, rnd, touched, edits, orig } = ctx;
  const raw = parent.raw.text;
  const all = ctx.seg.sentences;
  const out: string[] = [];
  // A swap is two edits that must both apply: ranges that touch an existing edit or each other
  // (a closing quote mapped into both sentences) would be half applied — one sentence twice, the other lost.
  const clash = (r: { start: number; end: number }) => edits.some((e) => e.start < r.end && r.start < e.end + (e.start === e.end ? 1 : 0));
  const swap = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => {
    if (a.end > b.start || clash(a) || clash(b)) return false;
    edits.push({ start: a.start, end: a.end, text: raw.slice(b.start, b.end) }, { start: b.start, end: b.end, text: raw.slice(a.start, a.end) });
    return true;
  };
  const pairs = shuffle(
    all
      .slice(1)
      .map((s, k) => [all[k], s] as const)
      .filter(([a, b]) => a.clause === b.clause),
    rnd,
  );
  for (const [a, b] of pairs) {
    if (out.length >= sentences || touched.has(a.index) || touched.has(b.index)) continue;
    if (!swap(orig(a.start, a.end), orig(b.start, b.end))) continue;
    touched.add(a.index).add(b.index);
    out.push(`reorder sentences in ${a.clause}`);
  }
  const level2 = flattenSections(parent.sections).filter((s) => s.level === 2 && !/^附件/.test(s.path));
  const free = (sec: { start: number; end: number }) => !all.some((s) => touched.has(s.index) && s.start >= sec.start && s.end <= sec.end);
  const candidates = shuffle(
    level2
      .slice(1)
      .map((s, k) => [level2[k], s] as const)
      .filter(([a, b]) => a.path.slice(0, 1) === b.path.slice(0, 1)),
    rnd,
  );
  let done = 0;
  for (const [a, b] of candidates) {
    if (done >= clauses || !free(a) || !free(b)) continue;
    if (!swap(orig(a.start, a.end), orig(b.start, b.end))) continue;
    for (const s of all) if (s.start >= a.start && s.end <= b.end) touched.add(s.index);
    out.push(`reorder clauses ${a.path} ↔ ${b.path}`);
    done++;
  }
  return out;
}

/** Drops one Han character (not part of a cue) from each of `n` untouched sentences. */
export function damage(ctx: EditContext, candidates: AlignSentence[], n: number): string[] {
  const out: string[] = [];
  for (const s of candidates) {
    if (out.length >= n || ctx.touched.has(s.index) || s.text.length <= 20) continue;
    const cues = detectModality(s.text, s.start).cues;
    const chars = [...s.text]
      .map((ch, i) => ({ ch, i }))
      .filter(({ ch, i }) => /\p{Script=Han}/u.test(ch) && i > 2 && !cues.some((c) => s.start + i >= c.start - 1 && s.start + i <= c.end));
    if (!chars.length) continue;
    const { ch, i } = chars[Math.floor(ctx.rnd() * chars.length)];
    ctx.touched.add(s.index);
    const r = ctx.orig(s.start + i, s.start + i + 1);
    ctx.edits.push({ start: r.start, end: r.end, text: '' });
    out.push(`damage: dropped ${ch} in ${s.clause}`);
  }
  return out;
}
