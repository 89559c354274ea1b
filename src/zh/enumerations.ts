/**
 * Coordinated lists in a sentence (A、B、C等工程; 以A、B、C为重点; A和B两个体系), the grammar in one
 * place: where each item starts and ends, what leads into the list (实施, 以, 宣传…的), what
 * follows it (等工程, 三道防线, 为重点) and what it names (工程, 防线, the items' shared ending 型).
 *
 * Item boundaries inside a clause are decided by parallelism, not by a table of verbs: the
 * first item may carry the verb that introduces the list (积极实施|天然林资源保护) and the last the
 * words that close it (渭北黑腰带采煤沉陷区|开展恢复治理); among the cuts the tokenizer allows
 * (after a verb, preposition, conjunction or 的), the one that makes the item most like its
 * siblings in length wins. An explicit closer (等, a numeral with its classifier, the shared
 * ending) is taken first.
 */
import { DEPARTMENT_VARIANTS } from './departments.js';
import { parseNumber } from './numerals.js';
import { getJieba } from './tokenize.js';

/**
 * A purpose frame (`为综合治理、预防监督、动态监测和科学研究提供支撑`): the list inside names what a
 * requirement serves, not what it demands, so a lower plan that names fewer of them keeps the
 * requirement. Group 1 is the list. Only the fixed 为…提供/作出…支撑/服务/保障/依据 frame counts: a
 * plain 为 (`为重点`, `以…为主`) introduces no purpose.
 */
export const PURPOSE_FRAME = /为([^，,。；;]{2,60}?)(?:提供|作出|做出)[^，,。；;]{0,4}?(?:支撑|支持|服务|保障|依据|参考|借鉴)/g;

/** One item of a list, with offsets into the sentence given. */
export interface EnumerationItem {
  text: string;
  start: number;
  end: number;
}

/** A coordinated list found in a sentence. */
export interface Enumeration {
  items: EnumerationItem[];
  /** Offsets of the list (first item's start, last item's end) into the sentence. */
  start: number;
  end: number;
  /** The clause's words before the first item (积极实施, 以). */
  lead: string;
  /** The clause's words after the last item (等工程, 三道防线布设防治措施, 为重点). */
  tail: string;
  /** What the list names: the noun after 等 or after a stated count (工程, 防线), else the items' shared ending (型, 体系), else null. */
  name: string | null;
  /** The count the text states for it (三道防线 → 3), or null. */
  statedCount: number | null;
  /** Whether the items are joined by 、 (a list) rather than only by 和/及/与 (two items, weaker evidence of a list). */
  enumerated: boolean;
}

/** A comma between a short item after a 、 and a short item closed by 的/等: a mistyped 、. */
const MISTYPED_COMMA = /(?<=、[^、，,。；;：:]{1,6})[，,](?=[^、，,。；;：:]{1,6}(?:的|等))/g;

/** Options of {@link findEnumerations}. */
export interface EnumerationOptions {
  /** Longest item, in characters (longer pieces are clauses, not items). Default 16. */
  maxItemChars: number;
  /** Also read two items joined only by 和/及/与 (A和B两个体系). Default true. */
  pairs: boolean;
}

export const defaultEnumerationOptions: EnumerationOptions = { maxItemChars: 16, pairs: true };

/** Punctuation that ends a clause: a list never crosses it. */
const CLAUSE_END = /[,，;；:：。！？!?（）()]/;
/** Conjunctions joining the last item (A、B和C; A及B). */
const CONJUNCTION = /以及|和|及|与|或者|或/g;
/** Words that close a list: 等 (not 等级, 等同), a count with its classifier (三道, 五个, 十大). */
const ETC = /等(?![级同待])(?:相关|有关|其他)?/;
const COUNTED = /([一二两三四五六七八九十\d]+)\s*(?:道|大|项|个|类|种|条|处|方面|片|座|级|档|化|同步|统一)/;
/**
 * Words that lead into a list (实施|A、B、C; 以|A、B为重点; 宣传…的|A、B和C): the first item starts
 * after the last of them. A verb the tokenizer tags (预防|保护区) is a weaker cut, taken only when
 * it makes the first item as long as its siblings.
 */
const LEAD_WORDS = [
  '推动',
  '从事',
  '采取',
  '鼓励',
  '支持',
  '引导',
  '争建',
  '创建',
  '抄送',
  '报送',
  '上报',
  '会同',
  '联合',
  '协调',
  '督促',
  '指导',
  '由',
  '利用',
  '借助',
  '结合',
  '依托',
  '落实',
  '实施',
  '开展',
  '包括',
  '包含',
  '纳入',
  '针对',
  '围绕',
  '聚焦',
  '突出',
  '按照',
  '依照',
  '依据',
  '推进',
  '加强',
  '强化',
  '建设',
  '完善',
  '建立',
  '健全',
  '组织',
  '明确',
  '打造成',
  '打造',
  '建成',
  '形成',
  '宣传',
  '实行',
  '推行',
  '严禁',
  '禁止',
  '避免',
  '防止',
  '杜绝',
  '做好',
  '抓好',
  '提升',
  '保障',
  '分为',
  '涉及',
  '覆盖',
  '以',
  '对',
  '在',
  '将',
  '把',
  '的',
];
/** Words that close a list after its last item (A、B为重点; A、B开展恢复治理; A、B的工作台账). */
const TAIL_WORDS = /^(?:为|作为|开展|进行|的|一体化|相结合|相统一)/;
/** Nouns after the last item that name the whole list (宜留则留|原则, 草畜平衡|制度, 面源污染|同步治理). */
const NAMING_TAIL = /^(?:原则|制度|机制|工程|行动|措施|体系|模式|同步|要求|任务|方面|领域|环节)/;
/** Tags of the tokenizer's weaker cuts (a verb, preposition, conjunction, 的). */
const CUT_TAGS = /^(?:v|vd|vg|p|uj|c)$/;
/** Words after a list naming nothing (等 ... 相关 部门 → 部门). */
const NAME_STOP = /^(?:相关|有关|其他|各|多个|方面的?)$/;

/** Department names that contain a conjunction (林业和草原): never split there. */
const JOINED_NAMES = DEPARTMENT_VARIANTS.flatMap((d) => [d.core, ...d.variants]).filter((n) => /[和与及]/.test(n));

/** Word spans of a text, from the tokenizer, with their tags. */
function tagged(text: string): { word: string; tag: string; start: number; end: number }[] {
  let at = 0;
  return getJieba()
    .tag(text, true)
    .map((w) => {
      const s = { word: w.word, tag: w.tag, start: at, end: at + w.word.length };
      at += w.word.length;
      return s;
    });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : 0;
};

/** The longest ending (1–3 characters) the given items share, or ''. */
function sharedEnding(items: string[]): string {
  if (items.length < 2) return '';
  for (let n = 3; n >= 1; n--) {
    const end = items[0].slice(-n);
    if (end.length === n && /^\p{Script=Han}+$/u.test(end) && items.every((t) => t.length > n && t.endsWith(end))) return end;
  }
  return '';
}

/** Where the first item starts in its piece: after the last word leading into the list, else where it is most like its siblings. */
function cutLead(piece: string, target: number, siblings: string[]): number {
  const words = tagged(piece);
  const fits = (cut: number) => piece.length - cut >= 2 && (!target || piece.length - cut >= target / 2);
  // A word every item repeats is part of the items (挑最重的担子、啃最硬的骨头; 实施A、实施B), not a lead-in.
  const parallel = (word: string) => siblings.some((t) => t.includes(word));
  const strong = words.filter((w) => LEAD_WORDS.includes(w.word) && fits(w.end) && !parallel(w.word)).map((w) => w.end);
  // 的 closes a modifier of the first item's head wherever the tokenizer put it (宣传…的|重要意义).
  const de = piece.lastIndexOf('的');
  if (de >= 0 && fits(de + 1) && !parallel('的')) strong.push(de + 1);
  if (strong.length) return Math.max(...strong);
  if (!target) return 0;
  // A tagged verb leads in only when cutting after it makes the item as long as its siblings and the whole piece is not.
  const weak = words.filter((w) => CUT_TAGS.test(w.tag) && fits(w.end) && Math.abs(piece.length - w.end - target) <= 1).map((w) => w.end);
  return weak.length && Math.abs(piece.length - target) > 1 ? Math.max(...weak) : 0;
}

/** Where the last item ends in its piece, and what the words after it name. */
function cutTail(piece: string, target: number, ending: string, siblings: string[]): { end: number; name: string | null; count: number | null } {
  const etc = ETC.exec(piece);
  const counted = COUNTED.exec(piece);
  type Closer = { at: number; after: number; count: number | null };
  const closers: Closer[] = [];
  if (etc && etc.index >= 1) closers.push({ at: etc.index, after: etc.index + etc[0].length, count: null });
  if (counted && counted.index >= 2) closers.push({ at: counted.index, after: counted.index + counted[0].length, count: parseNumber(counted[1]) });
  const explicit = closers.sort((a, b) => a.at - b.at)[0];
  if (explicit) return { end: explicit.at, name: nameAfter(piece.slice(explicit.after)), count: explicit.count };
  if (ending) {
    const at = piece.indexOf(ending);
    if (at >= 1) return { end: at + ending.length, name: ending, count: null };
  }
  const words = tagged(piece);
  const closer = words.find(
    (w) => w.start >= 2 && (TAIL_WORDS.test(piece.slice(w.start)) || NAMING_TAIL.test(w.word)) && !siblings.some((t) => t.includes(w.word)),
  );
  if (closer) return { end: closer.start, name: NAMING_TAIL.test(closer.word) ? nameAfter(piece.slice(closer.start)) : null, count: null };
  if (!target || Math.abs(piece.length - target) <= 1) return { end: piece.length, name: null, count: null };
  const weak = words.filter((w) => CUT_TAGS.test(w.tag) && w.start >= 2 && Math.abs(w.start - target) <= 1);
  return { end: weak.length ? weak[0].start : piece.length, name: null, count: null };
}

/** The noun a list's closer names (等|相关部门积极配合 → 部门; 三道|防线布设… → 防线). */
function nameAfter(text: string): string | null {
  const words = tagged(text);
  let name = '';
  for (const w of words) {
    if (!name && NAME_STOP.test(w.word)) continue;
    const nounish = /^n/.test(w.tag) || (w.tag === 'x' && /^\p{Script=Han}+$/u.test(w.word));
    // A word tagged as a verb still names the list when it is the first (等|行为) or a noun's second half (主题|活动).
    if (!nounish && !(w.tag === 'vn' && name) && !(name === '' && w.word.length >= 2 && /^\p{Script=Han}+$/u.test(w.word))) break;
    name += w.word;
    if (name.length >= 6) break;
  }
  return name || null;
}

/** Pieces of a clause between 、 (the last split once more at its conjunction), with offsets. */
function piecesOf(clause: string, pairs: boolean): { pieces: [number, number][]; enumerated: boolean } | null {
  const pieces: [number, number][] = [];
  let a = 0;
  for (let i = 0; i <= clause.length; i++) {
    if (i === clause.length || clause[i] === '、') {
      pieces.push([a, i]);
      a = i + 1;
    }
  }
  const enumerated = pieces.length >= 2;
  if (!enumerated && !pairs) return null;
  // The last piece (or the only one) may join one more item with a conjunction: split at the first
  // conjunction that is not inside a department's name.
  const [la, lb] = pieces[pieces.length - 1];
  const last = clause.slice(la, lb);
  for (const m of last.matchAll(CONJUNCTION)) {
    const at = m.index!;
    if (JOINED_NAMES.some((n) => last.slice(Math.max(0, at - n.length), at + n.length).includes(n))) continue;
    if (at < 2 || last.length - at - m[0].length < 2) continue;
    pieces.splice(pieces.length - 1, 1, [la, la + at], [la + at + m[0].length, lb]);
    break;
  }
  // A conjunction in the first piece of a pair joins the lead's words, not items.
  return pieces.length >= 2 ? { pieces, enumerated } : null;
}

/**
 * The coordinated lists of a sentence, in text order. Items are trimmed of the words that lead
 * into the list and close it; offsets are into `sentence`.
 */
export function findEnumerations(text: string, options: Partial<EnumerationOptions> = {}): Enumeration[] {
  const o = { ...defaultEnumerationOptions, ...options };
  const out: Enumeration[] = [];
  // A comma typed for 、 inside a list (时间表、路线图、责任人，任务书的工作台账) joins its last item; the
  // replacement keeps every offset.
  const sentence = text.replace(MISTYPED_COMMA, '、');
  let from = 0;
  for (let i = 0; i <= sentence.length; i++) {
    if (i < sentence.length && !CLAUSE_END.test(sentence[i])) continue;
    const clause = sentence.slice(from, i);
    const found = enumerationOf(clause, from, o);
    if (found) out.push(found);
    from = i + 1;
  }
  return out;
}

function enumerationOf(clause: string, base: number, o: EnumerationOptions): Enumeration | null {
  if (clause.length < 4) return null;
  const split = piecesOf(clause, o.pairs);
  if (!split) return null;
  const { pieces, enumerated } = split;
  const texts = pieces.map(([a, b]) => clause.slice(a, b));
  const middle = texts.slice(1, -1);
  // Siblings' length: the middle items' (a pair has none: only explicit words cut it).
  const target = middle.length ? median(middle.map((t) => t.length)) : 0;
  // “重点关注名单”和“黑名单”: a first item in quotation marks starts at its opening mark, whatever leads into it.
  const quotedFirst = /“[^“”]+”$/.exec(texts[0]);
  const firstCut = quotedFirst ? quotedFirst.index : cutLead(texts[0], target, texts.slice(1));
  const first = texts[0].slice(firstCut);
  const ending = sharedEnding([first, ...middle]);
  const tail = cutTail(texts[texts.length - 1], target, ending, [first, ...middle]);
  const items: EnumerationItem[] = pieces.map(([a, b], k) => {
    let s = k === 0 ? a + firstCut : a;
    let e = k === pieces.length - 1 ? a + tail.end : b;
    // The last item in quotation marks ends at its closing mark (“黑名单”制度 → 黑名单).
    if (k === pieces.length - 1 && clause[s] === '“') {
      const close = clause.indexOf('”', s);
      if (close > s && close < b) e = close + 1;
    }
    // An item in quotation marks is the words inside them.
    if (clause[s] === '“' && clause[e - 1] === '”' && e - s > 2) {
      s++;
      e--;
    }
    return { text: clause.slice(s, e), start: base + s, end: base + e };
  });
  if (items.some((it) => it.text.length < 1 || it.text.length > o.maxItemChars || !/\p{Script=Han}|\d/u.test(it.text))) return null;
  // Two items joined only by a conjunction are a list when they are alike: a shared ending, a
  // stated count, or lengths within a factor of two.
  if (!enumerated) {
    const [x, y] = items.map((it) => it.text.length);
    const alike = !!sharedEnding(items.map((it) => it.text)) || tail.count === 2 || Math.max(x, y) <= 2 * Math.min(x, y);
    if (!alike || items.length !== 2) return null;
  }
  const lastPiece = pieces[pieces.length - 1];
  return {
    items,
    start: items[0].start,
    end: items[items.length - 1].end,
    lead: clause.slice(0, pieces[0][0] + firstCut),
    tail: clause.slice(lastPiece[0] + tail.end),
    name: tail.name ?? (sharedEnding(items.map((it) => it.text)) || null),
    statedCount: tail.count,
    enumerated,
  };
}
