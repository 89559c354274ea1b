/**
 * TEST ONLY. A deterministic fake alignment for the fake workspace: parent `（一）` clauses are
 * matched to child clauses by shared bigrams; unmatched ones are `missing`, unmatched child
 * clauses `added`, a dropped 必须/严禁/严格 is `weakened`, and a different 水土保持率 target is
 * `target_changed` (宁武县 56.04% against 山西省 66.18%). Quotes are verbatim slices.
 */
import type { AlignmentReport, ChapterCoverage, Finding, FindingSide } from '../analysis/alignment/types.js';
import { bigrams, sentenceAt, type FakeClause, type FakeDoc } from './test-fake-corpus.js';

const TARGET = /水土保持率达到\s*([\d.]+)\s*%/;
const STRONG = ['必须', '严禁', '严格'];

function side(doc: FakeDoc, clause: FakeClause, span?: { start: number; end: number }): FindingSide {
  const { start, end } = span ?? { start: clause.start, end: Math.min(clause.end, clause.start + 120) };
  return { clause: clause.path, heading: clause.heading, quote: doc.text.slice(start, end), start, end };
}

function clauseAt(doc: FakeDoc, offset: number): FakeClause | undefined {
  return [...doc.clauses].reverse().find((c) => c.start <= offset);
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared += 1;
  return a.size + b.size ? (2 * shared) / (a.size + b.size) : 0;
}

function info(doc: FakeDoc, external: boolean) {
  return { id: doc.id, title: doc.meta.title, level: doc.meta.level, region: doc.meta.region.name, external };
}

/** Aligns `child` against `parent` (both fake documents). */
export function fakeAlign(child: FakeDoc, parent: FakeDoc, parentSource: AlignmentReport['parentSource'], childExternal: boolean): AlignmentReport {
  const findings: Finding[] = [];
  const pairs: AlignmentReport['pairs'] = [];
  const text = (d: FakeDoc, c: FakeClause) => d.text.slice(c.start, Math.min(c.end, c.start + 200));
  const childGrams = child.clauses.filter((c) => c.level === 2).map((c) => ({ c, g: bigrams(text(child, c)) }));
  const usedChild = new Set<string>();
  const chapters = new Map<string, ChapterCoverage>();
  const parentClauses = parent.clauses.filter((c) => c.level === 2);

  for (const p of parentClauses) {
    const chapter = p.path.replace(/（.*$/, '');
    const top = parent.sections.find((s) => s.path === chapter);
    const row = chapters.get(chapter) ?? { clause: chapter, heading: top?.heading ?? '', obligations: 0, covered: 0, weakened: 0, changed: 0, missing: 0 };
    chapters.set(chapter, row);
    row.obligations += 1;
    const pg = bigrams(text(parent, p));
    const best = childGrams.map((x) => ({ ...x, s: similarity(pg, x.g) })).sort((a, b) => b.s - a.s)[0];
    if (!best || best.s < 0.35) {
      row.missing += 1;
      findings.push({ kind: 'missing', severity: 'medium', parent: side(parent, p), child: null, detail: `上级要求“${p.heading}”未在本级文件中找到`, similarity: null });
      continue;
    }
    usedChild.add(best.c.path);
    pairs.push({ parent: side(parent, p), child: side(child, best.c), similarity: Number(best.s.toFixed(3)) });
    const pText = parent.text.slice(p.start, p.end);
    const cText = child.text.slice(best.c.start, best.c.end);
    const dropped = STRONG.find((w) => pText.includes(w) && !cText.includes(w));
    if (dropped) {
      row.weakened += 1;
      const at = p.start + pText.indexOf(dropped);
      findings.push({ kind: 'weakened', severity: 'medium', parent: side(parent, p, sentenceAt(parent.text, at, at + dropped.length)), child: side(child, best.c), detail: `“${dropped}”在本级文件中被删去`, similarity: Number(best.s.toFixed(3)) });
    } else row.covered += 1;
  }
  for (const { c } of childGrams) {
    if (!usedChild.has(c.path)) findings.push({ kind: 'added', severity: 'low', parent: null, child: side(child, c), detail: `本级新增“${c.heading}”`, similarity: null });
  }

  const pt = TARGET.exec(parent.text);
  const ct = TARGET.exec(child.text);
  if (pt && ct && pt[1] !== ct[1]) {
    const pSpan = sentenceAt(parent.text, pt.index, pt.index + pt[0].length);
    const cSpan = sentenceAt(child.text, ct.index, ct.index + ct[0].length);
    const pc = clauseAt(parent, pt.index);
    const cc = clauseAt(child, ct.index);
    if (pc && cc) {
      const direction = Number(ct[1]) > Number(pt[1]) ? 'higher' : 'lower';
      const row = chapters.get(pc.path);
      if (row) row.changed += 1;
      findings.unshift({
        kind: 'target_changed',
        severity: direction === 'lower' ? 'high' : 'low',
        parent: side(parent, pc, pSpan),
        child: side(child, cc, cSpan),
        detail: `水土保持率 target ${pt[1]}% → ${ct[1]}% (${direction})`,
        similarity: 0.9,
        target: { metric: '水土保持率', parentValue: `${pt[1]}%`, childValue: `${ct[1]}%`, direction, decomposition: null },
      });
    }
  }

  const count = (k: Finding['kind']) => findings.filter((f) => f.kind === k).length;
  const covered = pairs.length - count('weakened');
  return {
    child: info(child, childExternal),
    parent: info(parent, false),
    parentSource,
    notes: parent.meta.citations.filter((c) => !c.foundId).map((c) => `上级文件引用的《${c.title}》不在文件库中`),
    summary: {
      parentObligations: parentClauses.length,
      covered,
      weakened: count('weakened'),
      changed: count('target_changed'),
      missing: count('missing'),
      added: count('added'),
      coverage: parentClauses.length ? Number((pairs.length / parentClauses.length).toFixed(3)) : 0,
      byChapter: [...chapters.values()],
    },
    findings,
    pairs,
  };
}
