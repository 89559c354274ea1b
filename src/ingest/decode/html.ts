/**
 * Government web pages → the article text. The page's navigation, banners, breadcrumbs,
 * toolbars, scripts and footers are dropped; the article is taken from a known content
 * container (`#zoom`, `.TRS_Editor`, …) or, failing that, from the block with the most
 * paragraph text. The page title and the labelled metadata rows (索引号, 发文机关, 发文字号,
 * 发布日期 …) that sites print above the article are kept as the first lines, because
 * metadata extraction reads the issuer, 文号 and dates from them.
 */
import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';

const require = createRequire(import.meta.url);
let cheerio: typeof import('cheerio') | undefined;

/** cheerio, loaded on the first web page or .docx (it costs every CLI call half a second otherwise). */
export function loadCheerio(): typeof import('cheerio') {
  return (cheerio ??= require('cheerio') as typeof import('cheerio'));
}
import { AppError } from '../../core/errors.js';
import { isChromeLine } from '../clean.js';
import { isElement, renderLines, textOf, type DomNode } from './html-lines.js';

/** Options of {@link extractHtmlText}. */
export interface HtmlOptions {
  /** Content containers tried in order before the largest-text fallback. */
  articleSelectors: string[];
  /** Fewer meaningful characters than this in the article means there is no article (NO_TEXT). Default 20. */
  minArticleChars: number;
}

/** Defaults: containers used by the TRS/UCAP/Hanweb CMSs of Chinese government sites, then generic ones. */
export const defaultHtmlOptions: HtmlOptions = {
  articleSelectors: [
    '#zoom',
    '#Zoom',
    '.TRS_Editor',
    '.TRS_UEDITOR',
    '#UCAP-CONTENT',
    '.pages_content',
    '.article-content',
    '.article_content',
    '.articleContent',
    '.art_con',
    '#article',
    '.article',
    'article',
    '.content',
    '#content',
    '.main-content',
    '.detail-content',
  ],
  minArticleChars: 20,
};

/** Elements removed everywhere: page furniture. */
const CHROME_TAGS = 'nav, header, footer, aside, form';
/** class/id words of page furniture. "zoom" is absent on purpose: #zoom is the article on many sites. */
const CHROME_ATTR =
  /(^|[-_\s])(nav|navbar|navigation|menu|breadcrumbs?|crumbs?|position|location|share|bdshare|print|toolbar|tools|sidebar|banner|copyright|footer|foot|topbar|top-bar|search|login|fontsize|font-size|pagination|pager|related|xgwz|qrcode|ewm)([-_\s]|$)/i;
/** Labels of the metadata fields sites print above an article. */
const FIELD_LABEL =
  /^(索引号|发文字号|文号|发文时间|成文日期|成文时间|发文机关|发布机构|发布日期|发布时间|印发日期|主题词|主题分类|公文种类|信息来源|来源|时间|日期|标题|名称)\s*[:：]?/;
/** Last words of titles: a visible heading ending with one is the page's title. */
const TITLE_END = /(通知|方案|机制|意见|办法|规定|细则|要点|规划|解读|决定|批复|公告|通告|报告|计划|纲要|措施|清单|制度|函)$/;

/** The charset an HTML page declares in its first 2 KB (`<meta charset>` or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i.exec(head);
  return m ? m[1] : null;
}

/** True when decoded text is an HTML document (a doctype or `<html` tag near its start). */
export function looksLikeHtml(text: string): boolean {
  const head = text
    .slice(0, 2048)
    .replace(/^\ufeff/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(head)) return true;
  if (/^(<!--[\s\S]*?-->\s*)*<html[\s>]/i.test(head)) return true;
  // A page saved with some text before its <html> tag.
  return /<html[\s>]/i.test(head) && /<(head|body)[\s>]/i.test(text.slice(0, 8192));
}

function attrText(n: DomNode): string {
  return `${n.attribs?.id ?? ''} ${n.attribs?.class ?? ''}`;
}

/** Characters that carry content: Han, letters, digits (what NO_TEXT counts). */
function meaningfulLength(lines: string[]): number {
  let n = 0;
  for (const l of lines) if (!isChromeLine(l)) n += (l.match(/[\p{L}\p{N}]/gu) ?? []).length;
  return n;
}

/** True when `inner` is `outer` or lies inside it. */
function within(outer: DomNode, inner: DomNode): boolean {
  return outer === inner || loadCheerio().contains(outer as never, inner as never);
}

/** Removes page furniture, except elements that hold the article (a wrapper with a "nav" class, say). */
function removeChrome($: CheerioAPI, keep: DomNode | null): void {
  const candidates = [...$(CHROME_TAGS).toArray(), ...$('[id], [class]').toArray()] as unknown as DomNode[];
  for (const el of candidates) {
    const isChrome = CHROME_TAGS.split(', ').includes(el.name ?? '') || CHROME_ATTR.test(attrText(el));
    if (!isChrome || (keep && within(el, keep))) continue;
    // A <header> inside the article is the article's own heading block.
    if (keep && el.name === 'header' && within(keep, el)) continue;
    $(el as never).remove();
  }
}

/** The first known container with enough text, the largest when a selector matches several. */
function findContainer($: CheerioAPI, options: HtmlOptions): DomNode | null {
  for (const sel of options.articleSelectors) {
    let best: DomNode | null = null;
    let bestLen = 0;
    for (const el of $(sel).toArray() as unknown as DomNode[]) {
      const len = meaningfulLength(renderLines(el));
      if (len > bestLen) {
        best = el;
        bestLen = len;
      }
    }
    if (best && bestLen >= options.minArticleChars) return best;
  }
  return null;
}

/** Text of `n` outside block descendants and links: what a paragraph says itself. */
function ownInlineText(n: DomNode): { text: number; links: number } {
  let text = 0;
  let links = 0;
  const visit = (c: DomNode, inLink: boolean) => {
    if (c.type === 'text') {
      const len = (c.data ?? '').replace(/\s+/g, '').length;
      if (inLink) links += len;
      else text += len;
      return;
    }
    if (!isElement(c)) return;
    const name = c.name ?? '';
    if (['p', 'div', 'table', 'tr', 'td', 'th', 'li', 'ul', 'ol', 'section', 'article', 'h1', 'h2', 'h3'].includes(name)) return;
    for (const g of c.children ?? []) visit(g, inLink || name === 'a');
  };
  for (const c of n.children ?? []) visit(c, n.name === 'a');
  return { text, links };
}

/**
 * Readability-style fallback: every element with its own text (a paragraph) scores its length
 * to itself and its parent, half to its grandparent; links score nothing. The article is the
 * best-scoring element.
 */
function largestTextBlock($: CheerioAPI): DomNode | null {
  const scores = new Map<DomNode, number>();
  const add = (n: DomNode | null | undefined, s: number) => {
    if (n && isElement(n)) scores.set(n, (scores.get(n) ?? 0) + s);
  };
  for (const el of $('body *').toArray() as unknown as DomNode[]) {
    const { text, links } = ownInlineText(el);
    if (text < 10 || links > text) continue;
    add(el, text);
    add(el.parent, text);
    add(el.parent?.parent, text / 2);
  }
  let best: DomNode | null = null;
  let bestScore = 0;
  for (const [n, s] of scores) {
    if (s > bestScore && n.name !== 'body' && n.name !== 'html') {
      best = n;
      bestScore = s;
    }
  }
  return best;
}

/** The page title: a visible heading outside the article, else the `<title>` part that reads like one. */
function findTitle($: CheerioAPI, container: DomNode): string | null {
  const selectors = ['h1', '.title', '.article-title', '.articleTitle', '#title', '.tit', '.con-title', '.detail-title', 'h2', 'h3'];
  for (const sel of selectors) {
    for (const el of $(sel).toArray() as unknown as DomNode[]) {
      if (within(container, el)) continue;
      const t = textOf(el).trim();
      if (t.length >= 6 && t.length <= 150 && !isChromeLine(t) && (TITLE_END.test(t) || /关于/.test(t))) return t;
    }
  }
  const meta = $('meta[name="ArticleTitle"]').attr('content')?.trim();
  if (meta && meta.length >= 4) return meta;
  const parts = ($('title').first().text() ?? '').split(/\s*[-_|｜—–]\s*/).map((s) => s.trim());
  return parts.find((p) => p.length >= 6 && TITLE_END.test(p)) ?? null;
}

/** Labelled metadata rows outside the article (索引号, 发文机关, 发布日期 …), in page order. */
function findFieldLines($: CheerioAPI, container: DomNode): string[] {
  const picked: DomNode[] = [];
  const lines: string[] = [];
  for (const el of $('body tr, body li, body p, body div, body span, body td, body dd').toArray() as unknown as DomNode[]) {
    if (within(container, el) || within(el, container)) continue;
    if (picked.some((p) => within(p, el))) continue;
    const rendered = renderLines(el);
    if (!rendered.length || rendered.length > 6) continue;
    const joined = rendered.join(' ');
    if (joined.length > 200 || !FIELD_LABEL.test(joined)) continue;
    picked.push(el);
    // Label and value cells joined by a space: a metadata block is not a data table.
    lines.push(...rendered.filter((l) => !isChromeLine(l) || FIELD_LABEL.test(l)).map((l) => l.replace(/\t+/g, ' ')));
  }
  return lines;
}

/**
 * Extracts the article text of an HTML page: title and metadata rows first, then the article,
 * one line per paragraph / table row. Throws NO_TEXT when the page has no article text.
 */
export function extractHtmlText(html: string, options: Partial<HtmlOptions> = {}): string {
  const opts: HtmlOptions = { ...defaultHtmlOptions, ...options };
  const $ = loadCheerio().load(html);
  $('script, style, noscript, template, iframe, object, embed, svg, canvas, select, button, input, textarea').remove();
  let container = findContainer($, opts);
  let title = container ? findTitle($, container) : null;
  removeChrome($, container);
  if (!container) {
    container = largestTextBlock($);
    if (container) title = findTitle($, container);
  }
  const article = container ? renderLines(container) : [];
  if (!container || meaningfulLength(article) < opts.minArticleChars) {
    throw new AppError('NO_TEXT', 'No article text was found in the web page (only navigation, headers or footers)');
  }
  const head: string[] = [];
  const firstLines = article.slice(0, 5).join('').replace(/\s/g, '');
  if (title && !firstLines.includes(title.replace(/\s/g, ''))) head.push(title);
  head.push(...findFieldLines($, container));
  return [...head, ...article].join('\n');
}
