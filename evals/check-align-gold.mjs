#!/usr/bin/env node
// Checks evals/align/gold-002-004.json (or another align gold file given as argv[2]).
// - JSON shape and allowed kinds; an optional top-level `notes` (a string or a list of strings:
//   what the writer left out on purpose, e.g. tasks of the province only) and `exempt` (items
//   naming such parent passages)
// - the child file is looked for beside the gold file first (hand-written children), then in the
//   corpus (argv[3], default corpus/); the parent likewise
// - every quote occurs verbatim in the named parent / child file
// - every quote lies inside the clause it is attributed to (clause spans are parsed from
//   the headings "一、…", "(一)…" and "附件 N" of each file)
// - “quoted” passages of the notes are reported when they are not found in the parent (a warning:
//   the evaluation exempts only the passages it can find)
// Prints every problem found and exits non-zero if there is any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const goldPath = resolve(process.argv[2] ?? join(here, 'align', 'gold-002-004.json'));
const corpusDir = resolve(process.argv[3] ?? join(here, '..', 'corpus'));

const FLAG_KINDS = new Set(['missing', 'weakened', 'target_changed', 'deadline_changed', 'actor_changed', 'added']);
const CLAUSE_RE = /^([一二三四五六七八九十]+)(（[一二三四五六七八九十]+）)?$|^附件\d+$/;
const problems = [];
const bad = (where, msg) => problems.push(`${where}: ${msg}`);

// ---- clause spans -------------------------------------------------------
// Returns [{path, start, end}] where path is "二", "二（一）" or "附件2".
function clauseSpans(text) {
  const heads = [];
  let off = 0;
  for (const line of text.split('\n')) {
    const t = line.replace(/^[\s\u00a0\u3000]+/, '');
    let m;
    if ((m = t.match(/^([一二三四五六七八九十]+)、/))) heads.push({ type: 'chapter', num: m[1], pos: off });
    else if ((m = t.match(/^[(（]([一二三四五六七八九十]+)[)）]/))) heads.push({ type: 'sub', num: m[1], pos: off });
    else if ((m = t.match(/^附件\s*(\d+)\s*$/))) heads.push({ type: 'annex', num: m[1], pos: off });
    off += line.length + 1;
  }
  const spans = [];
  let chapter = null;
  heads.forEach((h, i) => {
    if (h.type === 'chapter') {
      const next = heads.slice(i + 1).find((x) => x.type !== 'sub');
      chapter = h.num;
      spans.push({ path: h.num, start: h.pos, end: next ? next.pos : text.length });
    } else if (h.type === 'sub') {
      const next = heads[i + 1];
      if (chapter) spans.push({ path: `${chapter}（${h.num}）`, start: h.pos, end: next ? next.pos : text.length });
    } else {
      chapter = null;
      const next = heads.slice(i + 1).find((x) => x.type !== 'sub');
      spans.push({ path: `附件${h.num}`, start: h.pos, end: next ? next.pos : text.length });
    }
  });
  return spans;
}

function occurrences(text, quote) {
  const out = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) out.push(i);
  return out;
}

function checkQuote(where, label, docName, text, spans, clause, quote) {
  if (quote === null || quote === undefined) {
    // A clause without a quote marks where something is absent/added; the clause must still exist.
    if (clause !== null && clause !== undefined && !spans.some((s) => s.path === clause)) bad(where, `${label}Clause "${clause}" does not exist in ${docName}`);
    return;
  }
  if (typeof quote !== 'string' || !quote.length) return bad(where, `${label}Quote must be a non-empty string or null`);
  if (/[\r\n]/.test(quote)) bad(where, `${label}Quote contains a line break`);
  const occ = occurrences(text, quote);
  if (!occ.length) return bad(where, `${label}Quote not found verbatim in ${docName}: ${JSON.stringify(quote)}`);
  if (clause === null || clause === undefined) return bad(where, `${label}Quote given but ${label}Clause is null`);
  const span = spans.find((s) => s.path === clause);
  if (!span) return bad(where, `${label}Clause "${clause}" does not exist in ${docName}`);
  const inside = occ.some((p) => p >= span.start && p + quote.length <= span.end);
  if (!inside) {
    const found = occ.map(
      (p) =>
        spans
          .filter((s) => p >= s.start && p < s.end)
          .map((s) => s.path)
          .pop() ?? 'preamble',
    );
    bad(where, `${label}Quote is not inside ${label}Clause "${clause}" (found in ${[...new Set(found)].join(', ')}): ${JSON.stringify(quote)}`);
  }
}

// ---- main ---------------------------------------------------------------
let gold;
try {
  gold = JSON.parse(readFileSync(goldPath, 'utf8'));
} catch (e) {
  console.log(`cannot parse ${goldPath}: ${e.message}`);
  process.exit(1);
}

const docs = {};
for (const role of ['child', 'parent']) {
  if (typeof gold[role] !== 'string') {
    bad('top', `missing "${role}" file name`);
    continue;
  }
  const beside = join(dirname(goldPath), gold[role]);
  const path = existsSync(beside) ? beside : join(corpusDir, gold[role]);
  try {
    const text = readFileSync(path, 'utf8');
    docs[role] = { name: gold[role], text, spans: clauseSpans(text) };
  } catch {
    bad('top', `${role} file ${gold[role]} not found beside the gold file nor in ${corpusDir}`);
  }
}
for (const k of Object.keys(gold)) if (!['child', 'parent', 'mustFlag', 'mustNotFlag', 'notes', 'exempt'].includes(k)) bad('top', `unexpected key "${k}"`);
const notes = gold.notes === undefined ? [] : Array.isArray(gold.notes) ? gold.notes : [gold.notes];
if (!notes.every((n) => typeof n === 'string')) bad('top', 'notes must be a string or a list of strings');
if (gold.exempt !== undefined && !Array.isArray(gold.exempt)) bad('top', 'exempt must be a list');
const warnings = [];
if (!Array.isArray(gold.mustFlag)) bad('top', 'mustFlag must be an array');
if (!Array.isArray(gold.mustNotFlag)) bad('top', 'mustNotFlag must be an array');

if (docs.child && docs.parent) {
  for (const [listName, textKey] of [
    ['mustFlag', 'note'],
    ['mustNotFlag', 'reason'],
  ]) {
    (gold[listName] ?? []).forEach((e, i) => {
      const where = `${listName}[${i}]`;
      // A mustNotFlag item explains itself with `reason`; hand-written golds also say `note`.
      const text = listName === 'mustNotFlag' && !(textKey in e) && 'note' in e ? 'note' : textKey;
      const keys = ['kind', 'parentClause', 'parentQuote', 'childClause', 'childQuote', text];
      for (const k of keys) if (!(k in e)) bad(where, `missing key "${k}"`);
      for (const k of Object.keys(e)) if (!keys.includes(k)) bad(where, `unexpected key "${k}"`);
      if (!FLAG_KINDS.has(e.kind)) bad(where, `unknown kind "${e.kind}"`);
      if (typeof e[text] !== 'string' || !e[text].trim()) bad(where, `${text} must be a non-empty string`);
      for (const c of ['parentClause', 'childClause']) {
        if (e[c] !== null && e[c] !== undefined && !CLAUSE_RE.test(e[c])) bad(where, `${c} "${e[c]}" is not a clause path like 二（一） or 附件2`);
      }
      if (listName === 'mustNotFlag' && !e.parentQuote) bad(where, 'mustNotFlag entries need a parentQuote');
      if (listName === 'mustFlag') {
        if (e.kind === 'added' && !e.childQuote) bad(where, '"added" needs a childQuote');
        if (e.kind !== 'added' && !e.parentQuote) bad(where, `"${e.kind}" needs a parentQuote`);
        if (['weakened', 'target_changed', 'deadline_changed', 'actor_changed'].includes(e.kind) && !e.childQuote)
          bad(where, `"${e.kind}" needs a childQuote showing the changed text`);
      }
      checkQuote(where, 'parent', docs.parent.name, docs.parent.text, docs.parent.spans, e.parentClause, e.parentQuote);
      checkQuote(where, 'child', docs.child.name, docs.child.text, docs.child.spans, e.childClause, e.childQuote);
    });
  }
  // The same parent quote must not be both flagged and not-flagged.
  const flagged = new Set((gold.mustFlag ?? []).filter((e) => e.parentQuote).map((e) => `${e.parentClause}|${e.parentQuote}`));
  (gold.mustNotFlag ?? []).forEach((e, i) => {
    if (flagged.has(`${e.parentClause}|${e.parentQuote}`)) bad(`mustNotFlag[${i}]`, 'same parent clause+quote also appears in mustFlag');
  });
}
if ((gold.mustNotFlag ?? []).length < 10) bad('top', `mustNotFlag has ${(gold.mustNotFlag ?? []).length} entries (need >= 10)`);
if (docs.parent) {
  (gold.exempt ?? []).forEach((e, i) =>
    checkQuote(`exempt[${i}]`, 'parent', docs.parent.name, docs.parent.text, docs.parent.spans, e.parentClause, e.parentQuote),
  );
  // The evaluation exempts the quoted passages of the notes it finds in the parent (split at ……).
  const squash = (t) => t.replace(/[\s,，]/g, '');
  const parentText = squash(docs.parent.text);
  for (const n of notes)
    for (const m of n.matchAll(/[“"]([^”"]+)[”"]/g))
      for (const piece of m[1].split(/…+/))
        if (piece.trim().length >= 4 && !parentText.includes(squash(piece.replace(/（/g, '(').replace(/）/g, ')'))) && !parentText.includes(squash(piece)))
          warnings.push(`notes quote not found in the parent (not exempted): “${piece}”`);
}

// ---- summary --------------------------------------------------------------
const tally = (arr) => (arr ?? []).reduce((m, e) => ((m[e.kind] = (m[e.kind] ?? 0) + 1), m), {});
console.log(`mustFlag: ${(gold.mustFlag ?? []).length}`, JSON.stringify(tally(gold.mustFlag)));
console.log(`mustNotFlag: ${(gold.mustNotFlag ?? []).length}`, JSON.stringify(tally(gold.mustNotFlag)));
if (docs.parent) console.log(`parent clauses parsed: ${docs.parent.spans.length}; child clauses parsed: ${docs.child?.spans.length ?? 0}`);
if (notes.length) console.log(`notes: ${notes.length}`);
for (const w of warnings) console.log(`  warning: ${w}`);
if (problems.length) {
  console.log(`\n${problems.length} problem(s):`);
  for (const p of problems) console.log('  - ' + p);
  process.exit(1);
}
console.log('OK: all checks passed');
