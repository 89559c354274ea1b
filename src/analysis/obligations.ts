/**
 * Obligations of a document: every sentence of the plan body that imposes a duty, with its frame,
 * its clause address and a verbatim quote of the original text. Derived views: the task register
 * (任务分工表) and the reporting calendar (every recurring or dated duty).
 *
 * Clause-level actors: 003 states responsibility once per clause, in a trailing
 * `（责任部门：区生态环境分局、…）` note. Such notes are not obligations themselves; their actors
 * are attached to every obligation of the clause as `clauseActors`.
 */
import { toOriginalRange } from '../ingest/clean.js';
import { flattenSections, sectionChainAt } from '../ingest/structure.js';
import type { ParsedDocument, Section } from '../ingest/types.js';
import { extractActors, namesByRole } from './frames/actors.js';
import { extractFrame } from './frames/frame.js';
import { MODALITY_LABELS_ZH } from './frames/modality.js';
import { splitSentences } from './frames/sentences.js';
import type { ActorMention, ObligationFrame, PeriodUnit, Timing } from './frames/types.js';

/** One duty: a sentence with its frame and clause, quoted verbatim from the original. */
export interface Obligation {
  /** `${docId}#ob${n}`, n counting from 0 in document order. */
  id: string;
  docId: string;
  /** Clause path of the innermost section (`四（三）`), '' in the preamble. */
  clause: string;
  /** Heading of that section. */
  heading: string;
  /** The sentence (clean text). */
  sentence: string;
  /** `doc.raw.text.slice(start, end)`: the original text, page breaks and all. */
  quote: string;
  /** Offsets into the ORIGINAL text. */
  start: number;
  end: number;
  /** Offsets into the clean text. */
  cleanStart: number;
  cleanEnd: number;
  frame: ObligationFrame;
  /** Actors stated once for the whole clause (a `（责任部门：…）` note), empty when none. */
  clauseActors: ActorMention[];
}

/** Options of {@link extractObligations}. */
export interface ObligationOptions {
  /** Sections whose heading (or an ancestor's) matches are background, not duties. */
  skipHeadings: RegExp;
  /** Keep sentences that impose no duty too (frame.isObligation false). Default false. */
  includeNonObligations: boolean;
}

/** Documented defaults: skip 指导思想/出台背景/出台依据/编制依据 sections; obligations only. */
export const defaultObligationOptions: ObligationOptions = {
  skipHeadings: /指导思想|出台背景|出台依据|编制依据|政策依据|背景|总体思路/,
  includeNonObligations: false,
};

/** A clause-level responsibility note: the whole sentence is a bracketed list of units. */
const RESPONSIBILITY_NOTE = /^[(（][^()（）]*(责任(?:部门|单位)|牵头(?:单位|部门)|配合(?:单位|部门)|按职责分工负责|负责)[^()（）]*[)）]$/;

/** Extracts the obligations of a parsed document (the covering notice before `bodyStart` is skipped). */
export function extractObligations(doc: ParsedDocument, options: Partial<ObligationOptions> = {}): Obligation[] {
  const opts = { ...defaultObligationOptions, ...options };
  const text = doc.clean.text;
  const flat = flattenSections(doc.sections);
  // Split between section starts, so no sentence ever straddles two clauses.
  const cuts = [...new Set([doc.bodyStart, ...flat.map((s) => s.start).filter((p) => p > doc.bodyStart), text.length])].sort((a, b) => a - b);
  const out: Obligation[] = [];
  const notes = new Map<Section, ActorMention[]>();
  let yearSection: Section | null = null;
  let contextYear: number | null = null;

  for (let k = 0; k + 1 < cuts.length; k++) {
    for (const s of splitSentences(text.slice(cuts[k], cuts[k + 1]), cuts[k])) {
      const chain = sectionChainAt(doc.sections, s.start);
      const section = chain.length ? chain[chain.length - 1] : null;
      if (section && s.end <= section.bodyStart) continue; // the heading itself
      if (chain.some((c) => opts.skipHeadings.test(c.heading))) continue;
      if (section !== yearSection) {
        yearSection = section;
        contextYear = null;
      }
      if (RESPONSIBILITY_NOTE.test(s.text)) {
        const actors = extractActors(s.text, s.start);
        if (section && actors.length) notes.set(section, [...(notes.get(section) ?? []), ...actors]);
        continue;
      }
      const frame = extractFrame(s.text, s.start, { contextYear, heading: s.heading });
      const dated = frame.timing.find((t) => t.kind !== 'frequency' && !t.vague && t.year !== null);
      if (dated) contextYear = dated.year;
      if (!frame.isObligation && !opts.includeNonObligations) continue;
      const { start, end } = toOriginalRange(doc.clean, doc.raw.text, s.start, s.end);
      out.push({
        id: '',
        docId: doc.id,
        clause: section?.path ?? '',
        heading: section?.heading ?? '',
        sentence: s.text,
        quote: doc.raw.text.slice(start, end),
        start,
        end,
        cleanStart: s.start,
        cleanEnd: s.end,
        frame,
        clauseActors: [],
      });
    }
  }
  // A note binds every obligation of its clause (and of the clause's sub-clauses).
  for (const [section, actors] of notes) {
    for (const o of out) if (o.cleanStart >= section.start && o.cleanStart < section.end) o.clauseActors.push(...actors);
  }
  out.forEach((o, i) => (o.id = `${doc.id}#ob${i}`));
  return out;
}

/** A row of the task register (任务分工表). Column names match the API's register builder. */
export interface TaskRow {
  obligationId: string;
  clause: string;
  heading: string;
  /** The duty as written (the sentence without its final stop). */
  task: string;
  /** 牵头单位: stated leads and chairs; else the responsible units; else the clause's 责任部门. */
  lead: string[];
  /** Where {@link lead} came from. */
  leadSource: 'lead' | 'responsible' | 'clause' | null;
  /** 配合单位. */
  cooperating: string[];
  /** Deadlines and periods as written (`2020年底前`, `“十四五”期间`), joined with 、. */
  deadline: string | null;
  /** Frequencies as written (`每季度`, `按月`), joined with 、. */
  frequency: string | null;
  /** Targets (`水土保持率达到66.18%（2025年）`), joined with ；. */
  target: string | null;
  /** Strength in Chinese (`禁止`, `必须`, `应当`, `力争`, `鼓励/允许`). */
  modality: string;
  quote: string;
  start: number;
  end: number;
}

/** Who answers for an obligation, with the source of the answer. */
function whoOf(o: Obligation): { names: string[]; source: TaskRow['leadSource'] } {
  const f = o.frame;
  const leads = [...f.lead, ...f.chair.filter((n) => !f.lead.includes(n))];
  if (leads.length) return { names: leads, source: 'lead' };
  if (f.responsible.length) return { names: f.responsible, source: 'responsible' };
  const clause = [...namesByRole(o.clauseActors, 'lead'), ...namesByRole(o.clauseActors, 'responsible')];
  return clause.length ? { names: [...new Set(clause)], source: 'clause' } : { names: [], source: null };
}

const joinOrNull = (xs: string[], sep: string) => (xs.length ? [...new Set(xs)].join(sep) : null);

/** Builds the task register rows, one per obligation, in document order. */
export function toTaskRegister(obligations: Obligation[]): TaskRow[] {
  return obligations.map((o) => {
    const f = o.frame;
    const who = whoOf(o);
    const cooperating = [...new Set([...f.cooperating, ...namesByRole(o.clauseActors, 'cooperate')])];
    const targets = f.targets.map((t) => (t.year && !t.raw.includes(String(t.year)) ? `${t.raw}（${t.year}年）` : t.raw));
    return {
      obligationId: o.id,
      clause: o.clause,
      heading: o.heading,
      task: o.sentence.replace(/[。;；]$/, ''),
      lead: who.names,
      leadSource: who.source,
      cooperating,
      deadline: joinOrNull(
        f.timing.filter((t) => t.kind !== 'frequency').map((t) => t.text),
        '、',
      ),
      frequency: joinOrNull(
        f.timing.filter((t) => t.kind === 'frequency').map((t) => t.text),
        '、',
      ),
      target: joinOrNull(targets, '；'),
      modality: MODALITY_LABELS_ZH[f.modality.level],
      quote: o.quote,
      start: o.start,
      end: o.end,
    };
  });
}

/** One entry of the reporting calendar: a recurring or dated duty. */
export interface CalendarEntry {
  obligationId: string;
  clause: string;
  heading: string;
  /** The clause of the sentence that carries the timing (`按月跟踪进度`). */
  what: string;
  who: string[];
  /** The deadline as written (`每季度末下月2日前`, `2020年底前`), null for a bare frequency. */
  when: string | null;
  /** The frequency as written (`每季度`), null for a one-off deadline. */
  frequency: string | null;
  period: PeriodUnit | null;
  year: number | null;
  month: number | null;
  day: number | null;
  monthOffset?: number;
  /** Who receives the report, when stated. */
  recipient: string | null;
  quote: string;
  start: number;
  end: number;
}

/** Options of {@link toReportingCalendar}. */
export interface CalendarOptions {
  /** Include 定期/及时/随时 (no concrete time). Default false. */
  includeVague: boolean;
}

const PERIOD_RANK: Record<PeriodUnit, number> = { week: 0, month: 1, quarter: 2, 'half-year': 3, year: 4 };

/** The comma clause of `sentence` around a timing (clean offsets). */
function clauseAround(o: Obligation, t: Timing): string {
  const rel = t.start - o.cleanStart;
  const s = o.sentence;
  let a = rel;
  while (a > 0 && !/[,，;；。]/.test(s[a - 1])) a--;
  let b = t.end - o.cleanStart;
  while (b < s.length && !/[,，;；。]/.test(s[b])) b++;
  return s.slice(a, b).trim();
}

/**
 * Every recurring or dated duty: one entry per frequency (with the sentence's recurring deadline
 * of the same cycle, `每季度…报备,时间为每季度末下月2日前`) and per remaining deadline.
 * Recurring entries first (weekly → yearly), then dated ones by date.
 */
export function toReportingCalendar(obligations: Obligation[], options: Partial<CalendarOptions> = {}): CalendarEntry[] {
  const includeVague = options.includeVague ?? false;
  const out: CalendarEntry[] = [];
  for (const o of obligations) {
    const timings = o.frame.timing.filter((t) => t.kind !== 'period' && (includeVague || !t.vague));
    const used = new Set<Timing>();
    const who = whoOf(o).names;
    const entry = (freq: Timing | null, due: Timing | null): CalendarEntry => {
      const main = (due ?? freq) as Timing;
      return {
        obligationId: o.id,
        clause: o.clause,
        heading: o.heading,
        what: clauseAround(o, freq ?? main),
        who,
        when: due?.text ?? null,
        frequency: freq?.text ?? null,
        period: freq?.period ?? due?.period ?? null,
        year: due?.year ?? null,
        month: due?.month ?? null,
        day: due?.day ?? null,
        ...(due?.monthOffset ? { monthOffset: due.monthOffset } : {}),
        recipient: (freq?.recipient ?? due?.recipient)?.text ?? null,
        quote: o.quote,
        start: o.start,
        end: o.end,
      };
    };
    for (const f of timings.filter((t) => t.kind === 'frequency')) {
      const due = timings.find((t) => t.kind === 'deadline' && !used.has(t) && t.period !== null && t.period === f.period) ?? null;
      if (due) used.add(due);
      out.push(entry(f, due));
    }
    for (const d of timings.filter((t) => t.kind === 'deadline' && !used.has(t))) out.push(entry(null, d));
  }
  const rank = (e: CalendarEntry) => (e.period ? PERIOD_RANK[e.period] : 10);
  const date = (e: CalendarEntry) => (e.year ?? 9999) * 10000 + (e.month ?? 12) * 100 + (e.day ?? 31);
  return out
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || date(a.e) - date(b.e) || a.i - b.i)
    .map(({ e }) => e);
}
