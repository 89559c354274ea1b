/** The workspace entry: ids or files (never indexed), parent chosen from the index or a sibling, stable errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../core/errors.js';
import type { ParsedDocument } from '../ingest/types.js';
import { alignForWorkspace } from './align.js';
import { corpusDocs } from '../testing/alignment-corpus.js';
import { corpusPath } from '../testing/corpus.js';

let docs: Map<string, ParsedDocument>;
const opts = { maxFileBytes: 5 * 1024 * 1024 };
const CHILD = '002_b09ca083261ba923.txt';
const PARENT = '004_01ad0f74c71dd3d5.txt';

beforeAll(async () => {
  docs = await corpusDocs();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return isAppError(err) ? err.code : `unexpected ${String(err)}`;
  }
}

describe('alignForWorkspace', () => {
  it('finds the parent in the index when none is given', async () => {
    const r = await alignForWorkspace({ docs }, CHILD, undefined, opts);
    expect(r.parent.id).toBe(PARENT);
    expect(r.parentSource).toBe('index');
    expect(r.child.external).toBe(false);
    expect(r.notes.join('')).toContain('山西省加强新时代水土保持工作实施方案');
  });

  it('offers a sibling implementing the same parent when the parent is only cited', async () => {
    const r = await alignForWorkspace({ docs }, '000_a21187bb345200ac.txt', undefined, opts);
    expect(r.parentSource).toBe('sibling');
    expect(r.parent.id).toBe('001_250f5e31d127e930.txt');
    expect(r.notes.join('')).toContain('晋自然资发〔2022〕9号');
  });

  it('reads a file path without adding it to the index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'align-'));
    const path = join(dir, 'draft-plan.txt');
    writeFileSync(path, readFileSync(corpusPath(CHILD)));
    const before = [...docs.keys()];
    const r = await alignForWorkspace({ docs }, path, PARENT, opts);
    expect([...docs.keys()]).toEqual(before);
    expect(r.child).toMatchObject({ id: 'draft-plan.txt', external: true });
    expect(r.parentSource).toBe('given');
    expect(r.findings.some((f) => f.kind === 'target_changed' && f.child?.quote.includes('56.04%'))).toBe(true);
    // The same file without a parent: its citations resolve against the index, so 004 is found.
    const auto = await alignForWorkspace({ docs }, path, undefined, opts);
    expect(auto.parent.id).toBe(PARENT);
    expect([...docs.keys()]).toEqual(before);
  });

  it('reads an uploaded file the same way', async () => {
    const r = await alignForWorkspace({ docs }, { name: 'upload.txt', bytes: readFileSync(corpusPath(CHILD)) }, PARENT, opts);
    expect(r.child.external).toBe(true);
    expect(docs.has('upload.txt')).toBe(false);
  });

  it('aligns a document against itself, as a check that finds nothing', async () => {
    const r = await alignForWorkspace({ docs }, PARENT, PARENT, opts);
    expect(r.findings).toEqual([]);
    expect(r.summary.coverage).toBe(1);
    expect(r.notes.join('')).toContain('同一份文件');
  });

  it('reports unknown ids, missing files and a plan without any parent with stable codes', async () => {
    expect(await code(alignForWorkspace({ docs }, 'nope.txt', PARENT, opts))).toBe('DOC_NOT_FOUND');
    expect(await code(alignForWorkspace({ docs }, CHILD, 'nope.txt', opts))).toBe('DOC_NOT_FOUND');
    expect(await code(alignForWorkspace({ docs }, './no/such/file.txt', PARENT, opts))).toBe('FILE_NOT_FOUND');
    expect(await code(alignForWorkspace({ docs }, '003_771f313df9559ae5.txt', undefined, opts))).toBe('PARENT_NOT_FOUND');
    expect(await code(alignForWorkspace({ docs }, PARENT, undefined, opts))).toBe('PARENT_NOT_FOUND');
  });

  it('never reads a file for a bare name (an API id cannot reach the disk)', async () => {
    // package.json exists in the working directory but is not an indexed id.
    expect(await code(alignForWorkspace({ docs }, 'package.json', PARENT, opts))).toBe('DOC_NOT_FOUND');
  });
});
