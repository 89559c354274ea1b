/** `policy docs`: the indexed documents with their metadata, clause counts and parents. */
import { createWorkspace } from '../../workspace/workspace.js';
import { configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';
import type { DocumentSummary } from '../../workspace/types.js';

function formatDoc(d: DocumentSummary): string {
  const m = d.meta;
  const date = m.dates.map((x) => `${x.kind} ${x.iso ?? `${x.raw} (unparsed)`}`).join(', ') || '—';
  const levels = Object.entries(d.clausesByLevel)
    .map(([l, n]) => `L${l}:${n}`)
    .join(' ');
  const found = d.parents.found.map((p) => `${p.id} (${p.via})`).join(', ') || '—';
  const absent = d.parents.absent.map((p) => p.docNumber ?? p.title).join('; ') || '—';
  return [
    `${d.id}`,
    `  title     ${d.title ?? '—'}`,
    m.noticeTitle ? `  notice    ${m.noticeTitle}` : null,
    `  issuer    ${m.issuer ?? '—'}   文号 ${m.docNumber?.normalized ?? m.docNumber?.raw ?? '—'}`,
    `  level     ${m.level ?? '—'} ${m.region.name ?? ''} (${[m.region.province, m.region.city, m.region.county].filter(Boolean).join(' > ')})   kind ${m.kind}`,
    `  dates     ${date}`,
    `  clauses   ${levels || '—'}   sections ${d.sections}   chunks ${d.chunks}   table rows ${d.tableRows}`,
    `  parents   in index: ${found}; cited but absent: ${absent}`,
  ]
    .filter(Boolean)
    .join('\n');
}

export const docsCommand = defineCommand({
  summary: 'List indexed documents: metadata, clause counts, cited parents',
  usage: 'policy docs [--doc ID] [--index DIR] [--json]',
  options: { doc: { type: 'string' } },
  async run({ values, ctx }) {
    const ws = await createWorkspace(configFromFlags(values));
    await ws.ensureIndex();
    if (values.doc) {
      // One document: with its clause tree and table rows, but not its full texts.
      const { cleanText: _c, originalText: _o, ...detail } = ws.getDocument(values.doc);
      if (ctx.json) printJson({ documents: [detail] });
      else ctx.say(formatDoc(detail));
      return;
    }
    const docs = ws.listDocuments();
    if (ctx.json) printJson({ documents: docs });
    else ctx.say(docs.map(formatDoc).join('\n\n'));
  },
});
