/**
 * The layer rule, checked on every import of every module: arrows only point down
 * (front ends → workspace → answer/analysis → indexing/retrieval → ingest → zh → core), and no
 * product module imports `src/testing/` (fakes and fixtures are for tests and scripts only).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Rank of each top-level folder: a module may import only its own folder or a lower rank. */
const RANK: Record<string, number> = {
  core: 0,
  zh: 1,
  ingest: 2,
  retrieval: 3,
  indexing: 4,
  analysis: 5,
  answer: 6,
  workspace: 7,
  evals: 8,
  api: 9,
  cli: 10,
};

function listModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'public' ? [] : listModules(p);
    return /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** Relative import specifiers of a module (static imports, re-exports and dynamic imports). */
function importsOf(source: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;
  for (let m = re.exec(source); m; m = re.exec(source)) out.push(m[2]);
  return out;
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0];

describe('layers', () => {
  const modules = listModules(SRC).filter((f) => !f.endsWith('.test.ts') && layerOf(f) !== 'testing' && !f.endsWith('layers.test.ts'));

  it('every product module lives in a ranked layer', () => {
    expect(modules.map(layerOf).filter((l) => !(l in RANK))).toEqual([]);
  });

  it('imports point down a layer or stay inside one, and never into src/testing', () => {
    const violations: string[] = [];
    for (const file of modules) {
      const from = layerOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = resolve(dirname(file), spec);
        const to = layerOf(target);
        if (to === 'testing') violations.push(`${relative(SRC, file)} imports test code ${spec}`);
        else if (to in RANK && RANK[to] > RANK[from]) violations.push(`${relative(SRC, file)} (${from}) imports ${spec} (${to}, above it)`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('recognises the import forms it checks', () => {
    const src = `import a from './a.js';\nimport type { B } from "../b.js";\nexport { c } from './c.js';\nconst d = await import('../d.js');\nimport './e.js';`;
    expect(importsOf(src)).toEqual(['./a.js', '../b.js', './c.js', '../d.js', './e.js']);
  });
});
