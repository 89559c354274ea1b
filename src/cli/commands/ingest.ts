/** `policy ingest [PATH...]`: build or update the index. */
import { SingleBar, Presets } from 'cli-progress';
import { ingest, type IngestPhase, type IngestResult } from '../../indexing/pipeline.js';
import { decodeLimitsFromConfig, embedderOptionsFromConfig } from '../../workspace/workspace.js';
import { configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';

const PHASE_LABEL: Record<IngestPhase, string> = { read: 'reading  ', embed: 'embedding', write: 'writing  ' };

/** A progress bar on a terminal; nothing when stderr is not one (CI logs stay clean). */
function createProgress(): { update: (phase: IngestPhase, done: number, total: number) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar(
    { format: ' {phase} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let current: IngestPhase | null = null;
  return {
    update(phase, done, total) {
      if (phase !== current) {
        if (current) bar.stop();
        bar.start(Math.max(total, 1), done, { phase: PHASE_LABEL[phase] });
        current = phase;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { phase: PHASE_LABEL[phase] });
    },
    stop: () => current && bar.stop(),
  };
}

/** The one summary line of an ingest. */
export function formatIngestSummary(r: IngestResult): string {
  const change = r.changed
    ? `${r.added.length} added, ${r.updated.length} updated, ${r.removed.length} removed, ${r.unchanged.length} unchanged`
    : 'nothing changed';
  const problems = r.problems.length ? `, ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''}` : '';
  return `ingest: ${r.documents} documents, ${r.sections} sections, ${r.chunks} chunks, embedder ${r.embedder?.id ?? 'none'}, ${r.seconds.toFixed(2)} s (${change}${problems})`;
}

export const ingestCommand = defineCommand({
  summary: 'Build or update the index from files or folders (default: corpus/)',
  usage: 'policy ingest [PATH...] [--index DIR] [--embedder builtin|transformers|openai] [--json]',
  options: {},
  async run({ values, positionals, ctx }) {
    const config = configFromFlags(values);
    const progress = createProgress();
    let result: IngestResult;
    try {
      result = await ingest({
        paths: positionals.length ? positionals : [config.corpusDir],
        indexDir: config.indexDir,
        embedder: embedderOptionsFromConfig(config),
        maxFileBytes: config.maxFileBytes,
        maxLineChars: config.maxLineChars,
        decodeLimits: decodeLimitsFromConfig(config),
        onProgress: progress.update,
      });
    } finally {
      progress.stop();
    }
    for (const p of result.problems) ctx.log(`problem ${p.code}: ${p.file}: ${p.message}`);
    ctx.say(formatIngestSummary(result));
    if (ctx.json) printJson(result);
    if (result.problems.length && !result.documents) process.exitCode = 3;
  },
});
