/**
 * Yes/no questions (可以…吗, 能不能, 是不是要, 算不算) answered with the rule that decides them:
 * the verdict read from the decisive clause's modality (不得/严禁 → 不能; 可以/鼓励/给予 → 可以;
 * 要/应/必须 → 要; a list that names the thing → 是), followed by that clause verbatim.
 */
import { findModalCues } from '../analysis/frames/modality.js';
import { YES_NO_CUES } from '../zh/question-cues.js';
import { hanBigrams } from '../zh/bigrams.js';

/** Whether a question asks yes or no (and not for a value: 哪些…吗 is a list question). */
export function asksYesNo(question: string): boolean {
  const q = question.normalize('NFKC');
  return (
    YES_NO_CUES.test(q) && !/谁|哪|什么|多少|几|何时|何处|怎么|如何|啥/.test(q.replace(/是不是|要不要|能不能|算不算|有没有|可不可以|需不需要|会不会/g, ''))
  );
}

/** A question asking to skip a step (不经, 未经, 无需, 不用): a clause requiring the step answers no. */
const NEGATED = /不经|未经|不通过|不用|不必|无需|无须|不需|没有.{0,6}就|不报|不做|绕过|跳过/;

/** What the question asks to be confirmed: permission, a duty, membership, or existence. */
type Ask = 'permission' | 'duty' | 'membership' | 'existence';

function askOf(question: string): Ask {
  if (/算不算|是不是.{0,8}(?:部门|单位|之一|范围|内容)|也算|属于|也是|包括.{0,8}吗|在不在/.test(question)) return 'membership';
  if (/要不要|是否要|需不需要|需要|要求|必须|应该|是不是.{0,3}要|得不得|用不用/.test(question)) return 'duty';
  if (/有没有|是否有|有.{0,8}吗/.test(question)) return 'existence';
  return 'permission';
}

/**
 * The verdict for a yes/no question from the clause that decides it: a prohibition answers no,
 * anything the clause grants or requires answers yes in the question's own terms.
 */
export function yesNoVerdict(question: string, clause: string): string {
  const q = question.normalize('NFKC');
  const cues = findModalCues(clause);
  const forbidden = cues.some((c) => c.polarity === 'negative' && c.level >= 5);
  const ask = askOf(q);
  if (forbidden) return ask === 'duty' ? '不得' : '不能';
  // Asked whether something may be done WITHOUT what the clause requires (能不经协商直接实施吗 / 必须经过协商).
  const required = cues.some((c) => c.polarity === 'positive' && c.level >= 3);
  if (NEGATED.test(q) && required) return ask === 'duty' ? '要' : '不能';
  switch (ask) {
    case 'membership':
      return '是';
    case 'duty':
      return '要';
    case 'existence':
      return '有';
    default:
      return cues.some((c) => c.level === 1) ? '可以' : '可以';
  }
}

/** The `maxChars` window of a long clause that shares the most of the question's bigrams (区审计局 in a long list). */
function closestWindow(question: string, clause: string, maxChars: number): string {
  if (clause.length <= maxChars) return clause;
  const q = hanBigrams(question);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i + maxChars <= clause.length; i++) {
    let score = 0;
    for (const g of hanBigrams(clause.slice(i, i + maxChars))) if (q.has(g)) score++;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return `${best > 0 ? '…' : ''}${clause.slice(best, best + maxChars)}${best + maxChars < clause.length ? '…' : ''}`;
}

/** The longest run of at least three characters the question and the clause share, rarest first: the item asked about. */
function sharedItem(question: string, clause: string): string | null {
  let best = '';
  const q = question.normalize('NFKC');
  for (let i = 0; i < q.length; i++) {
    for (let j = i + 3; j <= q.length; j++) {
      const piece = q.slice(i, j);
      if (!clause.includes(piece)) break;
      if (piece.length > best.length) best = piece;
    }
  }
  return best || null;
}

/** The answer: the verdict, then the deciding clause (the part of it closest to the question when long). */
export function yesNoAnswer(question: string, clause: string, maxChars = 48): string {
  const verdict = yesNoVerdict(question, clause);
  // Membership (区审计局也算责任部门吗): show the list around the item asked about.
  const item = askOf(question.normalize('NFKC')) === 'membership' ? sharedItem(question, clause) : null;
  if (item && clause.length > maxChars) {
    const at = clause.indexOf(item);
    const start = Math.max(0, Math.min(at - Math.floor((maxChars - item.length) / 2), clause.length - maxChars));
    return `${verdict}。${start > 0 ? '…' : ''}${clause.slice(start, start + maxChars)}${start + maxChars < clause.length ? '…' : ''}`;
  }
  return `${verdict}。${closestWindow(question, clause, maxChars)}`;
}
