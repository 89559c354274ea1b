// The page view of a paged source (PDF, OFD, scan): a citation with a page opens that page's text
// (GET /v1/documents/{id}/pages/{n}) with its quote highlighted by OFFSETS — the part of
// [citation.start, citation.end) that lies on the page — never by searching for the string.
// Previous/next page buttons follow a quote that runs onto the next page.
import { api, errorBox, h, setChildren } from './common.js';

/** What the OCR marker says when hovered: a quote from a scan is only as good as the recognition. */
export const OCR_TITLE = '此引文来自扫描页的文字识别（OCR）：引文是否准确取决于识别质量，请以原件为准';

const pageCache = new Map();

/** A page of a document, fetched once per page view. */
function getPage(source, page) {
  const key = `${source}\u0000${page}`;
  if (!pageCache.has(key)) {
    const p = api(`/v1/documents/${encodeURIComponent(source)}/pages/${page}`);
    p.catch(() => pageCache.delete(key));
    pageCache.set(key, p);
  }
  return pageCache.get(key);
}

/**
 * The page text split around the citation: `[before, quote, after]` by offsets into the original
 * text (`page.start` is where the page begins in it), and what of the quote lies before or after
 * this page. Pure: tested through the UI.
 */
export function splitPage(page, citation) {
  const from = Math.max(citation.start, page.start) - page.start;
  const to = Math.min(citation.end, page.end) - page.start;
  if (to <= from) return { before: page.text, quote: '', after: '', continuesBefore: false, continuesAfter: false };
  return {
    before: page.text.slice(0, from),
    quote: page.text.slice(from, to),
    after: page.text.slice(to),
    // The same characters of the citation's own quote: a difference means the offsets are stale.
    expected: citation.quote.slice(from + page.start - citation.start, to + page.start - citation.start),
    continuesBefore: citation.start < page.start,
    continuesAfter: citation.end > page.end,
  };
}

function dialogElement() {
  let dialog = document.getElementById('page-dialog');
  if (dialog) return dialog;
  dialog = h(
    'dialog',
    { id: 'page-dialog', 'aria-labelledby': 'page-title' },
    h(
      'div',
      { class: 'dialog-head' },
      h('div', {}, h('h2', { id: 'page-title' }), h('p', { id: 'page-where', class: 'meta' })),
      h(
        'div',
        { class: 'page-nav' },
        h('button', { type: 'button', class: 'secondary', id: 'page-prev' }, '上一页'),
        h('button', { type: 'button', class: 'secondary', id: 'page-next' }, '下一页'),
        h('button', { type: 'button', class: 'secondary', id: 'page-close', onclick: () => dialog.close() }, '关闭'),
      ),
    ),
    h('div', { id: 'page-body', class: 'page-body' }),
  );
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
  document.body.append(dialog);
  return dialog;
}

/**
 * Opens the page view on `citation` (which has `page`), showing page `page` (default the
 * citation's own) with the part of the quote that lies on it highlighted.
 */
export async function openPage(citation, page = citation.page) {
  const dialog = dialogElement();
  const body = document.getElementById('page-body');
  const prev = document.getElementById('page-prev');
  const next = document.getElementById('page-next');
  document.getElementById('page-title').textContent = citation.title || citation.source;
  document.getElementById('page-where').textContent = `第${page}页 · ${citation.clause ? `第 ${citation.clause} 条款` : '通知 / 前言'} · ${citation.source}`;
  prev.disabled = true;
  next.disabled = true;
  setChildren(body, h('p', { class: 'source-text meta' }, '正在载入该页原文…'));
  if (!dialog.open) dialog.showModal();
  try {
    const p = await getPage(citation.source, page);
    document.getElementById('page-where').textContent =
      `第${p.page}页 / 共${p.pages}页 · ${citation.clause ? `第 ${citation.clause} 条款` : '通知 / 前言'} · ${citation.source}`;
    prev.disabled = p.page <= 1;
    next.disabled = p.page >= p.pages;
    prev.onclick = () => openPage(citation, p.page - 1);
    next.onclick = () => openPage(citation, p.page + 1);
    const part = splitPage(p, citation);
    const mark = part.quote ? h('mark', { id: 'page-quote' }, part.quote) : null;
    const notes = [
      p.ocr
        ? h(
            'p',
            { class: 'ocr-note', role: 'note' },
            h('span', { class: 'ocr-mark', title: OCR_TITLE }, 'OCR'),
            ' 本页文字由扫描件识别（OCR）得到，可能有识别错误，请以原件为准。',
          )
        : null,
      part.quote && part.quote !== part.expected ? h('p', { class: 'error' }, '注意：引文与原文位置不一致，以下高亮为原文对应位置。') : null,
      part.continuesBefore ? h('p', { class: 'meta' }, `引文从第${p.page - 1}页开始。`) : null,
      !part.quote ? h('p', { class: 'meta' }, '本页不含该引文。') : null,
    ];
    const after = part.continuesAfter ? h('p', { class: 'meta' }, `引文延续到第${p.page + 1}页。`) : null;
    setChildren(body, notes, h('pre', { class: 'source-text page-text' }, part.before, mark, part.after), after);
    mark?.scrollIntoView({ block: 'center' });
  } catch (err) {
    setChildren(body, errorBox(err));
  }
}
