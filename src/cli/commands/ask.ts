/** `policy ask "…"`: a short answer with verbatim clause citations, or an abstention. */
import { AppError } from '../../core/errors.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { REQUESTED_MODES } from '../../answer/types.js';
import { choiceFlag, configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';

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
    ctx.say(answer.abstained ? `文件中未找到相关规定。${answer.reason ? `(${answer.reason})` : ''}` : `答：${answer.answer}`);
    for (const [i, c] of answer.citations.entries()) {
      ctx.say(`  [${i + 1}] ${c.title} ${c.clause || '(正文前)'} (${c.source} ${c.start}-${c.end})`);
      ctx.say(`      “${c.quote.replace(/\s+/g, ' ')}”`);
    }
    ctx.say(`  mode ${answer.mode}, confidence ${answer.confidence.toFixed(2)}`);
  },
});
