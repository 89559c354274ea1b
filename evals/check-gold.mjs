#!/usr/bin/env node
// Checks evals/qa-gold.jsonl against the corpus texts.
// Usage: node evals/check-gold.mjs [path/to/qa-gold.jsonl] [path/to/corpus]
// Prints every problem found and exits non-zero if there is any.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const goldPath = resolve(process.argv[2] ?? join(here, 'qa-gold.jsonl'));
const corpusDir = resolve(process.argv[3] ?? join(here, '..', 'corpus'));

const KINDS = new Set(['who', 'where', 'when', 'frequency', 'amount', 'list', 'allowed', 'definition', 'what', 'table', 'cross', 'followup']);
const KEYS = new Set(['id', 'question', 'source', 'answers', 'evidence', 'unanswerable', 'kind', 'after']);

const corpus = new Map();
for (const f of readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()) {
  corpus.set(f, readFileSync(join(corpusDir, f), 'utf8'));
}

const problems = [];
const bad = (id, msg) => problems.push(`${id}: ${msg}`);
const isStr = (s) => typeof s === 'string' && s.length > 0;

const lines = readFileSync(goldPath, 'utf8').split('\n');
const items = [];
lines.forEach((line, i) => {
  if (!line.trim()) return;
  try {
    items.push(JSON.parse(line));
  } catch (e) {
    bad(`line ${i + 1}`, `invalid JSON: ${e.message}`);
  }
});

const seen = new Map();
for (const [idx, q] of items.entries()) {
  const id = q?.id ?? `item#${idx + 1}`;
  if (typeof q !== 'object' || q === null || Array.isArray(q)) {
    bad(id, 'not an object');
    continue;
  }
  for (const k of Object.keys(q)) if (!KEYS.has(k)) bad(id, `unexpected key "${k}"`);
  if (!/^q\d{3,}$/.test(q.id ?? '')) bad(id, 'id must look like q001');
  if (seen.has(q.id)) bad(id, 'duplicate id');
  seen.set(q.id, idx);
  if (!isStr(q.question)) bad(id, 'question must be a non-empty string');
  if (!KINDS.has(q.kind)) bad(id, `unknown kind "${q.kind}"`);
  if (typeof q.unanswerable !== 'boolean') bad(id, 'unanswerable must be boolean');
  if (q.source !== null && !corpus.has(q.source)) bad(id, `source "${q.source}" is not a corpus file`);
  if (!Array.isArray(q.answers)) {
    bad(id, 'answers must be an array');
    continue;
  }
  if (!Array.isArray(q.evidence)) {
    bad(id, 'evidence must be an array');
    continue;
  }

  if ('after' in q) {
    if (!seen.has(q.after) || q.after === q.id) bad(id, `after="${q.after}" does not name an earlier item`);
  }

  if (q.unanswerable) {
    if (q.answers.length) bad(id, 'unanswerable item must have answers: []');
    if (q.evidence.length) bad(id, 'unanswerable item must have evidence: []');
    continue;
  }

  // Texts an answer may come from: the named source, or for cross / null-source items, any corpus file.
  const crossLike = q.kind === 'cross' || q.source === null;
  const pool = crossLike ? [...corpus.keys()] : [q.source].filter((s) => corpus.has(s));

  if (!q.answers.length) bad(id, 'answerable item needs at least one answer alternative');
  for (const alt of q.answers) {
    if (!Array.isArray(alt) || !alt.length || !alt.every(isStr)) {
      bad(id, `answer alternative ${JSON.stringify(alt)} must be a non-empty list of strings`);
      continue;
    }
    for (const fact of alt) {
      if (!pool.some((f) => corpus.get(f).includes(fact))) bad(id, `key fact not found in ${crossLike ? 'corpus' : q.source}: ${JSON.stringify(fact)}`);
      if (fact.length > 45) bad(id, `key fact longer than 45 chars (keep facts short): ${JSON.stringify(fact)}`);
    }
  }

  if (!q.evidence.length) bad(id, 'answerable item needs evidence');
  const evFiles = new Set();
  for (const ev of q.evidence) {
    if (!isStr(ev)) {
      bad(id, 'evidence must be non-empty strings');
      continue;
    }
    if (/[\r\n]/.test(ev)) bad(id, `evidence contains a line break: ${JSON.stringify(ev)}`);
    const len = [...ev].length;
    if (len < 10 || len > 80) bad(id, `evidence length ${len} outside 10-80: ${JSON.stringify(ev)}`);
    const hits = pool.filter((f) => corpus.get(f).includes(ev));
    if (!hits.length) bad(id, `evidence not found verbatim in ${crossLike ? 'corpus' : q.source}: ${JSON.stringify(ev)}`);
    hits.forEach((f) => evFiles.add(f));
  }
  if (q.kind === 'cross' && evFiles.size < 2) bad(id, `cross question evidence comes from ${evFiles.size} document(s); need >= 2`);

  // At least one answer alternative must be fully supported by the evidence strings.
  const supported = q.answers.some((alt) => Array.isArray(alt) && alt.every((fact) => q.evidence.some((ev) => typeof ev === 'string' && ev.includes(fact))));
  if (!supported) bad(id, 'no answer alternative whose key facts all appear in the evidence');
}

// Collection-level requirements from the brief.
const answerable = items.filter((q) => !q.unanswerable);
const count = (pred) => items.filter(pred).length;
const need = (ok, msg) => {
  if (!ok) problems.push(`collection: ${msg}`);
};
need(items.length >= 90, `only ${items.length} questions (need >= 90)`);
need(count((q) => q.unanswerable) >= 12, 'fewer than 12 unanswerable questions');
need(count((q) => q.kind === 'cross') >= 6, 'fewer than 6 cross questions');
need(count((q) => q.kind === 'table' && !q.unanswerable) >= 4, 'fewer than 4 table questions');
need(count((q) => 'after' in q) >= 6, 'fewer than 6 follow-up items');
for (const k of KINDS)
  need(
    answerable.some((q) => q.kind === k),
    `no answerable question of kind "${k}"`,
  );
for (const f of corpus.keys())
  need(
    items.some((q) => q.source === f),
    `no question about ${f}`,
  );

// Summary.
const tally = (key) => items.reduce((m, q) => ((m[key(q)] = (m[key(q)] ?? 0) + 1), m), {});
console.log(
  `items: ${items.length}  answerable: ${answerable.length}  unanswerable: ${count((q) => q.unanswerable)}  follow-ups: ${count((q) => 'after' in q)}`,
);
console.log('by kind:', JSON.stringify(tally((q) => q.kind)));
console.log('by source:', JSON.stringify(tally((q) => q.source ?? 'null')));
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log('  - ' + p);
  process.exit(1);
}
console.log('OK: all checks passed');
