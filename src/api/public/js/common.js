// Shared helpers of the three pages: DOM building (text only — never innerHTML with data),
// API calls with readable Chinese errors, the SSE reader, and the source-clause viewer.

/** Builds an element: h('p', { class: 'x', onclick: fn }, 'text', child). Strings become text nodes. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

const CODE_TEXT = {
  BAD_REQUEST: '请求有误',
  QUERY_EMPTY: '请输入问题',
  QUERY_TOO_LONG: '问题过长（最多 2000 字）',
  DOC_NOT_FOUND: '找不到该文件',
  SESSION_NOT_FOUND: '会话已失效',
  PARENT_NOT_FOUND: '未找到上级文件，请手动选择上级文件',
  INDEX_NOT_FOUND: '索引尚未建立',
  FILE_UNSUPPORTED: '不支持的文件类型，请上传 .txt、.md、.html、.docx、.doc、.wps、.xls、.pdf、.ofd 或 .png/.jpg/.tif 扫描件',
  FILE_BINARY: '文件不是可读取的文档',
  FILE_EMPTY: '文件为空',
  FILE_TOO_LARGE: '文件过大',
  FILE_DUPLICATE: '相同内容的文件已在文件库中',
  FILE_UNDECODABLE: '无法识别文件编码',
  NO_TEXT: '文件中没有找到正文',
  DOCX_INVALID: '无法读取该 .docx 文件',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  UNAUTHORIZED: '需要有效的访问令牌',
  FORBIDDEN: '此服务器未开放写操作',
  NOT_FOUND: '未找到',
  LLM_TIMEOUT: '大模型响应超时',
  LLM_UNAVAILABLE: '大模型服务不可用',
  INTERNAL: '服务器内部错误',
  DOC_EXISTS: '同名文件已在文件库中（勾选“替换同名文件”可替换）',
  SERVER_BUSY: '服务器正忙，请稍后再试',
  WORK_TIMEOUT: '处理超时，文件过于复杂',
  FILE_TOO_COMPLEX: '文件结构过于复杂（可能是压缩炸弹）',
  LINE_TOO_LONG: '文件中有过长的行',
  ALIGN_INPUT_TOO_LARGE: '文件过长，无法对照',
  TEXT_TOO_LONG: '文件正文过长',
  UPLOAD_NOT_FOUND: '找不到该上传任务',
  UPLOAD_INTERRUPTED: '服务器重启时上传中断，请重新上传',
  ORIGIN_NOT_ALLOWED: '不允许从其他网站发起修改请求',
  HOST_NOT_ALLOWED: '服务器不接受该主机名',
  METHOD_NOT_ALLOWED: '不支持该请求方法',
  PDF_INVALID: '无法读取该 PDF 文件',
  PDF_ENCRYPTED: 'PDF 有密码保护，请另存为无保护的副本',
  DOC_INVALID: '无法读取该 .doc 文件',
  OFD_INVALID: '无法读取该 OFD 文件',
  IMAGE_INVALID: '无法读取该图片',
  TOO_MANY_PAGES: '文件页数超过上限',
  OCR_TOO_MANY_PAGES: '扫描页数超过文字识别（OCR）上限',
  OCR_TIMEOUT: '扫描页文字识别（OCR）超时',
  OCR_FAILED: '扫描页文字识别（OCR）失败',
  OCR_UNAVAILABLE: '服务器未安装文字识别（OCR）引擎，无法读取扫描件',
  CONVERTER_UNAVAILABLE: '服务器未安装 LibreOffice，无法读取 .wps/.xls 文件',
  CONVERSION_FAILED: 'LibreOffice 无法转换该文件',
  PAGE_NOT_FOUND: '文件中没有该页',
  DOC_NOT_PAGED: '该文件没有分页',
};

const TOKEN_KEY = 'policy.apiToken';

/** Fills an access-token field with the token typed earlier in this tab (sessionStorage). */
export function restoreToken(input) {
  input.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The Authorization header for the token in `input` (remembered for this tab), or none when it is empty. */
export function authHeaders(input) {
  const token = input.value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** An error from the API, carrying its stable code. */
export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** A sentence for the reader: the Chinese meaning of the code plus the server's message. */
export function describeError(err) {
  if (err instanceof ApiError) return `${CODE_TEXT[err.code] ?? '出错了'}（${err.code}）：${err.message}`;
  return `网络或页面错误：${err?.message ?? err}`;
}

/** The error box shown in place of a result. */
export function errorBox(err) {
  return h('p', { class: 'error', role: 'alert' }, describeError(err));
}

/** Throws an ApiError built from a non-OK response. */
export async function raiseFor(response) {
  if (response.ok) return response;
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page): fall through to the status.
  }
  throw new ApiError(body?.code ?? 'INTERNAL', body?.message ?? `HTTP ${response.status}`, response.status);
}

/** GET or POST JSON and return the parsed body; throws ApiError. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await raiseFor(await fetch(path, init));
  return response.json();
}

/**
 * Reads a server-sent event stream from a fetch Response (EventSource cannot POST) and calls
 * `onEvent(name, data)` per event as it arrives.
 */
export async function readEventStream(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const flush = (block) => {
    let event = 'message';
    const data = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) onEvent(event, JSON.parse(data.join('\n')));
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
      if (block.trim()) flush(block);
    }
  }
  if (buffer.trim()) flush(buffer);
}

const documentCache = new Map();

/** A document's detail, fetched once per page. */
export function getDocument(id) {
  if (!documentCache.has(id)) {
    const p = api(`/v1/documents/${encodeURIComponent(id)}`);
    p.catch(() => documentCache.delete(id));
    documentCache.set(id, p);
  }
  return documentCache.get(id);
}

/** The context shown around a quote: whole lines, about `radius` characters either side. */
export function quoteContext(text, start, end, radius = 400) {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  const lineStart = text.lastIndexOf('\n', from);
  if (lineStart >= 0 && start - lineStart < radius * 2) from = lineStart + 1;
  const lineEnd = text.indexOf('\n', to);
  if (lineEnd >= 0 && lineEnd - end < radius * 2) to = lineEnd;
  return { before: text.slice(from, start), quote: text.slice(start, end), after: text.slice(end, to), from, to };
}

/**
 * Opens the source dialog on a citation: fetches the document and highlights
 * `originalText.slice(start, end)` within its context.
 */
export async function openSource(citation) {
  let dialog = document.getElementById('source-dialog');
  if (!dialog) {
    dialog = h(
      'dialog',
      { id: 'source-dialog', 'aria-labelledby': 'source-title' },
      h(
        'div',
        { class: 'dialog-head' },
        h('div', {}, h('h2', { id: 'source-title' }), h('p', { id: 'source-clause', class: 'meta' })),
        h('button', { type: 'button', class: 'secondary', id: 'source-close', onclick: () => dialog.close() }, '关闭'),
      ),
      h('div', { id: 'source-body' }),
    );
    dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
    document.body.append(dialog);
  }
  document.getElementById('source-title').textContent = citation.title || citation.source;
  document.getElementById('source-clause').textContent = `${citation.clause ? `第 ${citation.clause} 条款` : '通知 / 前言'} · ${citation.source}`;
  const body = document.getElementById('source-body');
  setChildren(body, h('p', { class: 'source-text meta' }, '正在载入原文…'));
  if (!dialog.open) dialog.showModal();
  try {
    const doc = await getDocument(citation.source);
    const { before, quote, after, from, to } = quoteContext(doc.originalText, citation.start, citation.end);
    const mark = h('mark', { id: 'source-quote' }, quote);
    const warning = quote === citation.quote ? null : h('p', { class: 'error' }, '注意：引文与原文位置不一致，以下高亮为原文对应位置。');
    setChildren(body, warning, h('pre', { class: 'source-text' }, from > 0 ? '…' : '', before, mark, after, to < doc.originalText.length ? '…' : ''));
    mark.scrollIntoView({ block: 'center' });
  } catch (err) {
    setChildren(body, errorBox(err));
  }
}

/** Fills a <select> with the documents (keeps its first option, e.g. 全部文件). */
export async function fillDocumentSelect(select, { selected } = {}) {
  const { documents } = await api('/v1/documents');
  const first = select.options[0] ?? null;
  select.replaceChildren(...(first ? [first] : []));
  for (const d of documents)
    select.append(h('option', { value: d.id, selected: d.id === selected }, d.title ? `${d.title}（${d.meta.region?.name ?? d.id}）` : d.id));
  return documents;
}
