/**
 * Department lists: every department a parent sentence gives a part in the work (lead,
 * responsible, cooperating, members) must still be named where the child put the sentence — in
 * the child clauses its phrases went to — by core name (省水利厅 = 县水利局 = 水利部门, 林草局 =
 * 林业和草原局). A lead swapped with a cooperating unit is reported even when both are still named.
 * Governments change with the level and are compared by `actor-changes.ts`, never here.
 */
import { departmentSpellings } from '../../zh/departments.js';
import { lcsLength } from './lcs.js';
import { coreOrgName } from './localize.js';
import type { PhraseMatch } from './match.js';
import type { AlignSentence, Segmented } from './segment.js';

/** A department list that lost or demoted a member. */
export interface ListChange {
  /** Parent sentence, and the parent / child phrases to quote. */
  sentence: number;
  parentPhrase: number;
  childPhrase: number;
  detail: string;
  severity: 'high' | 'medium';
}

/** Departments a sentence gives a part in the work: every role but `location`. */
function dutyNames(s: AlignSentence, keep: (name: { start: number; end: number }) => boolean = () => true): string[] {
  return s.frame.actors.filter((a) => a.role !== 'location').flatMap((a) => a.names.filter(keep).map((n) => n.text));
}

const coresOf = (xs: string[]) => [...new Set(xs.map((n) => coreOrgName(n)).filter((n): n is string => !!n))];

/** Compares the department lists of every matched parent sentence with the child clauses its phrases went to. */
export function compareDepartmentLists(parent: Segmented, child: Segmented, matches: PhraseMatch[]): ListChange[] {
  const out: ListChange[] = [];
  const bySentence = new Map<number, Set<number>>();
  for (const m of matches) {
    // Matched phrases only: a replacement is another requirement (already `missing` or changed), not the same one with other departments.
    if (m.child === null) continue;
    const s = parent.phrases[m.parent].sentence;
    bySentence.set(s, (bySentence.get(s) ?? new Set()).add(m.child));
  }
  for (const [s, js] of bySentence) {
    const ps = parent.sentences[s];
    // Departments named in a phrase the child lacks altogether are part of that `missing` finding.
    const unmatched = ps.phrases.filter((i) => matches[i].child === null).map((i) => parent.phrases[i]);
    const kept = (n: { start: number; end: number }) => !unmatched.some((p) => n.start >= p.start && n.end <= p.end);
    const names = dutyNames(ps, kept);
    const cores = coresOf(names);
    if (!cores.length) continue;
    const cSentences = [...new Set([...js].map((j) => child.phrases[j].sentence))].map((k) => child.sentences[k]);
    // Where the child put the sentence: its matched sentences and the rest of their clauses (a list split over two sentences).
    const clauses = new Set(cSentences.map((c) => c.clause));
    const around = child.sentences.filter((c) => clauses.has(c.clause));
    const childCores = new Set(coresOf(around.flatMap((c) => dutyNames(c))));
    const childText = around.map((c) => c.text).join('');
    const spellings = new Map(cores.map((n) => [n, names.filter((x) => coreOrgName(x) === n).map((x) => coreOrgName(x, false)!)]));
    // A name that lost one character in extraction (`区自资源分局`, `区水局`) still counts; a
    // two-character core only when a single character of it is left (`民政` never stands for `财政`).
    const childRaw = around
      .flatMap((c) => c.frame.actors.flatMap((a) => a.names.map((x) => coreOrgName(x.text, false) ?? x.text.replace(/^[省市县区]|局$/g, ''))))
      .filter((n) => n.length > 0);
    const damaged = (n: string) => childRaw.some((x) => (n.length >= 3 ? x.length >= n.length - 1 : x.length === 1) && lcsLength(n, x) >= n.length - 1);
    const lost = cores.filter(
      (n) =>
        !childCores.has(n) && !departmentSpellings(n).some((x) => childText.includes(x)) && !spellings.get(n)!.some((x) => childText.includes(x) || damaged(x)),
    );
    // A lead swapped (`由财政局…牵头` → `由水利局…牵头`, 财政 still named as a cooperating unit): compared
    // only when the child names leads too, in the sentences the parent's phrases went to.
    const pLeads = coresOf(ps.frame.actors.filter((a) => a.role === 'lead').flatMap((a) => a.names.filter(kept).map((n) => n.text)));
    const cLeadNames = cSentences.flatMap((c) => c.frame.lead);
    const cLeads = coresOf(cLeadNames);
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
    const gained = [...new Set(coresOf(cSentences.flatMap((c) => dutyNames(c))))].filter((n) => !cores.includes(n));
    const quoted = (xs: string[]) => xs.map((n) => `“${n}”`).join('、');
    const otherLost = lost.filter((n) => !demoted.includes(n));
    const parts = [
      demoted.length ? `牵头单位由${quoted(demoted)}改为${quoted(cLeads.filter((n) => !pLeads.includes(n))) || '其他单位'}` : '',
      otherLost.length ? `责任单位中删去了${quoted(otherLost)}` : '',
      gained.length ? `新增了${quoted(gained)}` : '',
    ].filter(Boolean);
    out.push({
      sentence: s,
      parentPhrase: phrase,
      childPhrase: matches[phrase].child ?? [...js][0],
      detail: `${parts.join('；')}。`,
      severity: demoted.length ? 'high' : 'medium',
    });
  }
  return out;
}
