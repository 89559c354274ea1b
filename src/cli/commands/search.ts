/** `policy search "…"`: hybrid retrieval with filters. */
import { AppError } from '../../core/errors.js';
import type { AdminLevel } from '../../ingest/types.js';
import type { SearchMode } from '../../retrieval/types.js';
import { createWorkspace } from '../../workspace/workspace.js';
import { configFromFlags, intFlag, type CommandSpec } from '../command.js';
import { printJson, UsageError } from '../output.js';

const LEVELS = ['省', '市', '县', '区'];
const MODES = ['hybrid', 'lexical', 'dense'];

export const searchCommand: CommandSpec = {
  summary: 'Search the index (hybrid BM25 + dense)',
  usage: 'policy search "QUERY" [--k N] [--doc ID] [--level 省|市|县|区] [--region NAME] [--mode hybrid|lexical|dense] [--json]',
  options: { k: { type: 'string' }, doc: { type: 'string', multiple: true }, level: { type: 'string' }, region: { type: 'string' }, mode: { type: 'string' } },
  async run({ values, positionals, ctx }) {
    const query = positionals.join(' ');
    if (!query.trim()) throw new AppError('QUERY_EMPTY', 'Give a query: policy search "协调会议 牵头部门"');
    if (values.level && !LEVELS.includes(values.level as string)) throw new UsageError(`--level takes one of ${LEVELS.join(' ')}`);
    if (values.mode && !MODES.includes(values.mode as string)) throw new UsageError(`--mode takes one of ${MODES.join(' ')}`);
    let k: number;
    try {
      k = intFlag(values, 'k', 10);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    const hits = await ws.search(query, {
      k,
      docIds: values.doc as string[] | undefined,
      level: values.level as AdminLevel | undefined,
      region: values.region as string | undefined,
      mode: values.mode as SearchMode | undefined,
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
};
