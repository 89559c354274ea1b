/** `policy ask "…"`: a short answer with verbatim clause citations, or an abstention. */
import { AppError } from '../../core/errors.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { REQUESTED_MODES, type Answer, type Citation } from '../../answer/types.js';
import { choiceFlag, configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';

/** Where a citation is: its clause, and for a paged source its page (`（第3页）`) and whether it was OCR'd. */
export function citationPlace(c: Citation): string {
  return `${c.clause || '(正文前)'}${c.page ? `（第${c.page}页）` : ''}${c.ocr ? ' [OCR]' : ''}`;
}

/** An answer as people read it on a terminal: the answer, per-document parts, the working, the citations. */
export function formatAnswer(answer: Answer): string[] {
  const lines = [answer.abstained ? `文件中未找到相关规定。${answer.reason ? `(${answer.reason})` : ''}` : `答：${answer.answer}`];
  for (const part of answer.parts ?? []) lines.push(`  · ${part.label}：${part.answer}`);
  if (answer.working) lines.push(`  计算：${answer.working}`);
  for (const [i, c] of answer.citations.entries()) {
    lines.push(`  [${i + 1}] ${c.title} ${citationPlace(c)} (${c.source} ${c.start}-${c.end})`);
    lines.push(`      “${c.quote.replace(/\s+/g, ' ')}”`);
  }
  if (answer.citations.some((c) => c.ocr)) lines.push('  [OCR] 引文取自扫描页的文字识别结果，可能有识别错误，请以原件为准。');
  lines.push(`  mode ${answer.mode}, confidence ${answer.confidence.toFixed(2)}`);
  return lines;
}

export const askCommand = defineCommand({
  summary: 'Answer a question with verbatim clause citations (or say the documents do not say)',
  usage: 'policy ask "QUESTION" [--doc ID] [--mode extractive|llm|auto] [--json]',
  options: { doc: { type: 'string', multiple: true }, mode: { type: 'string' } },
  async run({ values, positionals, ctx }) {
    const question = positionals.join(' ');
    if (!question.trim()) throw new AppError('QUERY_EMPTY', 'Give a question: policy ask "谁牵头召开协调会议？"');
    const mode = choiceFlag(values.mode, REQUESTED_MODES, 'mode') ?? 'auto';
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    const answer = await ws.ask(question, {
      docIds: values.doc,
      mode,
    });
    if (ctx.json) {
      printJson(answer);
      return;
    }
    for (const line of formatAnswer(answer)) ctx.say(line);
  },
});
