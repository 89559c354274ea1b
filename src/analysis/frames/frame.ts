/**
 * The obligation frame of one sentence: modality, actors, targets, timing, conditions, the main
 * action, and whether the sentence imposes a duty at all. Plans state most duties as bare
 * imperatives (`科学划定全省水土流失重点预防区`), so a clause opening with a duty verb counts as
 * an implicit 3 (obligatory); ideology (`以习近平生态文明思想为指导…`), the "we made this plan"
 * preamble and assessment criteria (`…成效显著的;`) do not impose duties.
 */
import { hasBoilerplate, opensWithBoilerplate } from '../../zh/boilerplate.js';
import { namesByRole, extractActors } from './actors.js';
import { MODALITY_LABELS, detectModality } from './modality.js';
import { isHeadingText } from './sentences.js';
import { extractTargets } from './targets.js';
import { ADVERBS, DUTY_VERBS, clauseSegments, maskTitles, trimSpan } from './text.js';
import { extractConditions, extractTiming } from './timing.js';
import type { ActorMention, ModalCue, Modality, ObligationFrame, Span } from './types.js';

/** Options of {@link extractFrame}. */
export interface FrameOptions {
  /** Year stated earlier in the clause, for targets of a sentence without one. Default none. */
  contextYear?: number | null;
  /** Treat the sentence as a heading (never an obligation). Default: detected from the text. */
  heading?: boolean;
}

/** Ideology counts when it opens the sentence (`以习近平…为指导`), not when a duty mentions it in passing. */
function opensWithIdeology(masked: string): boolean {
  if (opensWithBoilerplate(masked)) return true;
  const first = clauseSegments(masked)[0];
  return !!first && hasBoilerplate(masked.slice(first[0], first[1]));
}
/** "We made this plan" (`结合我县工作实际,研究制定…`, `制定如下实施方案`): the preamble, not a duty. */
const PREAMBLE =
  /结合[我本][省市县区]?(?:工作)?实际[,，]?(?:研究)?(?:制定|建立|特制定)|(?:制定|特制定|建立)(?:了)?(?:本|如下|此)(?:行动|实施|工作)?(?:方案|机制|意见|办法)|现印发给你们/;
const CRITERIA = /的[;；。]?$/;
const COPULA = /^[^,，;；]{2,60}是[^,，;；]{2,60}(?:举措|体现|关键|基础|保障|前提|重点|任务|内容)/;
/** Cues that are themselves the verb of the action (`落实…`, `负责…`), not an auxiliary before it. */
const VERBAL_CUES = /^(落实|负责|负总责|支持|提倡|倡导|避免|防止|杜绝|探索|鼓励|允许|争创|争建)$/;
const DUTY_ROLES = new Set(['lead', 'responsible', 'cooperate', 'coordinate', 'chair', 'deputy', 'member', 'location']);
const RE_LEADING_ADVERBS = new RegExp(`^(?:${ADVERBS.join('|')})*`);
/** Adverbs without 将, which may open a 把-construction (`将本月工作…报`) rather than mean "will". */
const RE_LEADING_ADVERBS_NO_BA = new RegExp(`^(?:${ADVERBS.filter((a) => a !== '将').join('|')})*`);
/** Duty verbs that are themselves weak cues: they never make an implicit obligatory directive. */
const WEAK_VERBS = new Set(['鼓励', '支持', '探索', '引导']);
const REPORT_VERBS = ['报送', '上报', '报告', '报备', '报', '纳入', '列入', '作为', '放在', '融入', '移送', '抄送'];

/** The duty verb opening `s` after adverbs, or null (`切实加强组织领导` → 加强). */
export function leadingDutyVerb(s: string): { verb: string; at: number } | null {
  const adv = RE_LEADING_ADVERBS.exec(s)?.[0].length ?? 0;
  const rest = s.slice(adv);
  const verb = DUTY_VERBS.find((v) => rest.startsWith(v));
  return verb ? { verb, at: adv } : null;
}

/** Where the action starts: after an auxiliary cue, at a verbal cue, after a subject, or the first working clause. */
function actionAnchor(text: string, masked: string, modality: Modality, actors: ActorMention[], base: number): number {
  // The cue that sets the sentence's modality governs its main action (`…落实…制度,严禁在…开垦` → after 严禁).
  const main = modality.cue && !modality.cue.implicit ? modality.cue : modality.cues.find((c) => !c.implicit);
  if (main) return VERBAL_CUES.test(main.cue) ? main.start - base : main.end - base;
  const subject = actors.find((a) => a.pattern === 'subject' || a.pattern === '…牵头' || a.pattern === '由…牵头');
  if (subject) {
    let p = subject.list.end - base;
    const tail = /^(?:主要负责人|负责人|主要负责同志)?(?:牵头)?[,，]?/.exec(text.slice(p));
    if (tail) p += tail[0].length;
    return p;
  }
  for (const [s, e] of clauseSegments(masked)) {
    const seg = masked.slice(s, e);
    if (/^(为了?|在|对于?|除|按照|根据|依据|以)/.test(seg) && e < masked.length) continue;
    if (/^(?:到|至)?\d{4}年/.test(seg) && seg.length <= 12) continue;
    return s;
  }
  return 0;
}

/** The action span from an anchor to the end of its comma clause, plus its verb and object. */
function splitAction(text: string, anchor: number, base: number): { action: Span | null; verb: string | null; object: Span | null } {
  const segs = clauseSegments(text);
  const seg = segs.find(([s, e]) => anchor >= s && anchor < e) ?? segs.find(([s]) => s >= anchor);
  if (!seg) return { action: null, verb: null, object: null };
  const a = Math.max(anchor, seg[0]);
  const action = trimSpan(text, a, seg[1], base);
  if (!action) return { action: null, verb: null, object: null };
  const rel = action.start - base;
  const t = action.text;
  const adv = RE_LEADING_ADVERBS_NO_BA.exec(t)?.[0].length ?? 0;
  if (/^[将把]/.test(t.slice(adv)) && !(t[adv] === '将' && leadingDutyVerb(t.slice(adv + 1)))) {
    // 把-construction: `将本月工作…报县自然资源局` — the verb comes after its object.
    let best: { v: string; at: number } | null = null;
    for (const v of REPORT_VERBS.concat(DUTY_VERBS)) {
      const at = t.lastIndexOf(v);
      if (at > adv + 1 && (!best || at > best.at)) best = { v, at };
    }
    if (best) return { action, verb: best.v, object: trimSpan(text, rel + adv + 1, rel + best.at, base) };
  }
  const lead = leadingDutyVerb(t);
  if (!lead) return { action, verb: null, object: null };
  return { action, verb: lead.verb, object: trimSpan(text, rel + lead.at + lead.verb.length, seg[1], base) };
}

/** An implicit directive: some working clause opens with a duty verb (`科学划定…`, `大力开展…`). */
function implicitDirective(masked: string, base: number): ModalCue | null {
  for (const [s, e] of clauseSegments(masked)) {
    const seg = masked.slice(s, e);
    if (/^为了?/.test(seg)) continue;
    // Openers before the verb: `以…为重点`, `在一定范围内`, `向县政府` (`向…报告`), `对…情况` (`对…定期通报`).
    if (/^[将把]/.test(seg) && REPORT_VERBS.concat(DUTY_VERBS).some((v) => seg.indexOf(v, 2) > 0)) {
      // `将青山保卫战纳入…考核体系`: a 把-construction directive.
      return { level: 3, label: MODALITY_LABELS[3], cue: seg[0], start: base + s, end: base + s + 1, polarity: 'positive', softened: false, implicit: true };
    }
    const stripped = seg.replace(
      /^(?:(?:到|至)?\d{4}(?:年(?:底|末)?(?:前)?)?|[“"]?十[一二三四五]五[”"]?(?:期间|时期))?(?:以[^,，]{1,40}为(?:重点|主线|抓手|依托|目标|核心)|在[^,，]{1,20}?(?:内|中|上|下|方面)|向[^,，]{1,30}?(?=(?:专题)?(?:报告|报送|反馈|通报|提交|汇报))|对[^,，]{1,30}?(?:情况|问题|工作|事项)|科学|依法|统筹|因地制宜)?/,
      '',
    );
    const offset = seg.length - stripped.length;
    const lead = leadingDutyVerb(stripped);
    if (!lead || WEAK_VERBS.has(lead.verb)) continue;
    const at = s + offset + lead.at;
    return {
      level: 3,
      label: MODALITY_LABELS[3],
      cue: lead.verb,
      start: base + at,
      end: base + at + lead.verb.length,
      polarity: 'positive',
      softened: false,
      implicit: true,
    };
  }
  return null;
}

/**
 * Extracts the frame of one sentence. Offsets are `baseOffset` + index in `sentence` (pass the
 * sentence's clean start to get clean offsets).
 */
export function extractFrame(sentence: string, baseOffset = 0, options: FrameOptions = {}): ObligationFrame {
  const masked = maskTitles(sentence);
  let modality = detectModality(sentence, baseOffset);
  const actors = extractActors(sentence, baseOffset);
  const targets = extractTargets(sentence, baseOffset, { contextYear: options.contextYear ?? null });
  const timing = extractTiming(sentence, baseOffset);
  const conditions = extractConditions(sentence, baseOffset);
  const heading = options.heading ?? isHeadingText(sentence);
  const reasons: string[] = [];

  if (modality.level < 3 && !heading) {
    // A bare imperative binds like 要, unless a weaker cue scopes it (`鼓励企业…积极开展…`): the
    // directive counts only when it comes before the weak cue.
    const implicit = implicitDirective(masked, baseOffset);
    const firstExplicit = modality.cues.find((c) => !c.implicit);
    if (implicit && (!firstExplicit || implicit.start < firstExplicit.start)) {
      modality = { level: 3, label: implicit.label, cue: implicit, cues: [...modality.cues, implicit].sort((a, b) => a.start - b.start) };
    }
  }
  const explicit = modality.cue && !modality.cue.implicit ? modality.cue : null;
  const strongestExplicit = modality.cues.filter((c) => !c.implicit).reduce((m, c) => Math.max(m, c.level), 0);
  const dutyActors = actors.filter((a) => DUTY_ROLES.has(a.role));
  const concreteTiming = timing.filter((t) => !t.vague && t.kind !== 'period');
  const anyTiming = timing.filter((t) => t.kind !== 'period');
  const strongActor = dutyActors.some((a) => a.confidence >= 0.85);

  let isObligation = false;
  if (heading) reasons.push('heading');
  else if (PREAMBLE.test(masked)) reasons.push('preamble');
  else if (opensWithIdeology(masked) && strongestExplicit < 3 && !dutyActors.length && !targets.length && !concreteTiming.length) reasons.push('ideology');
  else if (CRITERIA.test(masked.trim()) && strongestExplicit < 4 && !strongActor && !targets.length) reasons.push('criteria');
  else if (COPULA.test(masked) && strongestExplicit === 0 && !strongActor) reasons.push('background');
  else {
    if (explicit) reasons.push(`modal:${explicit.cue}`);
    else if (modality.cue?.implicit) reasons.push(`directive:${modality.cue.cue}`);
    for (const a of dutyActors) if (!reasons.includes(`actor:${a.role}`)) reasons.push(`actor:${a.role}`);
    if (targets.length) reasons.push('target');
    for (const t of anyTiming) if (!reasons.includes(t.kind)) reasons.push(t.kind);
    isObligation = reasons.length > 0;
  }

  const anchor = actionAnchor(sentence, masked, modality, actors, baseOffset);
  const { action, verb, object } = splitAction(sentence, anchor, baseOffset);
  return {
    text: sentence,
    start: baseOffset,
    end: baseOffset + sentence.length,
    modality,
    actors,
    lead: namesByRole(actors, 'lead'),
    cooperating: namesByRole(actors, 'cooperate'),
    responsible: [...namesByRole(actors, 'responsible'), ...namesByRole(actors, 'coordinate')],
    chair: namesByRole(actors, 'chair'),
    location: namesByRole(actors, 'location'),
    targets,
    timing,
    conditions,
    action,
    verb,
    object,
    isObligation,
    reasons,
  };
}
