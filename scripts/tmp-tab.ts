import { readFileSync } from 'node:fs';
import { readDocument } from '../src/ingest/decode.js';
import { parseDocument } from '../src/ingest/parse.js';
for (const f of ['004_01ad0f74c71dd3d5.txt', '000_a21187bb345200ac.txt', '002_b09ca083261ba923.txt', '003_771f313df9559ae5.txt', '001_250f5e31d127e930.txt']) {
  const d = parseDocument(await readDocument({ name: f, bytes: readFileSync('corpus/' + f) }));
  console.log(f, d.tables.length);
  for (const r of d.tables.slice(0, 3)) console.log(JSON.stringify({ t: r.table, cap: r.caption, h: r.header, c: r.cells }));
}
