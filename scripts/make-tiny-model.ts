/**
 * Writes the tiny BERT-shaped test model (see src/retrieval/embeddings/tiny-model.ts) so the
 * transformers embedder can be tried without downloading anything:
 *
 *   npx tsx scripts/make-tiny-model.ts [modelsDir=models] [model=tiny/bert-zh]
 *   POLICY_EMBEDDER=transformers POLICY_TRANSFORMERS_MODEL=tiny/bert-zh npm run policy -- ingest
 *
 * Its vectors are meaningless for retrieval quality: it exists for tests and smoke runs.
 */
import { writeTinyModel } from '../src/testing/tiny-model.js';

const [modelsDir = 'models', model = 'tiny/bert-zh'] = process.argv.slice(2);
const written = writeTinyModel(modelsDir, { model });
for (const f of written.files) console.log(f);
console.log(`tiny model ${written.model}: vocab ${written.vocabSize}, hidden ${written.hiddenSize}, in ${written.modelsDir}`);
