/** `policy ingest [PATH...]`: build or update the index. */
import { SingleBar, Presets } from 'cli-progress';
import { ingest, type IngestProgress, type IngestResult, type IngestStage } from '../../indexing/pipeline.js';
import { decodeLimitsFromConfig, embedderOptionsFromConfig } from '../../workspace/workspace.js';
import { configFromFlags, defineCommand } from '../command.js';
import { printJson } from '../output.js';

/** What each stage counts, as the bar names it. */
const STAGE_LABEL: Record<IngestStage, string> = { read: 'files    ', page: 'pages    ', ocr: 'OCR pages', embed: 'embedding', write: 'writing  ' };

/** Where progress goes: a stream that may be a terminal (stderr). */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/** The ingest's progress display: `update` per pipeline event, `stop` once at the end. */
export interface IngestProgressView {
  update(progress: IngestProgress): void;
  stop(): void;
}

/**
 * A progress bar on `stream` when it is a terminal and the output is not `--json`; nothing
 * otherwise (no line-by-line updates either: CI logs and JSON consumers stay clean). Per file
 * it counts files; while a PDF's pages are read or a scan is OCR'd, that file's pages.
 */
export function createIngestProgress(stream: ProgressStream, options: { json: boolean }): IngestProgressView {
  if (!stream.isTTY || options.json) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: ' {stage} [{bar}] {value}/{total} {file}', stream, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  let current: IngestStage | null = null;
  return {
    update(p) {
      const total = Math.max(p.total, 1);
      // While scanned pages are OCR'd, how far the reading of the file's pages has got.
      const read = p.stage === 'ocr' && p.pages ? ` (page ${p.page}/${p.pages})` : '';
      const payload = { stage: STAGE_LABEL[p.stage], file: `${p.file ?? ''}${read}` };
      if (p.stage !== current) {
        if (current) bar.stop();
        bar.start(total, p.done, payload);
        current = p.stage;
        return;
      }
      bar.setTotal(total);
      bar.update(p.done, payload);
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
    const progress = createIngestProgress(process.stderr, { json: ctx.json });
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
