/** `policy search "…"`: hybrid retrieval with filters. */
import { AppError } from '../../core/errors.js';
import { SEARCH_MODES } from '../../retrieval/types.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { choiceFlag, configFromFlags, defineCommand, intFlag } from '../command.js';
import { printJson } from '../output.js';

const LEVELS = ['省', '市', '县', '区'] as const;

export const searchCommand = defineCommand({
  summary: 'Search the index (hybrid BM25 + dense)',
  usage: 'policy search "QUERY" [--k N] [--doc ID] [--level 省|市|县|区] [--region NAME] [--mode hybrid|lexical|dense] [--json]',
  options: { k: { type: 'string' }, doc: { type: 'string', multiple: true }, level: { type: 'string' }, region: { type: 'string' }, mode: { type: 'string' } },
  async run({ values, positionals, ctx }) {
    const query = positionals.join(' ');
    if (!query.trim()) throw new AppError('QUERY_EMPTY', 'Give a query: policy search "协调会议 牵头部门"');
    const level = choiceFlag(values.level, LEVELS, 'level');
    const mode = choiceFlag(values.mode, SEARCH_MODES, 'mode');
    const k = intFlag(values.k, 'k', 10);
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    const hits = await ws.search(query, {
      k,
      docIds: values.doc,
      level,
      region: values.region,
      mode,
    });
    if (ctx.json) {
      printJson({ query, hits });
      return;
    }
    if (!hits.length) ctx.say('No matching clauses.');
    for (const h of hits) {
      ctx.say(`${h.rank}. [${h.score.toFixed(3)}] ${h.source} ${h.clausePath || '(preamble)'} ${h.heading ? `— ${h.heading}` : ''}`);
      ctx.say(`   ${h.text.replace(/\s+/g, ' ').slice(0, 160)}${h.text.length > 160 ? '…' : ''}`);
    }
  },
});
