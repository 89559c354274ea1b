/**
 * A small corpus of documents a test writes itself, ingested into a temporary index through the
 * real pipeline with the built-in embedder: answers are checked on plans that are not the
 * project's five, so a mechanism cannot pass by knowing them.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusOf, openIndex, type Corpus } from '../indexing/open-index.js';
import { ingest } from '../indexing/pipeline.js';

/** An index over `files` (name → text) and a function that removes it. */
export async function buildMiniCorpus(files: Record<string, string>): Promise<{ corpus: Corpus; cleanup: () => void }> {
  const root = mkdtempSync(join(tmpdir(), 'mini-corpus-'));
  const docs = join(root, 'docs');
  mkdirSync(docs);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(docs, name), text);
  await ingest({ paths: [docs], indexDir: join(root, 'index'), embedder: { kind: 'builtin' } });
  const corpus = corpusOf(await openIndex(join(root, 'index'), { kind: 'builtin' }));
  return { corpus, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
