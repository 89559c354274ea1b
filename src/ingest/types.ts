/**
 * Types the ingest stage outputs: RawDocument → CleanText → ParsedDocument → Chunk.
 *
 * Offsets: `RawDocument.text` is the original text (the decoded file; for HTML and .docx the
 * article text extracted from it). Every quote the product shows is `raw.text.slice(start, end)`
 * for offsets into that string. Cleaning produces a second string, `CleanText.text`, plus a map
 * from each clean character back to its original offset.
 */

export type SourceFormat = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'image' | 'doc' | 'wps' | 'xls' | 'ofd';

/**
 * One page of a paged source (PDF, OFD, scanned image), as a range of `RawDocument.text`.
 * Pages are in order and do not overlap; the line break between two pages belongs to neither,
 * and a page without text is an empty range where the next page starts.
 */
export interface PageSpan {
  /** Offset of the page's first character in `RawDocument.text`. */
  start: number;
  /** Offset one past its last character. */
  end: number;
  /** True when the page's text was recognised by OCR (a scan), not read from a text layer. */
  ocr?: boolean;
}

/** A decoded input file. `id` is the file name (e.g. `000_a21187bb345200ac.txt`). */
export interface RawDocument {
  id: string;
  /** Absolute or relative path it was read from, when it came from disk. */
  path?: string;
  format: SourceFormat;
  /** Detected encoding of text formats (`utf-8`, `gb18030`, …); `n/a` for binary formats (docx, pdf, …). */
  encoding: string;
  /** The original text. All `start`/`end` offsets in the product point into this string. */
  text: string;
  /** sha256 (hex) of the file bytes: drives incremental ingest. */
  sha256: string;
  /** sha256 (hex) of the cleaned text: detects the same content under another name. */
  contentHash?: string;
  bytes: number;
  /** Paged formats only: page `i + 1` is `pages[i]`, offsets into `text` (see `pageAt`). */
  pages?: PageSpan[];
  /** True when some of `text` came from OCR (quotes from those pages are only as good as the OCR). */
  ocr?: boolean;
}

/**
 * Cleaned text with a map back to the original. `offsets[i]` is the original index of clean
 * character `i`; `offsets[text.length]` is the original end (one past the last mapped char).
 */
export interface CleanText {
  text: string;
  offsets: Int32Array;
}

export type AdminLevel = '省' | '市' | '县' | '区';
export type DocumentKind = '通知' | '实施方案' | '工作机制' | '行动方案' | '政策解读' | '意见' | '其他';
export type DateKind = '成文' | '印发' | '发布';

export interface ParsedDate {
  kind: DateKind;
  /** As written, e.g. `2023年6月11日` or the damaged `2024416`. */
  raw: string;
  /** ISO `YYYY-MM-DD` when it parses unambiguously, else null (never invented). */
  iso: string | null;
}

export interface DocNumber {
  /** As written, e.g. `晋自然资发〔20229)`. */
  raw: string;
  /** Canonical `晋自然资发〔2022〕9号` when recoverable, else null. */
  normalized: string | null;
  /** Issuer prefix (`晋政办发`), year and serial when recoverable. */
  prefix: string | null;
  year: number | null;
  serial: number | null;
}

/** A document cited in the text: by 《title》, by 文号, or both. */
export interface CitedDocument {
  title: string | null;
  docNumber: DocNumber | null;
  /** Offsets of the citation in the clean text. */
  start: number;
  end: number;
  /** Id of the indexed document it resolves to, null when absent from the index (filled by the pipeline). */
  foundId?: string | null;
}

export interface Region {
  province: string | null;
  city: string | null;
  /** County or district (县/区/市辖县级市). */
  county: string | null;
  /** The most specific name: the issuing region (e.g. `宁武县`, `山西省`). */
  name: string | null;
}

/** Fields of a document's record (its header and closing) that questions ask about. */
export const RECORD_FIELDS = [
  'issuer',
  'recipients',
  'copyTo',
  'signature',
  'signedDate',
  'imprint',
  'issuedDate',
  'publishedDate',
  'indexNumber',
  'source',
  'topic',
  'attachment',
  'basis',
  'publicity',
] as const;

export type RecordFieldName = (typeof RECORD_FIELDS)[number];

/** One field of the record as written, with the clean offsets of its value. */
export interface RecordField {
  field: RecordFieldName;
  value: string;
  start: number;
  end: number;
}

export interface DocumentMeta {
  /** Title of the plan itself (e.g. `山西省加强新时代水土保持工作实施方案`). */
  title: string | null;
  /** Title of the covering notice (`…关于印发…的通知`), when there is one. */
  noticeTitle: string | null;
  /** 发文机关. */
  issuer: string | null;
  /** 文号 of this document. */
  docNumber: DocNumber | null;
  dates: ParsedDate[];
  level: AdminLevel | null;
  region: Region;
  kind: DocumentKind;
  citations: CitedDocument[];
  /** Header and closing fields (主送, 抄送, 落款, 印发, 索引号, 附件, 依据…) with their spans; empty when none were found. */
  record: RecordField[];
}

/**
 * A node of the clause tree. Levels: 1 = `一、`, 2 = `（一）`, 3 = `1.`, 4 = `（1）`;
 * `第X条` articles and `附件N` attachments are level 1 (articles nest under 章 when present).
 * Offsets are into the CLEAN text.
 */
export interface Section {
  /** Stable clause path, e.g. `四（三）`, `二（一）2`, `附件2`, `第五条`. Unique within a document. */
  path: string;
  level: number;
  /** The marker as normalised (`四`, `（三）`, `1`, `（1）`, `第五条`, `附件2`). */
  marker: string;
  /** Heading text without the marker (e.g. `加强组织领导`), possibly the first sentence. */
  heading: string;
  /** Start of the marker. */
  start: number;
  /** Start of the body after the heading. */
  bodyStart: number;
  /** End of this section including its children (exclusive). */
  end: number;
  children: Section[];
}

/** A row of a table, retrievable on its own. Offsets into the CLEAN text. */
export interface TableRow {
  /** Which table (`附件2`, or `表1`), and the row's index in it (0-based, header excluded). */
  table: string;
  /** Caption or title of the table when found. */
  caption: string | null;
  index: number;
  header: string[] | null;
  cells: string[];
  start: number;
  end: number;
}

export interface ParsedDocument {
  id: string;
  raw: RawDocument;
  clean: CleanText;
  meta: DocumentMeta;
  /** Roots of the clause tree (in order). */
  sections: Section[];
  tables: TableRow[];
  /** Clean offset where the plan body begins (after the covering notice), 0 if none. */
  bodyStart: number;
}

export type ChunkKind = 'notice' | 'preamble' | 'clause' | 'table-row';

/** A retrievable unit. `text` is the clean text slice; `start`/`end` are ORIGINAL offsets. */
export interface Chunk {
  /** `${docId}#${index}`. */
  id: string;
  docId: string;
  index: number;
  kind: ChunkKind;
  /** Clause path of the innermost section containing the chunk ('' for notice/preamble). */
  clausePath: string;
  /** Heading of that section (or chain of headings, outermost first, joined by ' / '). */
  heading: string;
  /** Clean text of the chunk. */
  text: string;
  /** Offsets into the ORIGINAL text (raw.text). */
  start: number;
  end: number;
  /** Offsets into the clean text. */
  cleanStart: number;
  cleanEnd: number;
  /** What is embedded and lexically indexed: document title + clause path + heading + text. */
  context: string;
}
