// Alignment page: choose (or upload) the child and optionally the parent, then read the
// findings by severity — what a reviewer must act on first — with the parent and child quotes
// side by side, an index by kind, the parent requirements the child may leave out (with the
// reason) and every parent obligation with its outcome; download the report. When the two
// documents do not look like parent and child, a warning stands in place of the findings.
import { api, authHeaders, errorBox, fillDocumentSelect, h, raiseFor, restoreToken, setChildren } from './common.js';

// Kind, severity and parent-source names come from the server's one table (GET /v1/align/labels).
let LABELS = { kinds: [], severities: {}, parentSources: {} };
const labelsLoaded = api('/v1/align/labels').then((l) => (LABELS = l));

const form = document.getElementById('align-form');
const childSelect = document.getElementById('child-select');
const childFile = document.getElementById('child-file');
const parentSelect = document.getElementById('parent-select');
const button = document.getElementById('align-button');
const out = document.getElementById('align-result');
// An uploaded file is parsed by the server: like a document upload it needs the access token (when one is set).
const tokenInput = document.getElementById('api-token');
restoreToken(tokenInput);

/** `（第3页）` after a clause of a paged source (PDF, OFD, scan). */
const pageNote = (s) => (s?.page ? `（第${s.page}页）` : '');

function side(s, role, title) {
  const label = role === 'parent' ? '上级文件' : '本级文件';
  if (!s) return h('div', { class: `side ${role}` }, h('div', { class: 'label' }, label), h('p', { class: 'none' }, '（无对应条款）'));
  return h(
    'div',
    { class: `side ${role}` },
    h('div', { class: 'label' }, `${label} · ${title} · ${s.clause || '前言'}${pageNote(s)} ${s.heading}`),
    h('blockquote', {}, s.quote),
  );
}

// Severities in reading order, with the heading of their section.
const SEVERITY_SECTIONS = [
  ['high', '需要处理的问题'],
  ['medium', '需要核实的差异'],
  ['low', '供参考的差异'],
];
const OUTCOMES = { covered: '已落实', weakened: '弱化', changed: '有变化', missing: '未落实', excluded: '不适用' };
const kindLabel = (kind) => LABELS.kinds.find((k) => k.kind === kind)?.label ?? kind;

function findingCard(f, report, n) {
  return h(
    'article',
    { class: `card finding sev-border-${f.severity}`, id: `f-${n}`, dataset: { kind: f.kind } },
    h(
      'div',
      { class: 'finding-head' },
      h('span', { class: `badge sev-${f.severity}` }, LABELS.severities[f.severity] ?? f.severity),
      h('span', { class: 'badge' }, kindLabel(f.kind)),
      h('strong', {}, f.detail),
      f.similarity === null ? null : h('span', { class: 'meta' }, `相似度 ${Math.round(f.similarity * 100)}%`),
    ),
    h(
      'div',
      { class: 'sides' },
      side(f.parent, 'parent', report.parent.title ?? report.parent.id),
      side(f.child, 'child', report.child.title ?? report.child.id),
    ),
  );
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('strong', {}, value), label);
}

function download(label, href, filename) {
  return h('a', { href, download: filename ?? true }, label);
}

/** Download links: GET URLs for indexed documents; for an upload, the JSON as a blob and the HTML on demand. */
function downloads(report, request) {
  const stem = `对照报告-${report.child.id.replace(/\.[^.]+$/, '')}`;
  if (!request.file) {
    const q = new URLSearchParams({ child: request.child });
    if (request.parent) q.set('parent', request.parent);
    return h(
      'div',
      { class: 'downloads' },
      '下载：',
      download('HTML 报告', `/v1/align/report?${q}&download=1`),
      download('JSON', `/v1/align/report?${q}&format=json&download=1`),
      h('a', { href: `/v1/align/report?${q}`, target: '_blank', rel: 'noopener' }, '在新窗口查看报告'),
    );
  }
  const json = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
  const html = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: async () => {
        try {
          const response = await raiseFor(await fetch('/v1/align?format=html', { method: 'POST', body: formData(request), headers: authHeaders(tokenInput) }));
          const a = h('a', { href: URL.createObjectURL(await response.blob()), download: `${stem}.html` });
          document.body.append(a);
          a.click();
          a.remove();
        } catch (err) {
          out.prepend(errorBox(err));
        }
      },
    },
    'HTML 报告',
  );
  return h('div', { class: 'downloads' }, '下载：', html, download('JSON', json, `${stem}.json`));
}

/** The findings by severity (the server orders them: severity, then the parent's clause order). */
function severitySections(report) {
  const number = new Map(report.findings.map((f, i) => [f, i + 1]));
  return SEVERITY_SECTIONS.map(([severity, title]) => {
    const fs = report.findings.filter((f) => f.severity === severity);
    return fs.length
      ? h(
          'section',
          { id: `sev-${severity}` },
          h('h2', {}, `${title}（${LABELS.severities[severity] ?? severity}，${fs.length}）`),
          fs.map((f) => findingCard(f, report, number.get(f))),
        )
      : null;
  });
}

/** An index of the findings by kind, each entry a link to its card. */
function kindIndex(report) {
  const number = new Map(report.findings.map((f, i) => [f, i + 1]));
  const groups = LABELS.kinds.map(({ kind, label }) => {
    const fs = report.findings.filter((f) => f.kind === kind);
    return fs.length
      ? h(
          'div',
          { id: `kind-${kind}`, class: 'kind-group' },
          h('h2', {}, `${label}（${fs.length}）`),
          h(
            'ul',
            {},
            fs.map((f) => h('li', {}, h('a', { href: `#f-${number.get(f)}` }, `${(f.parent ?? f.child)?.clause ?? ''} ${f.detail}`))),
          ),
        )
      : null;
  });
  return h('details', { class: 'card kind-index' }, h('summary', {}, '按类型查看'), groups);
}

/** The parent requirements the child may leave out, and every parent obligation with its outcome. */
function obligationTables(report) {
  const excluded = report.excluded ?? [];
  const obligations = report.relation?.related === false ? [] : (report.obligations ?? []);
  return [
    excluded.length
      ? h(
          'details',
          { class: 'card', id: 'excluded' },
          h('summary', {}, `不适用于本级的上级要求（${excluded.length}）`),
          h(
            'ul',
            {},
            excluded.map((e) => h('li', {}, `${e.parent.clause || '正文'}${pageNote(e.parent)} “${e.parent.quote}”：${e.reason}`)),
          ),
        )
      : null,
    obligations.length
      ? h(
          'details',
          { class: 'card', id: 'obligations' },
          h('summary', {}, `逐条落实情况（${obligations.length}）`),
          h(
            'table',
            {},
            h('tr', {}, h('th', {}, '上级要求'), h('th', {}, '落实情况'), h('th', {}, '本级对应')),
            obligations.map((o) =>
              h(
                'tr',
                {},
                h('td', {}, `${o.parent.clause}${pageNote(o.parent)} ${o.parent.quote}`),
                h('td', {}, `${OUTCOMES[o.status] ?? o.status}${o.reason ? `：${o.reason}` : ''}`),
                h('td', {}, o.child ? `${o.child.clause}${pageNote(o.child)} ${o.child.quote}` : '—'),
              ),
            ),
          ),
        )
      : null,
  ];
}

function renderReport(report, request) {
  const s = report.summary;
  const related = report.relation?.related ?? true;
  setChildren(
    out,
    h('h2', {}, `${report.child.title ?? report.child.id} ↔ ${report.parent.title ?? report.parent.id}`),
    h(
      'p',
      { class: 'meta' },
      `上级文件：${LABELS.parentSources[report.parentSource] ?? report.parentSource}${report.child.external ? ' · 本级文件为上传文件' : ''}`,
    ),
    downloads(report, request),
    related
      ? null
      : h(
          'p',
          { class: 'error', id: 'unrelated' },
          `这两份文件看起来不是上下级关系：上级文件的要求只有 ${Math.round((report.relation.coverage ?? 0) * 100)}% 在本级文件中找到对应，${report.relation.withheld} 条差异未列出。请确认选择的上级文件是否正确。`,
        ),
    report.notes.length
      ? h(
          'ul',
          { class: 'meta' },
          report.notes.map((n) => h('li', {}, n)),
        )
      : null,
    h(
      'div',
      { class: 'summary-bar' },
      stat('覆盖率', `${(s.coverage * 100).toFixed(1)}%`),
      stat('上级要求', s.parentObligations),
      stat('已落实', s.covered),
      stat('弱化', s.weakened),
      stat('变化', s.changed),
      stat('未落实', s.missing),
      stat('本级新增', s.added),
    ),
    report.findings.length ? [severitySections(report), kindIndex(report)] : related ? h('p', {}, '未发现差异。') : null,
    obligationTables(report),
  );
}

function formData(request) {
  const data = new FormData();
  data.append('file', request.file);
  if (request.parent) data.append('parent', request.parent);
  return data;
}

async function run(request) {
  button.disabled = true;
  setChildren(out, h('p', { class: 'meta' }, '正在对照…'));
  try {
    const report = request.file
      ? await api('/v1/align', { method: 'POST', body: formData(request), headers: authHeaders(tokenInput) })
      : await api('/v1/align', { method: 'POST', body: { child: request.child, parent: request.parent || undefined } });
    renderReport(report, request);
  } catch (err) {
    setChildren(out, errorBox(err));
  } finally {
    button.disabled = false;
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const file = childFile.files[0];
  if (!file && !childSelect.value) {
    setChildren(out, h('p', { class: 'error' }, '请选择或上传本级文件。'));
    return;
  }
  run({ file, child: childSelect.value, parent: parentSelect.value });
});
childFile.addEventListener('change', () => childFile.files.length && (childSelect.value = ''));
childSelect.addEventListener('change', () => childSelect.value && (childFile.value = ''));

const params = new URLSearchParams(location.search);
Promise.all([
  labelsLoaded,
  fillDocumentSelect(childSelect, { selected: params.get('child') }),
  fillDocumentSelect(parentSelect, { selected: params.get('parent') }),
])
  .then(() => params.get('child') && form.requestSubmit())
  .catch((err) => setChildren(out, errorBox(err)));
