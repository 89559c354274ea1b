// Chat page: questions in one session (its id kept in localStorage), answers streamed over SSE,
// citations as chips that open the cited clause with the quote highlighted — for a paged source
// (PDF, OFD, scan) the cited page (第N页), with an OCR marker when the page was recognised.
import { ApiError, errorBox, fillDocumentSelect, h, openSource, raiseFor, readEventStream, setChildren, api } from './common.js';
import { OCR_TITLE, openPage } from './page-view.js';

const SESSION_KEY = 'policy.chat.session';
const MODE_TEXT = { extractive: '原文抽取', llm: '大模型生成' };
const conversation = document.getElementById('conversation');
const form = document.getElementById('ask-form');
const input = document.getElementById('question');
const button = document.getElementById('ask-button');
const docFilter = document.getElementById('doc-filter');

function userTurn(text) {
  return h('div', { class: 'turn user' }, text);
}

const chipLabel = (c) => `${c.title || c.source} · ${c.clause || '前言'}${c.page ? ` · 第${c.page}页` : ''}`;

/**
 * A chip per citation; chips of the same clause (e.g. rows of one table) add the start of their
 * quote. A paged source's chip names its page and opens the page view; a quote read by OCR
 * carries a marker saying so.
 */
function citationChips(citations) {
  const counts = new Map();
  for (const c of citations) counts.set(chipLabel(c), (counts.get(chipLabel(c)) ?? 0) + 1);
  return citations.map((c) => {
    const snippet = c.quote.replace(/\s+/g, ' ').trim();
    const label = counts.get(chipLabel(c)) > 1 ? `${chipLabel(c)} 「${snippet.length > 10 ? `${snippet.slice(0, 10)}…` : snippet}」` : chipLabel(c);
    const ocr = c.ocr ? h('span', { class: 'ocr-mark', title: OCR_TITLE }, 'OCR') : null;
    const open = () => (c.page ? openPage(c) : openSource(c));
    return h('button', { type: 'button', class: 'chip', title: c.quote, dataset: c.page ? { page: c.page } : undefined, onclick: open }, label, ocr);
  });
}

/** The answer per document or place, when it covers several: a small labelled list. */
function answerParts(parts) {
  return h(
    'ul',
    { class: 'answer-parts', 'aria-label': '分文件回答' },
    parts.map((p) => h('li', {}, h('span', { class: 'part-label' }, p.label), '：', p.answer)),
  );
}

/** Renders a final answer into `el` (an assistant turn). */
function renderAnswer(el, answer) {
  const parts = [];
  if (answer.abstained) {
    parts.push(h('p', { class: 'abstained' }, '文件中未找到相关规定'));
    // An LLM abstention's reason may quote what the model wrote (e.g. text a document told it
    // to say); only a fixed sentence is shown for it, never the model's words.
    const reason = answer.mode === 'llm' ? '大模型未给出可由原文核实的答案。' : answer.reason;
    if (reason) parts.push(h('p', { class: 'meta' }, `说明：${reason}`));
  } else {
    parts.push(h('p', { class: 'short-answer' }, answer.answer));
    if (answer.parts?.length) parts.push(answerParts(answer.parts));
    if (answer.working) parts.push(h('p', { class: 'working' }, h('span', { class: 'part-label' }, '计算'), '：', answer.working));
  }
  if (answer.citations.length) {
    parts.push(h('div', { class: 'citations', 'aria-label': '引文' }, citationChips(answer.citations)));
    parts.push(h('p', { class: 'quote-preview' }, `“${answer.citations[0].quote}”`));
    if (answer.citations.some((c) => c.ocr))
      parts.push(h('p', { class: 'meta ocr-note' }, '标有 OCR 的引文来自扫描件的文字识别，可能有识别错误，请以原件为准。'));
  }
  const mode = MODE_TEXT[answer.mode] ?? answer.mode;
  parts.push(h('p', { class: 'meta' }, `${mode} · 置信度 ${Math.round(answer.confidence * 100)}%`));
  setChildren(el, parts);
  el.classList.toggle('abstained-turn', answer.abstained);
}

function assistantTurn() {
  const text = h('p', { class: 'short-answer streaming' }, '');
  const el = h('article', { class: 'turn assistant', 'aria-busy': 'true' }, text);
  return { el, text };
}

function setBusy(busy) {
  button.disabled = busy;
  button.textContent = busy ? '回答中…' : '提问';
}

async function send(message, retried = false) {
  const session = localStorage.getItem(SESSION_KEY) || undefined;
  const body = { message, session, docIds: docFilter.value ? [docFilter.value] : undefined };
  const response = await fetch('/v1/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
  });
  if (response.status === 404 && session && !retried) {
    // The session is gone (server data cleared): start a new one, once.
    const err = await raiseFor(response).catch((e) => e);
    if (err instanceof ApiError && err.code === 'SESSION_NOT_FOUND') {
      localStorage.removeItem(SESSION_KEY);
      return send(message, true);
    }
    throw err;
  }
  await raiseFor(response);
  const sessionId = response.headers.get('x-session-id');
  if (sessionId) localStorage.setItem(SESSION_KEY, sessionId);
  return response;
}

async function ask(message) {
  conversation.append(userTurn(message));
  const turn = assistantTurn();
  conversation.append(turn.el);
  turn.el.scrollIntoView({ block: 'end' });
  setBusy(true);
  try {
    const response = await send(message);
    let finished = false;
    await readEventStream(response, (event, data) => {
      // Tokens are provisional: the `answer` event replaces them with the verified answer.
      if (event === 'token') turn.text.textContent += data.text;
      else if (event === 'answer') {
        renderAnswer(turn.el, data.answer);
        finished = true;
      } else if (event === 'error') throw new ApiError(data.code, data.message, 200);
      else if (event === 'done' && data.session) localStorage.setItem(SESSION_KEY, data.session);
    });
    if (!finished) throw new ApiError('INTERNAL', '回答中断，请重试', 0);
  } catch (err) {
    setChildren(turn.el, errorBox(err));
  } finally {
    turn.el.removeAttribute('aria-busy');
    setBusy(false);
    turn.el.scrollIntoView({ block: 'nearest' });
  }
}

/** Shows the history of the stored session, if the server still has it. */
async function restoreSession() {
  const id = localStorage.getItem(SESSION_KEY);
  if (!id) return;
  try {
    const session = await api(`/v1/chat/${encodeURIComponent(id)}`);
    for (const t of session.turns) {
      if (t.role === 'user') conversation.append(userTurn(t.text));
      else if (t.answer) {
        const turn = assistantTurn();
        renderAnswer(turn.el, t.answer);
        turn.el.removeAttribute('aria-busy');
        conversation.append(turn.el);
      }
    }
  } catch (err) {
    if (err instanceof ApiError && (err.code === 'SESSION_NOT_FOUND' || err.code === 'BAD_REQUEST')) localStorage.removeItem(SESSION_KEY);
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const message = input.value.trim();
  if (!message || button.disabled) return;
  input.value = '';
  ask(message);
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
});
document.getElementById('new-session').addEventListener('click', () => {
  localStorage.removeItem(SESSION_KEY);
  conversation.replaceChildren();
  input.focus();
});
for (const example of document.querySelectorAll('#examples button')) {
  example.addEventListener('click', () => {
    input.value = example.textContent;
    form.requestSubmit();
  });
}

fillDocumentSelect(docFilter).catch(() => undefined);
restoreSession();
