/** startServer: builds the index when none exists, listens, serves, closes the workspace on shutdown. */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace } from '../workspace/workspace.js';
import { startServer } from './server.js';
import { testConfig as makeConfig } from '../testing/api.js';
import { CHILD_ID, corpusPath, PARENT_ID } from '../testing/corpus.js';

const roots: string[] = [];
/** testConfig that remembers its temp folder for cleanup. */
function testConfig(overrides: Parameters<typeof makeConfig>[0]) {
  const config = makeConfig(overrides);
  roots.push(dirname(config.dataDir));
  return config;
}
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('startServer', () => {
  it('builds the index from the corpus when none exists, listens on the configured host, and closes cleanly', async () => {
    const config = testConfig({ host: '127.0.0.1', port: 0 });
    mkdirSync(config.corpusDir, { recursive: true });
    for (const id of [CHILD_ID, PARENT_ID]) copyFileSync(corpusPath(id), join(config.corpusDir, id));
    expect(existsSync(join(config.indexDir, 'CURRENT'))).toBe(false);

    // No workspace given: the server opens its own, as `npm start` does.
    const server = await startServer(config, { handleSignals: false, logger: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(join(config.indexDir, 'CURRENT'))).toBe(true);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, documents: 2 });
    const page = await fetch(`${server.url}/`);
    expect(await page.text()).toContain('政策文件问答');
    const ask = await fetch(`${server.url}/v1/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '山西省2035年的水土保持率目标是多少？' }),
    });
    expect((await ask.json()).answer).toContain('72.43');

    await Promise.all([server.close(), server.close()]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('closes the workspace and rethrows when the index cannot be built', async () => {
    // The transformers embedder with no model files: ingest fails before writing anything.
    const config = testConfig({ port: 0, embedder: 'transformers' });
    const models = join(dirname(config.dataDir), 'models');
    config.modelsDir = models;
    mkdirSync(config.corpusDir, { recursive: true });
    copyFileSync(corpusPath(CHILD_ID), join(config.corpusDir, CHILD_ID));
    const workspace = await createWorkspace(config);
    let closed = false;
    const close = workspace.close.bind(workspace);
    workspace.close = async () => {
      closed = true;
      await close();
    };
    await expect(startServer(config, { workspace, handleSignals: false, logger: false })).rejects.toMatchObject({ code: 'MODEL_FILE_MISSING' });
    expect(closed).toBe(true);
  });
});
