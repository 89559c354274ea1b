/**
 * The browser UI in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core)
 * against the app on the real workspace (the five corpus documents) listening on 127.0.0.1.
 * Without Chromium the suite is skipped, naming the command that installs it; under CI (which
 * installs it, .ci/run) a missing browser FAILS every test instead.
 * Screenshots go to a fresh folder under the system's temporary directory, printed once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../testing/api.js';
import { ALL_IDS, CHILD_ID, PARENT_ID } from '../testing/corpus.js';
import { launchChromium } from '../testing/fixtures/chromium.js';
import { shouldRunWith } from '../testing/fixtures/tools.js';

const TARGET_2035 = '山西省2035年的水土保持率目标是多少？';
const PROVINCE_PLAN = '山西省加强新时代水土保持工作实施方案';

const RUN = shouldRunWith('chromium', 'browser UI (src/api/ui.test.ts)');

let t: TestApp;
let base: string;
let browser: Browser;
/** Where the screenshots go. */
let out: string;
/** Why Chromium could not start. Every test rethrows it, so a missing browser under CI FAILS each test instead of skipping it. */
let launchError: Error | null = null;
/** Console errors, page errors and CSP violations seen by any page: the UI must produce none. */
const problems: string[] = [];

async function newPage(context?: BrowserContext, viewport = { width: 1280, height: 900 }): Promise<Page> {
  if (launchError) throw launchError;
  const page = context ? await context.newPage() : await browser.newPage({ viewport, locale: 'zh-CN' });
  page.on('console', (m) => m.type() === 'error' && problems.push(`${page.url()}: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
  return page;
}

/** Screenshot of what the viewport shows (full-page shots of the long report pages take seconds each on this machine). */
const shot = (page: Page, name: string) => page.screenshot({ path: join(out, name) });

describe.runIf(RUN)('browser UI', () => {
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'policy-ui-screenshots-'));
    console.log(`UI screenshots: ${out}`);
    t = await createTestApp({}, { docs: ALL_IDS });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      browser = await launchChromium();
    } catch (err) {
      launchError = err as Error;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  describe('chat page', () => {
    it('asks a question, shows the short answer and a citation chip, opens the highlighted quote', async () => {
      const page = await newPage();
      await page.goto(`${base}/`);
      await page.fill('#question', TARGET_2035);
      await page.click('#ask-button');
      await page.locator('.turn.assistant .chip').first().waitFor();
      const answer = page.locator('.turn.assistant .short-answer').last();
      expect(await answer.textContent()).toContain('72.43');
      const chip = page.locator('.turn.assistant .chip').first();
      // The chip names the province's plan and the clause (today 附件2, the city-by-city table;
      // chips of one clause add the start of their quote).
      const [, clause] = /^(?:.+?) · (\S+)/.exec((await chip.textContent())!) ?? [];
      expect(await chip.textContent()).toMatch(new RegExp(`^${PROVINCE_PLAN} · `));
      expect(clause).toBeTruthy();
      await shot(page, 'chat-answer.png');

      const quote = await chip.getAttribute('title');
      expect(quote).toContain('72.43');
      await chip.click();
      const mark = page.locator('#source-dialog[open] mark#source-quote');
      await mark.waitFor();
      expect(await mark.textContent()).toBe(quote);
      expect(await page.locator('#source-title').textContent()).toBe(PROVINCE_PLAN);
      expect(await page.locator('#source-clause').textContent()).toContain(clause);
      // The highlight sits in the document's original text, at the citation's offsets.
      const original = t.workspace.getDocument(PARENT_ID).originalText;
      expect(original).toContain(quote!);
      await shot(page, 'chat-source.png');
      await page.click('#source-close');
      expect(await page.locator('#source-dialog[open]').count()).toBe(0);
      await page.close();
    });

    it('keeps follow-ups in one session across a reload and shows abstentions plainly', async () => {
      if (launchError) throw launchError;
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await newPage(context);
      await page.goto(`${base}/`);
      await page.fill('#question', TARGET_2035);
      await page.click('#ask-button');
      await page.locator('.turn.assistant .chip').first().waitFor();
      const session = await page.evaluate(() => localStorage.getItem('policy.chat.session'));
      expect(session).toMatch(/^[0-9a-f-]{36}$/);

      // A follow-up that names only the year: the province and the metric come from the session.
      await page.fill('#question', '2025年呢？');
      await page.click('#ask-button');
      await page.locator('.turn.assistant').nth(1).locator('.chip').first().waitFor();
      expect(await page.locator('.turn.assistant .short-answer').nth(1).textContent()).toContain('66.18');
      expect(await page.evaluate(() => localStorage.getItem('policy.chat.session'))).toBe(session);
      await shot(page, 'chat-follow-up.png');

      await page.fill('#question', '北京市的垃圾分类怎么规定？');
      await page.click('#ask-button');
      await page.locator('.turn.assistant .abstained').waitFor();
      expect(await page.locator('.abstained').textContent()).toBe('文件中未找到相关规定');
      expect(await page.evaluate(() => localStorage.getItem('policy.chat.session'))).toBe(session);
      expect(t.workspace.getSession(session!).turns).toHaveLength(6);

      await page.reload();
      await page.locator('.turn.user').nth(2).waitFor();
      expect(await page.locator('.turn.user').allTextContents()).toEqual([TARGET_2035, '2025年呢？', '北京市的垃圾分类怎么规定？']);
      await page.click('#new-session');
      expect(await page.evaluate(() => localStorage.getItem('policy.chat.session'))).toBeNull();
      await context.close();
    });

    it('fits a phone screen', async () => {
      const page = await newPage(undefined, { width: 390, height: 844 });
      await page.goto(`${base}/`);
      await page.fill('#question', TARGET_2035);
      await page.click('#ask-button');
      await page.locator('.turn.assistant .chip').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'chat-phone.png');
      // The source viewer fits too.
      await page.locator('.turn.assistant .chip').first().click();
      await page.locator('#source-dialog[open] mark#source-quote').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(page, 'chat-phone-source.png');
      await page.close();
    });
  });

  describe('documents page', () => {
    it('lists the corpus with metadata, then a clause tree and the register with its CSV link', async () => {
      const page = await newPage();
      await page.goto(`${base}/documents.html`);
      await page.locator('.doc-card').nth(4).waitFor();
      const parentCard = page.locator(`[id="doc-${PARENT_ID}"]`);
      expect(await parentCard.textContent()).toContain('晋政办发〔2023〕36号');
      const childCard = page.locator(`[id="doc-${CHILD_ID}"]`);
      expect(await childCard.textContent()).toContain(PROVINCE_PLAN);
      expect(await childCard.locator('.absent').count()).toBeGreaterThan(0);

      await parentCard.getByText('条款与任务').click();
      await page.locator('#doc-detail .tree').first().waitFor();
      expect(await page.locator('#doc-detail .tree .path').first().textContent()).toBe('一');
      const rows = page.locator('#doc-detail table tbody tr');
      expect(await rows.count()).toBe(t.workspace.obligations(PARENT_ID).length);
      expect(await page.locator('#doc-detail table').textContent()).toContain('水土保持率达到66.18%（2025年）');
      const csv = await page.locator('#doc-detail a[href$="format=csv"]').getAttribute('href');
      expect(csv).toBe(`/v1/documents/${PARENT_ID}/obligations?format=csv`);
      await shot(page, 'documents.png');
      await page.locator('#doc-detail table').scrollIntoViewIfNeeded();
      await shot(page, 'documents-register.png');
      await page.close();
    });

    it('uploads through the queue and shows each upload with its status, refusals with their reason', async () => {
      const page = await newPage();
      await page.goto(`${base}/documents.html`);
      await page.locator('.doc-card').first().waitFor();
      await page.locator('summary', { hasText: '上传文件' }).click();
      const plan = { name: '河湖长制方案.txt', mimeType: 'text/plain', buffer: Buffer.from('一、总则\n县水务局牵头，每半年向县政府报告河湖长制落实情况。\n') };
      await page.setInputFiles('#upload-file', plan);
      await page.click('#upload-form button[type="submit"]');
      await page.locator('#upload-result', { hasText: '已加入文件库' }).waitFor();
      expect(await page.locator('.upload-job.status-indexed', { hasText: '河湖长制方案.txt' }).count()).toBe(1);
      // The same name with other content is refused, with the reason shown.
      await page.setInputFiles('#upload-file', { ...plan, buffer: Buffer.from(`${plan.buffer}二、补充\n`) });
      await page.click('#upload-form button[type="submit"]');
      await page.locator('#upload-result .error', { hasText: 'DOC_EXISTS' }).waitFor();
      await shot(page, 'documents-uploads.png');
      await page.close();
      // Chromium logs the refusal this test provoked (409) as a failed resource: that one is expected.
      const provoked = problems.findIndex((p) => p.includes('documents.html') && p.includes('409 (Conflict)'));
      expect(provoked).toBeGreaterThanOrEqual(0);
      problems.splice(provoked, 1);
    });
  });

  describe('alignment page', () => {
    it('aligns a child with its parent and shows the target_changed finding side by side', async () => {
      const page = await newPage();
      await page.goto(`${base}/align.html`);
      await page.locator(`#child-select option[value="${CHILD_ID}"]`).waitFor({ state: 'attached' });
      await page.selectOption('#child-select', CHILD_ID);
      await page.click('#align-button');
      await page.locator('[data-kind="target_changed"]').first().waitFor();
      const finding = page.locator('[data-kind="target_changed"]', { hasText: '66.18%' }).first();
      expect(await finding.locator('.side.parent blockquote').textContent()).toContain('66.18%');
      expect(await finding.locator('.side.child blockquote').textContent()).toContain('56.04%');
      expect(await finding.locator('.finding-head').textContent()).toContain('忻州市');
      const count = await page.locator('[data-kind="target_changed"]').count();
      expect(await page.locator('#kind-target_changed h2').textContent()).toBe(`指标变化（${count}）`);
      expect(await page.locator('.meta', { hasText: '上级文件：' }).first().textContent()).toContain('在库中自动找到');
      const html = await page.locator('.downloads a', { hasText: 'HTML 报告' }).getAttribute('href');
      expect(html).toBe(`/v1/align/report?child=${encodeURIComponent(CHILD_ID)}&download=1`);
      const json = await page.locator('.downloads a', { hasText: 'JSON' }).getAttribute('href');
      expect(json).toContain('format=json');
      await finding.scrollIntoViewIfNeeded();
      await shot(page, 'align.png');

      // The report link opens the server-rendered page.
      const report = await newPage();
      await report.goto(`${base}/v1/align/report?child=${CHILD_ID}`);
      expect(await report.locator('#kind-target_changed').textContent()).toMatch(/^指标变化（\d+）$/);
      expect(await report.locator('.finding', { hasText: '66.18%' }).count()).toBeGreaterThan(0);
      await shot(report, 'align-report.png');
      await report.close();
      await page.close();
    });
  });

  describe('API documentation', () => {
    it('renders Swagger UI offline with the operations listed', async () => {
      // One block per operation of the OpenAPI document (src/api/app.test.ts pins the route list itself).
      const spec = (await (await fetch(`${base}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
      const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
      const operations = Object.values(spec.paths).flatMap((p) => Object.keys(p).filter((m) => methods.has(m))).length;
      expect(operations).toBeGreaterThanOrEqual(16);
      const page = await newPage();
      await page.goto(`${base}/docs`);
      await page.locator('.opblock').first().waitFor();
      expect(await page.locator('.opblock').count()).toBe(operations);
      expect(await page.locator('.opblock-summary-path', { hasText: '/v1/chat' }).count()).toBeGreaterThan(0);
      await page.close();
    });
  });

  describe('hygiene', () => {
    it('no page logged an error or a CSP violation', () => {
      if (launchError) throw launchError;
      expect(problems).toEqual([]);
    });
  });
});
