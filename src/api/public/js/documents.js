// Documents page: the corpus with metadata and parents, one document's clause tree and its
// obligation register (任务分工表) with CSV export; upload and delete for maintainers.
import { ApiError, api, authHeaders, describeError, errorBox, getDocument, h, restoreToken, setChildren } from './common.js';

const list = document.getElementById('doc-list');
const detail = document.getElementById('doc-detail');
const tokenInput = document.getElementById('api-token');
restoreToken(tokenInput);

const docUrl = (id) => `/v1/documents/${encodeURIComponent(id)}`;

function dateText(meta) {
  const d = meta.dates.find((x) => x.iso) ?? meta.dates[0];
  return d ? `${d.iso ?? d.raw}（${d.kind}）` : '—';
}

function parentsBlock(doc) {
  const found = doc.parents.found.map((p) => h('a', { href: `#${encodeURIComponent(p.id)}` }, p.title ?? p.id));
  const absent = doc.parents.absent.map((p) => h('span', { class: 'absent' }, `《${p.title ?? p.docNumber}》（未收录）`));
  const items = [...found, ...absent];
  return items.length ? items.flatMap((x, i) => (i ? ['；', x] : [x])) : '—';
}

function card(doc) {
  const m = doc.meta;
  const alignLink = doc.parents.found.length ? h('a', { href: `/align.html?child=${encodeURIComponent(doc.id)}` }, '与上级文件对照') : null;
  return h(
    'article',
    { class: 'card doc-card', id: `doc-${doc.id}` },
    h('h3', {}, doc.title ?? doc.id),
    h(
      'div',
      {},
      h('span', { class: 'badge' }, m.kind),
      m.level ? h('span', { class: 'badge' }, m.level) : null,
      m.region?.name ? h('span', { class: 'badge' }, m.region.name) : null,
    ),
    h(
      'dl',
      {},
      h('dt', {}, '发文机关'),
      h('dd', {}, m.issuer ?? '—'),
      h('dt', {}, '文号'),
      h('dd', {}, m.docNumber?.normalized ?? m.docNumber?.raw ?? '—'),
      h('dt', {}, '日期'),
      h('dd', {}, dateText(m)),
      h('dt', {}, '条款'),
      h(
        'dd',
        {},
        `${doc.sections} 条（${
          Object.entries(doc.clausesByLevel)
            .map(([l, n]) => `${l} 级 ${n}`)
            .join('，') || '—'
        }）`,
      ),
      h('dt', {}, '上级文件'),
      h('dd', {}, parentsBlock(doc)),
      h('dt', {}, '文件编号'),
      h('dd', { class: 'meta' }, doc.id),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: () => (location.hash = encodeURIComponent(doc.id)) }, '条款与任务'),
      alignLink,
      h('button', { type: 'button', class: 'secondary', onclick: () => removeDocument(doc) }, '删除'),
    ),
  );
}

function clauseTree(sections, cleanText) {
  return h(
    'ul',
    { class: 'tree' },
    sections.map((s) => {
      const ownEnd = s.children.length ? s.children[0].start : s.end;
      const body = cleanText.slice(s.bodyStart, ownEnd).trim();
      return h(
        'li',
        {},
        h(
          'details',
          { open: s.level === 1 },
          h('summary', {}, h('span', { class: 'path' }, s.path), s.heading),
          body ? h('p', { class: 'clause-body' }, body.length > 600 ? `${body.slice(0, 600)}…` : body) : null,
          s.children.length ? clauseTree(s.children, cleanText) : null,
        ),
      );
    }),
  );
}

async function showDocument(id) {
  setChildren(detail, h('p', { class: 'meta' }, '正在载入…'));
  try {
    const [doc, register] = await Promise.all([getDocument(id), api(`${docUrl(id)}/obligations`)]);
    const csv = h(
      'a',
      { href: `${docUrl(id)}/obligations?format=csv`, download: `${id.replace(/\.[^.]+$/, '')}-任务分工表.csv` },
      '导出 CSV（Excel 可直接打开）',
    );
    const table = register.rows.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                register.columns.map((c) => h('th', {}, c)),
              ),
            ),
            h(
              'tbody',
              {},
              register.rows.map((r) =>
                h(
                  'tr',
                  {},
                  r.map((c) => h('td', {}, c)),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'meta' }, '未识别出任务条款。');
    setChildren(
      detail,
      h('h2', { id: 'detail-title' }, doc.title ?? doc.id),
      h('h3', {}, '条款结构'),
      doc.sectionTree.length ? clauseTree(doc.sectionTree, doc.cleanText) : h('p', { class: 'meta' }, '未识别出编号条款。'),
      h('h3', {}, `任务分工表（${register.rows.length} 项）`),
      h('p', {}, csv),
      table,
    );
    detail.scrollIntoView({ block: 'start' });
  } catch (err) {
    setChildren(detail, errorBox(err));
  }
}

async function loadList() {
  try {
    const { documents } = await api('/v1/documents');
    setChildren(list, documents.length ? documents.map(card) : h('p', { class: 'meta' }, '文件库为空。'));
  } catch (err) {
    setChildren(list, errorBox(err));
  }
}

async function removeDocument(doc) {
  if (!confirm(`从文件库中删除《${doc.title ?? doc.id}》？`)) return;
  try {
    await api(docUrl(doc.id), { method: 'DELETE', headers: authHeaders(tokenInput) });
    if (location.hash === `#${encodeURIComponent(doc.id)}`) location.hash = '';
    setChildren(detail);
    await loadList();
  } catch (err) {
    alert(err.message ? `删除失败：${err.message}` : '删除失败');
  }
}

const STATUS_TEXT = { accepted: '排队中', indexing: '正在建立索引', indexed: '已建立索引', failed: '失败' };
// What each ingest stage is doing, and what it counts.
const STAGE_TEXT = {
  read: ['读取文件', '个文件'],
  page: ['读取页面', '页'],
  ocr: ['识别扫描页文字（OCR）', '页'],
  embed: ['建立检索向量', '段'],
  write: ['写入索引', ''],
};
const uploadList = document.getElementById('upload-list');

/** How far an indexing job has got: `识别扫描页文字（OCR） 3/12 页` with a progress bar, or null. */
function progressLine(job) {
  const p = job.status === 'indexing' ? job.progress : null;
  if (!p) return null;
  const [what, unit] = STAGE_TEXT[p.stage] ?? [p.stage, ''];
  const count = p.stage === 'write' ? '' : ` ${p.done}/${p.total} ${unit}`;
  // While scanned pages are recognised, how far the reading of the file's pages has got.
  const read = p.stage === 'ocr' && p.pages ? `（已读取 ${p.page}/${p.pages} 页）` : '';
  return h(
    'span',
    { class: 'upload-progress', dataset: { stage: p.stage } },
    h('progress', { max: Math.max(1, p.total), value: p.done }),
    h('span', { class: 'progress-text' }, `${what}${count}${read}`),
  );
}

/** One line of the upload queue: file, status (with its progress while indexing), and the error when it failed. */
function uploadRow(job) {
  const error = job.error ? describeError(new ApiError(job.error.code, job.error.message, 0)) : null;
  return h(
    'li',
    { class: `upload-job status-${job.status}`, dataset: { job: job.id } },
    h('span', { class: 'badge' }, STATUS_TEXT[job.status] ?? job.status),
    ' ',
    job.status === 'indexed' ? h('a', { href: `#${encodeURIComponent(job.docId)}` }, job.docId) : job.docId,
    h('span', { class: 'meta' }, ` · ${new Date(job.acceptedAt).toLocaleString('zh-CN')}`),
    progressLine(job),
    error ? h('p', { class: 'error' }, error) : null,
  );
}

/** The recent uploads with their status (the queue survives a restart of the server). */
async function loadUploads() {
  try {
    const { uploads } = await api('/v1/uploads');
    setChildren(uploadList, uploads.slice(0, 10).map(uploadRow));
    return uploads;
  } catch {
    return [];
  }
}

/** Polls an upload until it is indexed or failed; `onJob` sees each state (its progress while indexing). */
async function waitForUpload(id, onJob) {
  // A scan is OCR'd a page every 1–3 s: polling stays at most 1.5 s apart so the count moves with it.
  for (let delay = 300; ; delay = Math.min(delay * 1.5, 1500)) {
    const job = await api(`/v1/uploads/${encodeURIComponent(id)}`);
    if (job.status === 'indexed' || job.status === 'failed') return job;
    onJob(job);
    await loadUploads();
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

document.getElementById('upload-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = document.getElementById('upload-result');
  const file = document.getElementById('upload-file').files[0];
  if (!file) return;
  const form = new FormData();
  form.append('file', file);
  const replace = document.getElementById('upload-replace').checked;
  setChildren(out, h('p', { class: 'meta' }, '正在上传…'));
  try {
    const { job } = await api(`/v1/documents?wait=false${replace ? '&replace=true' : ''}`, { method: 'POST', body: form, headers: authHeaders(tokenInput) });
    setChildren(out, h('p', { class: 'meta' }, `已接收 ${job.docId}，正在建立索引…`));
    await loadUploads();
    const done = await waitForUpload(job.id, (j) =>
      setChildren(out, h('p', { class: 'meta', id: 'upload-status' }, `${j.docId}：${STATUS_TEXT[j.status] ?? j.status}`, progressLine(j))),
    );
    await loadUploads();
    if (done.status === 'failed') throw new ApiError(done.error.code, done.error.message, 0);
    const r = done.result;
    setChildren(out, h('p', {}, `已加入文件库：${done.docId}（${r.documents} 个文件，${r.chunks} 个检索单元）`));
    await loadList();
    location.hash = encodeURIComponent(done.docId);
  } catch (err) {
    setChildren(out, errorBox(err));
  }
});

const fromHash = () => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id) showDocument(id);
};
window.addEventListener('hashchange', fromHash);
loadList().then(fromHash);
loadUploads();
