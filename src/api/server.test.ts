/** startServer: ensures the index, listens, serves, closes the workspace on shutdown. */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { startServer } from './server.js';
import { createTestWorkspace, testConfig as makeConfig } from './test-helpers.js';

const roots: string[] = [];
/** testConfig that remembers its temp folder for cleanup. */
function testConfig(overrides: Parameters<typeof makeConfig>[0]) {
  const config = makeConfig(overrides);
  roots.push(dirname(config.dataDir));
  return config;
}
afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));

describe('startServer', () => {
  it('builds the index when needed, listens on the configured host, and closes cleanly', async () => {
    const config = testConfig({ host: '127.0.0.1', port: 0 });
    const workspace = await createTestWorkspace(config);
    const calls: string[] = [];
    const ensureIndex = workspace.ensureIndex.bind(workspace);
    const close = workspace.close.bind(workspace);
    workspace.ensureIndex = async () => (calls.push('ensureIndex'), ensureIndex());
    workspace.close = async () => (calls.push('close'), close());

    const server = await startServer(config, { workspace, handleSignals: false, logger: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect((await res.json()).ready).toBe(true);
    const page = await fetch(`${server.url}/`);
    expect(await page.text()).toContain('政策文件问答');

    await Promise.all([server.close(), server.close()]);
    expect(calls).toEqual(['ensureIndex', 'close']);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it('closes the workspace and rethrows when the index cannot be built', async () => {
    const config = testConfig({ port: 0 });
    const workspace = await createTestWorkspace(config);
    let closed = false;
    workspace.ensureIndex = async () => {
      throw new AppError('INDEX_NOT_FOUND', 'No documents could be ingested');
    };
    workspace.close = async () => {
      closed = true;
    };
    await expect(startServer(config, { workspace, handleSignals: false, logger: false })).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND' });
    expect(closed).toBe(true);
  });
});
