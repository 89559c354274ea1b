/**
 * Segmentation for alignment: the plan body of a document as sentences (with their obligation
 * frame and clause address) and each sentence as phrases (comma clauses), the unit that is
 * matched. Never segmented: the covering notice (before `bodyStart`), the preamble before the
 * first clause, attachments (tables and task lists restate the body), headings, and political
 * boilerplate (指导思想, 以习近平…为指导, 深入贯彻…精神): those never produce findings.
 */
import { flattenSections, sectionChainAt } from '../../ingest/structure.js';
import { hasBoilerplate } from '../../zh/boilerplate.js';
import { ARTICLE_PREFIX } from '../../zh/clause-markers.js';
import type { ParsedDocument, Section } from '../../ingest/types.js';
import { splitSentences } from '../frames/sentences.js';
import { clauseSegments, maskTitles } from '../frames/text.js';
import { extractFrame, leadingDutyVerb } from '../frames/frame.js';
import { extractTiming } from '../frames/timing.js';
import type { ObligationFrame } from '../frames/types.js';
import { hasVerb } from './force.js';
import { normalizeForMatch, type LocalizeContext } from './localize.js';

/** Options of {@link segmentDocument}. */
export interface SegmentOptions {
  /** Sections (or their ancestors) with such a heading are background or principles. */
  skipHeadings: RegExp;
  /** Phrases with fewer content characters are merged into a neighbour. Default 4. */
  minPhraseChars: number;
  /**
   * Also read the text between the covering notice and the first clause, marked `preamble`
   * (the child side: a county often restates the province's targets in its opening paragraph,
   * where they count as kept but never as `added`). Default false.
   */
  preamble: boolean;
}

/** Documented defaults: skip 指导思想/基本原则/背景/依据 sections; merge phrases under 4 characters. */
export const defaultSegmentOptions: SegmentOptions = {
  skipHeadings: /指导思想|基本原则|工作原则|总体思路|出台背景|出台依据|编制依据|政策依据|背景|重要意义/,
  minPhraseChars: 4,
  preamble: false,
};

/** A comma clause of a sentence: the matching unit. Offsets are into the CLEAN text. */
export interface Phrase {
  /** Index in the document's phrase list. */
  index: number;
  sentence: number;
  text: string;
  start: number;
  end: number;
  /** Comparison form (see {@link normalizeForMatch}). */
  norm: string;
  /** `以…为重点` and similar scope openers: localised freely, never missing on their own. */
  scope: boolean;
  boilerplate: boolean;
}

/** A sentence of the plan body with its frame. */
export interface AlignSentence {
  index: number;
  text: string;
  start: number;
  end: number;
  clause: string;
  heading: string;
  /** Top-level clause path (`四（三）` → `四`). */
  chapter: string;
  chapterHeading: string;
  frame: ObligationFrame;
  /**
   * The sentence states a duty: its frame says so, or nothing marks it as background and one of
   * its clauses opens with a duty verb after a place or scope opener (`在某乡建设…示范园`), which
   * the frame's directive rule does not read as a directive.
   */
  duty: boolean;
  phrases: number[];
  boilerplate: boolean;
  /** Before the first clause (read only with {@link SegmentOptions.preamble}): matched, never `added`. */
  preamble: boolean;
}

/** The segmented plan body of one document. */
export interface Segmented {
  doc: ParsedDocument;
  sentences: AlignSentence[];
  phrases: Phrase[];
}

const SCOPE_PHRASE = /^(?:以|围绕|聚焦|依托|针对)([^,，]{1,60}?)(为重点|为主线|为抓手|为依托|为核心|为目标|为导向)?$/;

/** A scope opener (`以…为重点`, `依托政务服务平台`): with its `为…` ending, or an opener with no duty verb of its own after it (`依托学院建设基地` is a task). */
function isScope(text: string): boolean {
  const m = SCOPE_PHRASE.exec(text);
  return !!m && (!!m[2] || !hasVerb(m[1]));
}
const TIME_ONLY = /^(?:到|至|于|在)?$/;

/** A place or scope opener before the verb: `在薛家洼乡`, `对重点区域`, `围绕汾河`, `沿黄河`. */
const OPENER = /^(?:在|对|围绕|沿)/;
/** Verbs that ask nothing on their own (the frame reads them as weak too). */
const WEAK = new Set(['鼓励', '支持', '探索', '引导']);

/** A clause whose verb, after a place opener of at most 14 characters, is a duty verb (`在某乡建设…`). */
export function opensWithDuty(text: string): boolean {
  const t = text.trimStart();
  const m = OPENER.exec(t);
  if (!m) return false;
  for (let k = m[0].length + 1; k <= Math.min(t.length - 2, m[0].length + 14); k++) {
    if (/[,，。;；]/.test(t[k - 1])) return false;
    // The first verb after the opener decides: `在有条件的地方鼓励…参与` encourages, it does not order.
    const verb = leadingDutyVerb(t.slice(k));
    if (verb && verb.at === 0) return !WEAK.has(verb.verb);
  }
  return false;
}

/** Content characters of a text (Han, letters, digits). */
function contentLength(t: string): number {
  return t.replace(/[^\p{L}\p{N}]/gu, '').length;
}

/** Comma clauses of a sentence, with timing-only clauses (`到2025年,`) merged into the next and tiny ones into a neighbour. */
export function splitPhrases(sentence: string, minChars = defaultSegmentOptions.minPhraseChars): [number, number][] {
  const masked = maskTitles(sentence);
  const segs = clauseSegments(masked)
    .map(([a, b]) => {
      while (a < b && /\s/.test(sentence[a])) a++;
      while (b > a && /[\s。.]/.test(sentence[b - 1])) b--;
      return [a, b] as [number, number];
    })
    .filter(([a, b]) => b > a && contentLength(sentence.slice(a, b)) > 0);
  const timings = extractTiming(sentence, 0).filter((t) => t.kind !== 'frequency');
  const isTimeOnly = ([a, b]: [number, number]) => {
    let rest = sentence.slice(a, b);
    for (const t of timings) if (t.start >= a && t.end <= b) rest = rest.replace(t.text, '');
    return TIME_ONLY.test(rest.replace(/[^\p{L}\p{N}]/gu, ''));
  };
  const out: [number, number][] = [];
  let carry: number | null = null;
  segs.forEach((seg, i) => {
    const start = carry ?? seg[0];
    carry = null;
    if (i + 1 < segs.length && (isTimeOnly(seg) || contentLength(sentence.slice(start, seg[1])) < minChars)) {
      carry = start;
      return;
    }
    if (out.length && contentLength(sentence.slice(start, seg[1])) < minChars) out[out.length - 1][1] = seg[1];
    else out.push([start, seg[1]]);
  });
  return out;
}

/**
 * Segments the plan body of a document. Sentences never straddle two clauses (the text is cut
 * at every section start, as {@link extractObligations} does).
 */
export function segmentDocument(doc: ParsedDocument, ctx: LocalizeContext, options: Partial<SegmentOptions> = {}): Segmented {
  const opts = { ...defaultSegmentOptions, ...options };
  const text = doc.clean.text;
  const flat = flattenSections(doc.sections);
  const firstClause = flat.length ? flat[0].start : text.length;
  const from = flat.length && !opts.preamble ? Math.max(doc.bodyStart, firstClause) : Math.min(doc.bodyStart, firstClause);
  const cuts = [...new Set([from, firstClause, ...flat.map((s) => s.start), text.length])].filter((p) => p >= from).sort((a, b) => a - b);
  const sentences: AlignSentence[] = [];
  const phrases: Phrase[] = [];
  let contextYear: number | null = null;
  let yearSection: Section | null = null;

  for (let k = 0; k + 1 < cuts.length; k++) {
    for (let s of splitSentences(text.slice(cuts[k], cuts[k + 1]), cuts[k])) {
      const chain = sectionChainAt(doc.sections, s.start);
      const section = chain.length ? chain[chain.length - 1] : null;
      // An article (`第三条 县水利局负责…。`) has no heading: its first sentence is a duty, read without the marker.
      const article = !!section && /^第.+条$/.test(section.marker);
      if (article && s.start === section!.start) {
        const m = ARTICLE_PREFIX.exec(s.text);
        if (m && m[0].length < s.text.length) s = { ...s, text: s.text.slice(m[0].length), start: s.start + m[0].length, heading: false };
      }
      // Without any clause structure the whole body is read; otherwise text outside clauses is preamble.
      const preamble = !section && flat.length > 0 && s.start < firstClause;
      if ((!section && flat.length && !preamble) || (!article && section && s.end <= section.bodyStart) || s.heading) continue;
      if (chain.length && /^附件/.test(chain[0].path)) continue;
      if (chain.some((c) => opts.skipHeadings.test(c.heading))) continue;
      if (section !== yearSection) {
        yearSection = section;
        contextYear = null;
      }
      const frame = extractFrame(s.text, s.start, { contextYear, heading: false });
      const dated = frame.timing.find((t) => t.kind !== 'frequency' && !t.vague && t.year !== null);
      if (dated) contextYear = dated.year;
      if (frame.reasons.includes('preamble')) continue;
      const ideology = frame.reasons.includes('ideology');
      const sentence: AlignSentence = {
        index: sentences.length,
        text: s.text,
        start: s.start,
        end: s.end,
        clause: section?.path ?? '',
        heading: section?.heading ?? '',
        chapter: chain[0]?.path ?? '',
        chapterHeading: chain[0]?.heading ?? '',
        frame,
        duty: frame.isObligation,
        phrases: [],
        boilerplate: ideology,
        preamble,
      };
      for (const [a, b] of splitPhrases(s.text, opts.minPhraseChars)) {
        const t = s.text.slice(a, b);
        const norm = normalizeForMatch(t, ctx);
        if (!norm) continue;
        sentence.phrases.push(phrases.length);
        phrases.push({
          index: phrases.length,
          sentence: sentence.index,
          text: t,
          start: s.start + a,
          end: s.start + b,
          norm,
          scope: isScope(t),
          boilerplate: ideology || hasBoilerplate(t),
        });
      }
      if (!sentence.duty && !frame.reasons.length) sentence.duty = sentence.phrases.some((i) => opensWithDuty(phrases[i].text));
      if (sentence.phrases.length) sentences.push(sentence);
    }
  }
  return { doc, sentences, phrases };
}
