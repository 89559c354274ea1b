/**
 * Types of the frame extractors: what a sentence of a plan says about a duty (how strongly,
 * who, what, how much, by when, how often). Every offset is into the CLEAN text (the caller
 * passes the sentence's clean start as `baseOffset`); the obligation stage maps clean offsets
 * to original offsets for quotes.
 */

/** A piece of text with clean offsets: `text === clean.slice(start, end)`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** A sentence of {@link splitSentences}; `heading` marks a clause heading or title line. */
export interface Sentence extends Span {
  heading: boolean;
}

/**
 * Strength of a duty: 5 prohibition (严禁/禁止/不得), 4 mandatory (必须/务必/确保/严格),
 * 3 obligatory (应当/应/要/需/负责/落实, and a bare directive verb), 2 aspirational
 * (力争/原则上/争取/尽量), 1 permissive (鼓励/支持/可以/提倡), 0 none.
 */
export type ModalityLevel = 0 | 1 | 2 | 3 | 4 | 5;
export type ModalityLabel = 'none' | 'permissive' | 'aspirational' | 'obligatory' | 'mandatory' | 'prohibition';

/** One modal cue word found in a sentence. */
export interface ModalCue {
  level: ModalityLevel;
  label: ModalityLabel;
  /** The cue as written (`严格禁止`, `应`, `避免`). */
  cue: string;
  start: number;
  end: number;
  /** 'negative' when the duty is NOT to do something (严禁, 不得, 避免, 防止). */
  polarity: 'positive' | 'negative';
  /** A weakened negative (避免/防止 rather than 严禁) or a hedge (适时, 视情况). */
  softened: boolean;
  /** True for an implicit directive (a sentence that starts with a duty verb, no modal word). */
  implicit: boolean;
}

/** The modality of a sentence: its strongest cue, plus every cue found. */
export interface Modality {
  level: ModalityLevel;
  label: ModalityLabel;
  /** The strongest cue, null when none. */
  cue: ModalCue | null;
  cues: ModalCue[];
}

export type ActorRole = 'lead' | 'cooperate' | 'responsible' | 'coordinate' | 'chair' | 'deputy' | 'member' | 'location';

/** A department (or post) named in a list, with its own offsets. Names are kept as written. */
export type ActorName = Span;

/** One statement of who does what: `由县自然资源局牵头` → role lead, names [县自然资源局]. */
export interface ActorMention {
  role: ActorRole;
  names: ActorName[];
  /** The whole list as written (names and separators). */
  list: Span;
  /** Which pattern found it (`由…牵头`, `责任部门:`, `subject`, …): for debugging and confidence. */
  pattern: string;
  /** 0..1: explicit labelled patterns are near 1, a sentence subject is lower. */
  confidence: number;
  /** For `location`: what is located (`办公室`, `领导小组办公室`), when stated. */
  subject?: string;
  /** The list ended with 等/等部门/等相关部门 (more units than named). */
  etc?: boolean;
}

export type Comparator = '>=' | '<=' | '=';

/** A quantitative target: `全省水土保持率达到66.18%` → 水土保持率 66.18 %. */
export interface Target {
  /** The measured thing (the noun phrase before the number, or after it for `打造100条…小流域`). */
  metric: string | null;
  value: number;
  /** The number as written (`66.18`). */
  valueText: string;
  unit: string;
  /** Comparator words as written (`达到`, `不低于`, `达到…以上`), null when none. */
  comparator: string | null;
  op: Comparator;
  /** Target year (`到2025年` → 2025; a 五年规划 period → its last year). */
  year: number | null;
  /** True when the year came from an earlier sentence of the clause, not this one. */
  yearInherited?: boolean;
  /** Period as written (`“十四五”期间`, `每年`), null when none. */
  period: string | null;
  /** From the metric (or the number) to the end of the unit/comparator. */
  start: number;
  end: number;
  raw: string;
  /** The value with its unit (`66.18%`): the answer to "how much". */
  amount: Span;
}

export type TimingKind = 'deadline' | 'frequency' | 'period';
export type PeriodUnit = 'week' | 'month' | 'quarter' | 'half-year' | 'year';

/** A deadline (`2020年底前`), frequency (`每季度`) or period (`“十四五”期间`). */
export interface Timing extends Span {
  kind: TimingKind;
  /** For frequencies and recurring deadlines: the cycle. */
  period: PeriodUnit | null;
  year: number | null;
  month: number | null;
  day: number | null;
  /** `每季度末下月2日前`: the deadline falls this many months after the end of the period. */
  monthOffset?: number;
  /** 定期/及时/随时: stated without a concrete time. */
  vague: boolean;
  /** Who receives the report, when the sentence says (`报送自然资源局`). */
  recipient: Span | null;
}

export type ConditionKind = 'before' | 'provided' | 'except' | 'scope' | 'trigger';

/** A condition or qualifier on a duty: 在规划审批前, 在…前提下, 除…外, 对…的, 一旦…. */
export interface Condition extends Span {
  kind: ConditionKind;
}

/** Everything the frame extractors read from one sentence. */
export interface ObligationFrame extends Span {
  modality: Modality;
  actors: ActorMention[];
  /** Names by role, for convenience (from {@link actors}). */
  lead: string[];
  cooperating: string[];
  responsible: string[];
  chair: string[];
  location: string[];
  targets: Target[];
  timing: Timing[];
  conditions: Condition[];
  /** The main verb phrase: the clause after the actor/modal up to the first comma or stop. */
  action: Span | null;
  /** The duty verb that opens the action, when recognised (`召开`, `报送`). */
  verb: string | null;
  /** What the verb acts on: the rest of the action after the verb. */
  object: Span | null;
  isObligation: boolean;
  /** Why it is (or is not) an obligation: `modal:应`, `actor:lead`, `target`, `deadline`, `ideology`, … */
  reasons: string[];
}

export type SlotKind = 'who' | 'where' | 'when' | 'frequency' | 'amount' | 'list' | 'allowed' | 'definition';

/** One candidate answer of {@link extractSlot}. */
export interface SlotAnswer extends Span {
  kind: SlotKind;
  /** 0..1, higher is better. */
  confidence: number;
  /** Extra facts: the role of a `who`, the term of a `definition`, `allowed` true/false, the metric of an `amount`. */
  detail?: Record<string, string | number | boolean | null>;
}
