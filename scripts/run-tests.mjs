#!/usr/bin/env node
// Runs vitest with its JSON reporter beside the default one and ends with the one plain
// line CI reads: "N passed, N failed". Exit code follows vitest's. Suites skipped because a
// system tool is missing (src/testing/fixtures/tools.ts) are listed just above that line, each
// with the command that installs the tool.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'vitest-json-'));
const out = join(dir, 'report.json');
const skips = join(dir, 'skips.txt');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, POLICY_TEST_SKIPS: skips } });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed = report.numPassedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that failed without a failed test (it did not load, or a beforeAll hook threw and its
  // tests were marked skipped) counts as one failure so it cannot hide.
  const brokenSuites = (report.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  failed = (report.numFailedTests ?? 0) + brokenSuites;
} catch {
  failed = Math.max(failed, 1);
}
const reasons = existsSync(skips) ? [...new Set(readFileSync(skips, 'utf8').split('\n').filter(Boolean))] : [];
rmSync(dir, { recursive: true, force: true });
if (skipped > 0) {
  console.log(`\n${skipped} tests skipped${reasons.length ? ' because a system tool is missing here:' : ''}`);
  for (const r of reasons) console.log(`  ${r}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status === 0 && failed === 0 ? 0 : 1);
