/**
 * Rendering an HTML subtree as lines of text the way a reader sees it: one line per
 * paragraph, block, `<br>` and table row, with the cells of a data table joined by a tab so a
 * row stays one line (the cleaner and the table parser split on tabs). Shared by the HTML
 * reader and the .docx reader (mammoth converts a .docx to HTML).
 */

/** The parts of a parsed DOM node (domhandler, as cheerio returns it) this module reads. */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
}

/** Elements whose content is never document text. */
export const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'map',
  'audio',
  'video',
]);

/** Elements that start and end a line. */
export const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'blockquote',
  'pre',
  'center',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'address',
  'hr',
  'body',
  'html',
  'br',
]);

/** True for element nodes (script and style are elements with their own node type in domhandler). */
export function isElement(n: DomNode): boolean {
  return n.type === 'tag' || n.type === 'script' || n.type === 'style';
}

/** The element's children that are elements named `names`, looking through thead/tbody/tfoot. */
function childElements(n: DomNode, names: Set<string>): DomNode[] {
  const out: DomNode[] = [];
  for (const c of n.children ?? []) {
    if (!isElement(c)) continue;
    if (names.has(c.name ?? '')) out.push(c);
  }
  return out;
}

function countDescendants(n: DomNode, pred: (d: DomNode) => boolean, limit = Infinity): number {
  let count = 0;
  const stack = [...(n.children ?? [])];
  while (stack.length && count < limit) {
    const d = stack.pop()!;
    if (!isElement(d)) continue;
    if (pred(d)) count++;
    stack.push(...(d.children ?? []));
  }
  return count;
}

/**
 * A layout row (a page laid out with tables) holds whole articles in its cells; a data row
 * holds short values. Layout rows are rendered as blocks, data rows as one line.
 */
function isLayoutRow(cells: DomNode[]): boolean {
  for (const cell of cells) {
    if (countDescendants(cell, (d) => d.name === 'table', 1) > 0) return true;
    const blocks = countDescendants(cell, (d) => d.name === 'p' || d.name === 'div' || d.name === 'br' || d.name === 'li');
    if (blocks >= 8 && textOf(cell).length > 500) return true;
  }
  return false;
}

/** All text of a subtree, whitespace collapsed (no line structure). */
export function textOf(n: DomNode): string {
  if (n.type === 'text') return (n.data ?? '').replace(/[ \t\n\r\f]+/g, ' ');
  if (isElement(n) && SKIP_TAGS.has(n.name ?? '')) return '';
  if (n.type === 'comment' || n.type === 'directive' || n.type === 'cdata') return '';
  let s = '';
  for (const c of n.children ?? []) s += textOf(c);
  return s;
}

/** Trims spaces (ASCII, no-break, ideographic) at the ends of a line but keeps tabs, which mark empty cells. */
function trimLine(s: string): string {
  return s.replace(/^[ \u00a0\u3000\r\n]+|[ \u00a0\u3000\r\n]+$/g, '');
}

class LineBuilder {
  readonly lines: string[] = [];
  private current = '';

  add(text: string): void {
    this.current += text;
  }

  /** Ends the current line (if it has any text). */
  flush(): void {
    const t = trimLine(this.current);
    if (t.replace(/\t/g, '')) this.lines.push(t);
    this.current = '';
  }
}

function walk(n: DomNode, out: LineBuilder, pre: boolean): void {
  if (n.type === 'text') {
    out.add(pre ? (n.data ?? '') : (n.data ?? '').replace(/[ \t\n\r\f]+/g, ' '));
    return;
  }
  if (n.type === 'root') {
    for (const c of n.children ?? []) walk(c, out, pre);
    return;
  }
  if (!isElement(n)) return;
  const name = n.name ?? '';
  if (SKIP_TAGS.has(name)) return;
  if (name === 'br') {
    out.flush();
    return;
  }
  if (name === 'tr') {
    const cells = childElements(n, new Set(['td', 'th']));
    if (!isLayoutRow(cells)) {
      out.flush();
      // Each cell on one line: its inner paragraphs are joined by a space (the cleaner drops it next to CJK).
      const texts = cells.map((cell) =>
        renderLines(cell)
          .map((l) => l.replace(/\t/g, ' '))
          .join(' '),
      );
      out.add(texts.join('\t'));
      out.flush();
      return;
    }
  }
  const block = BLOCK_TAGS.has(name);
  if (block) out.flush();
  const isPre = pre || name === 'pre';
  if (isPre && name === 'pre') {
    // Preformatted text keeps its own line breaks.
    const lines = textOfPre(n).split(/\r\n|\n|\r/);
    for (const l of lines) {
      out.add(l);
      out.flush();
    }
    return;
  }
  for (const c of n.children ?? []) walk(c, out, isPre);
  if (block) out.flush();
}

function textOfPre(n: DomNode): string {
  if (n.type === 'text') return n.data ?? '';
  if (isElement(n) && SKIP_TAGS.has(n.name ?? '')) return '';
  if (n.name === 'br') return '\n';
  let s = '';
  for (const c of n.children ?? []) s += textOfPre(c);
  return s;
}

/** Renders a subtree as trimmed, non-empty lines. */
export function renderLines(n: DomNode): string[] {
  const out = new LineBuilder();
  walk(n, out, false);
  out.flush();
  return out.lines;
}
