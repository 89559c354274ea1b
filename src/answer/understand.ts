/**
 * Question understanding without an LLM: what the question asks for (who / where / when / how
 * often / how much / which departments / whether allowed / what a term means), which
 * documents it is about (by county, city or province name, or by plan title), and — in a
 * chat — how a follow-up ("那宁武县呢？", "报送给谁？") inherits the previous question's
 * documents and topic.
 */
import type { ParsedDocument } from '../ingest/types.js';
import { asksComparison } from './compare.js';
import { expandQuestion } from './expand.js';
import { rewriteFollowUp } from './followup.js';
import { PROVINCE_SCOPE, QUESTION_KIND_CUES, QUESTION_WORDS, RECIPIENT_CUES } from '../zh/question-cues.js';
import { buildGazetteer, resolveScope } from './scope.js';
import { excludedNames } from './slot-rank.js';
import type { ChatSession, QuestionKind } from './types.js';

export interface Understanding {
  kind: QuestionKind;
  /** Documents the question is about (empty: all). */
  docIds: string[];
  /** Place names the question mentions. */
  places: string[];
  /** The question with question words and place names removed: what to look for. */
  topic: string;
  /** This question's own topic, without what a follow-up inherits ("配合部门有哪些" → 配合部门): ranks slot candidates. */
  focus: string;
  /** The retrieval query (for follow-ups, completed from the previous question), in the words documents use. */
  query: string;
  /** The question as asked (NFKC), before expansion: what the question-word rules read. */
  asked: string;
  /** A year the question asks about (到2035年…). */
  year: number | null;
  /** True when the question was completed from the chat context. */
  followUp: boolean;
  /** The complete question a follow-up stands for ("那2035年呢？" → the previous question for 2035), when it was rewritten. */
  rewritten: string | null;
  /** Asks who something is sent/reported to (报送给谁). */
  wantsRecipient: boolean;
  /** County/city/province names the question uses that no indexed document covers or mentions. */
  unknownPlaces: string[];
  /** Names the answer must leave out: 除…外, or what the last answer gave when the question asks 还有谁. */
  excluded: string[];
}

const RECIPIENT = RECIPIENT_CUES;

/** A follow-up asking for more than was just answered (还有哪些部门, 另外还有谁, 其他还有). */
const ASKS_FOR_MORE = /^(?:那|那么)?(?:还有|另外|其他|其余|除此之外|此外)/;

/** The names of an answer (区发改局、区林业局 → each), for a follow-up to leave out. */
function namesOf(answer: string): string[] {
  return answer
    .split(/[、，,；;和及]/)
    .map((x) => x.replace(/^.*[：:]/, '').trim())
    .filter((x) => x.length >= 2 && x.length <= 16);
}
const KIND_RULES = QUESTION_KIND_CUES;

/** Classifies what the question asks for. */
export function classifyQuestion(question: string): QuestionKind {
  const q = question.normalize('NFKC');
  if (RECIPIENT.test(q)) return 'who';
  for (const [kind, re] of KIND_RULES) if (re.test(q)) return kind;
  return 'what';
}

/** Documents that are "of" each place (the place is their region), for checking an answer is about it. */
export function ownDocsOf(places: string[], docs: Iterable<ParsedDocument>): Map<string, string[]> {
  const gazetteer = buildGazetteer(docs);
  return new Map(places.map((p) => [p, gazetteer.find((e) => e.name === p)?.own ?? []]));
}

/** Strips question words and places: what remains is the topic. */
export function extractTopic(question: string, places: string[]): string {
  let t = question.normalize('NFKC');
  for (const p of places) t = t.split(p).join('');
  return t.replace(QUESTION_WORDS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * A follow-up of a comparison that names neither side (那淤地坝的主体责任呢，两边分别落到哪级政府？;
 * 目标责任考核的对象呢？): the same sides, asked again, as one complete comparison question.
 */
function comparedAgain(q: string, last: string, places: string[], lastPlaces: string[]): string | null {
  if (places.length || lastPlaces.length < 2 || !asksComparison(last)) return null;
  if (!/两边|两者|二者|双方|分别|各自|呢[？?]?\s*$|呢[，,]/.test(q)) return null;
  let body = q
    .replace(/^那(?:么)?/, '')
    .replace(/两边|两者|二者|双方/g, '')
    .replace(/呢(?=[，,])/, '')
    .replace(/[，,]\s*(?=[，,])/g, '');
  // 对象呢？ asks what the comparison asked, of another topic.
  if (/呢[？?]?\s*$/.test(body)) body = `${body.replace(/呢[？?]?\s*$/, '')}分别是什么？`;
  else if (!/分别|各自/.test(body)) body = `分别${body}`;
  return `${lastPlaces.slice(0, 2).join('和')}${body}`;
}

/**
 * Understands a question, optionally in the context of a chat session. A question that
 * names no place or plan inherits the session's documents; one with no topic of its own
 * ("那宁武县呢？") inherits the previous question, with the new place put in.
 */
export function understandQuestion(question: string, docs: ParsedDocument[], context?: ChatSession['context']): Understanding {
  const q = question.normalize('NFKC').trim();
  const gazetteer = buildGazetteer(docs);
  const scope = resolveScope(q, docs, gazetteer);
  const { places } = scope;
  const unknown = scope.unknownPlaces;
  let docIds = scope.docIds;
  let kind = classifyQuestion(q);
  // Topic and query in the words documents use (水保 → 水土保持, 庄稼 → 农作物).
  const expanded = expandQuestion(q);
  let topic = extractTopic(expanded, places);
  const focus = topic;
  let query = expanded;
  let followUp = false;
  const last = context?.lastQuestion ?? null;
  if (last && context) {
    // "那宁武县呢？", "那2035年那栏呢？", "到2035年呢，差多少？": the previous question, about another place or year.
    // The previous question's places include a province word (全省), which a county's name replaces.
    const province = PROVINCE_SCOPE.exec(last)?.[0];
    const lastPlaces = [...resolveScope(last, docs, gazetteer).places, ...(province ? [province] : [])];
    const rewritten = rewriteFollowUp(q, last, places, lastPlaces, context.previousQuestion ?? null) ?? comparedAgain(q, last, places, lastPlaces);
    if (rewritten) return { ...understandQuestion(rewritten, docs), followUp: true, rewritten };
    // 那“五同步治理”指哪几项: a phrase quoted from the same documents is a topic of its own; only the documents carry over.
    const quoted = /[“"]([^”"]{2,20})[”"]/.exec(q)?.[1];
    const ownTopic = !!quoted && docs.some((d) => context.docIds.includes(d.id) && d.clean.text.includes(quoted));
    if (!docIds.length && ownTopic) {
      docIds = context.docIds;
      followUp = true;
    } else if (!docIds.length) {
      // "报送给谁？": same documents, this question's ask, the previous topic as context.
      docIds = context.docIds;
      query = `${context.topic} ${q}`.trim();
      topic = `${context.topic} ${topic}`.trim();
      // "2035年呢？" asks what the previous question asked, for another year.
      if (kind === 'what' && context.kind && !/几|多少|什么|哪|谁|何/.test(q)) kind = context.kind;
      followUp = true;
    }
  }
  const year = /(20\d{2})\s*年/.exec(q)?.[1] ?? /(20\d{2})\s*年/.exec(query)?.[1];
  return {
    kind,
    docIds,
    places,
    topic,
    focus,
    query,
    year: year ? Number(year) : null,
    followUp,
    asked: q,
    rewritten: null,
    wantsRecipient: RECIPIENT.test(q),
    unknownPlaces: unknown,
    excluded: [...excludedNames(q), ...(followUp && ASKS_FOR_MORE.test(q) ? namesOf(context?.lastAnswer ?? '') : [])],
  };
}
