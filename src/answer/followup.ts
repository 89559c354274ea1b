/**
 * Follow-ups that only change what the previous question was about: another place ("那宁武县
 * 呢？"), another year ("那2035年那栏呢？"), the same arithmetic for another year ("到2035年呢，
 * 差多少？"), or arithmetic on the previous answer ("比它2025年的目标高出几个百分点？",
 * "这两个目标相差多少？"). Each is rewritten into the complete question it stands for, which is
 * then answered like any other; follow-ups that ask something of their own are left to inherit
 * documents and topic (see `understand.ts`).
 */
import { ARITHMETIC_CUES } from '../zh/question-cues.js';
import { questionYears } from './table-answer.js';

/** Words of a follow-up that say nothing of their own: pronouns, chat particles, table words. */
const EMPTY =
  /那么|那个|这个|那一栏|那一行|一栏|那栏|这栏|那行|这行|那|呢|还有|又|再|也|它的|它|其|该|这|两者|二者|这两个|这两|两个|的|到|是|吗|栏|行|列|数|年份|年|请问|呀|啊|[，,。？?！!\s\d]/g;
const ASKING = /多少|几|什么|哪|谁|怎么|如何|啥/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The previous question without what it asked (是多少, 要达到多少): what it was about. */
function aboutPart(question: string): string {
  return question
    .normalize('NFKC')
    .replace(/[？?。！!\s]+$/, '')
    .replace(/(?:分别|各自)?(?:是|为|要|要达到|达到|定的|定了|定得)?(?:多少|几|什么|哪些|哪个)[^，,]*$/, '')
    .replace(/分别|各自/g, '');
}

/** Replaces the years (or places) of `text` named in `from` by those of `to`, in order. */
function substitute(text: string, from: string[], to: string[]): string {
  let out = text;
  from.forEach((f, i) => {
    const t = to[Math.min(i, to.length - 1)];
    if (t && t !== f) out = out.split(f).join(t);
  });
  return out;
}

/** What a follow-up says besides places, years, pronouns and asking words. */
export function ownContent(question: string, places: string[]): string {
  let t = question.normalize('NFKC');
  for (const p of places) t = t.split(p).join('');
  return t
    .replace(ARITHMETIC_CUES, '')
    .replace(EMPTY, '')
    .replace(ASKING, '')
    .replace(/百分点|个|差|相差|高|低|多|少|比/g, '');
}

/**
 * The complete question a follow-up stands for, or null when it asks something of its own.
 * `places` are the place names of the follow-up and `lastPlaces` those of the previous question.
 */
export function rewriteFollowUp(question: string, last: string, places: string[], lastPlaces: string[], previous: string | null = null): string | null {
  const q = question.normalize('NFKC');
  const years = questionYears(q).map(String);
  const lastYears = questionYears(last).map(String);
  // Words the previous question already used (目标, 水土保持率) are not new content.
  const own = [...ownContent(q, places)].filter((ch) => !last.includes(ch)).join('');
  if (own.length > 2) return null;
  const yearForms = (ys: string[], text: string) => ys.map((y) => (text.includes(y) ? y : y.slice(2)));
  const asksNumbers = ARITHMETIC_CUES.test(q);
  if (asksNumbers) {
    const cue = ARITHMETIC_CUES.exec(q)!;
    const tail = q.slice(cue.index).replace(/[？?]*$/, '？');
    // The same arithmetic for another year or place.
    if (ARITHMETIC_CUES.test(last)) {
      const swapped = substitute(substitute(last, yearForms(lastYears, last), years), lastPlaces, places);
      return swapped !== last ? swapped : null;
    }
    // The previous figure against another year: 长治市2035年要达到多少 + 比它2025年…高出几个百分点.
    if (years.length === 1 && lastYears.length === 1 && years[0] !== lastYears[0]) {
      const y = yearForms(lastYears, last)[0];
      const about = aboutPart(last);
      if (about.includes(y)) return `${about.replace(new RegExp(`${escapeRegExp(y)}\\s*年`), `${y}年比${years[0]}年`)}${tail}`;
    }
    // Two figures just asked (分别是多少), now their difference.
    if (lastYears.length >= 2 || lastPlaces.length >= 2) return `${aboutPart(last)}${tail}`;
    // Two figures asked one after the other (2025年的… then 2035年呢？), now their difference.
    const prevYears = previous ? questionYears(previous).map(String) : [];
    if (previous && lastYears.length === 1 && prevYears.length === 1 && prevYears[0] !== lastYears[0]) {
      const y = yearForms(lastYears, last)[0];
      const about = aboutPart(last);
      if (about.includes(y)) return `${about.replace(new RegExp(`${escapeRegExp(y)}\\s*年`), `${y}年比${prevYears[0]}年`)}${tail}`;
    }
    return null;
  }
  if (!years.length && !places.length) return null;
  const swapped = substitute(substitute(last, yearForms(lastYears, last), years), lastPlaces, places);
  if (swapped !== last) return swapped;
  // A place the previous question did not name: put it in front.
  return places.length && !lastPlaces.length ? `${places[0]}${last}` : null;
}
