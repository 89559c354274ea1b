/**
 * The QA gold format, one JSON object per line:
 * {"id","question","source","answers":[["key fact","key fact"],["alternative"]],
 *  "evidence":["verbatim text"],"unanswerable":false,"after":"<id>"?,"kind":"<class>"?}
 * Users bring their own files in this format; a bad line is reported by number. `kind` is the
 * question class `policy eval` reports accuracy by (one of {@link QUESTION_CLASSES}; items without
 * one count as `other`).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';

/**
 * The question classes answers are measured by, each a mechanism of its own: header fields,
 * roles in a sentence (lead, participants, recipient), time (deadline, frequency), amounts
 * (target, table cell, arithmetic on two stated figures), lists, definitions, yes/no rules,
 * comparisons across documents, and the rest.
 */
export const QUESTION_CLASSES = [
  'header',
  'lead',
  'participants',
  'recipient',
  'deadline',
  'frequency',
  'target',
  'table',
  'arithmetic',
  'list',
  'definition',
  'yesno',
  'comparison',
  'other',
] as const;

export type QuestionClass = (typeof QUESTION_CLASSES)[number];

export const goldItemSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  source: z.string().nullable().optional().default(null),
  answers: z.array(z.array(z.string().min(1)).min(1)).default([]),
  evidence: z.array(z.string().min(1)).default([]),
  unanswerable: z.boolean().default(false),
  after: z.string().optional(),
  kind: z.enum(QUESTION_CLASSES).optional(),
});

export type GoldItem = z.infer<typeof goldItemSchema>;

/** Parses JSONL text into gold items; throws GOLD_INVALID naming the line. */
export function parseGold(text: string, name = 'gold file'): GoldItem[] {
  const items: GoldItem[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new AppError('GOLD_INVALID', `${name} line ${i + 1}: not valid JSON`);
    }
    const parsed = goldItemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError('GOLD_INVALID', `${name} line ${i + 1}: ${issue.path.join('.') || 'item'}: ${issue.message}`);
    }
    const item = parsed.data;
    if (ids.has(item.id)) throw new AppError('GOLD_INVALID', `${name} line ${i + 1}: duplicate id ${item.id}`);
    if (!item.unanswerable && !item.answers.length) throw new AppError('GOLD_INVALID', `${name} line ${i + 1}: an answerable item needs answers`);
    if (item.after && !ids.has(item.after))
      throw new AppError('GOLD_INVALID', `${name} line ${i + 1}: "after" names ${item.after}, which does not come before it`);
    ids.add(item.id);
    items.push(item);
  });
  if (!items.length) throw new AppError('GOLD_INVALID', `${name} has no items`);
  return items;
}

/** Reads a gold file. */
export function readGold(path: string): GoldItem[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new AppError('FILE_NOT_FOUND', `Cannot read gold file ${path}`, { cause });
  }
  return parseGold(text, path);
}

/** Problems of gold items against the documents: evidence that is not verbatim in its source (or, without one, in any document). */
export function checkGoldEvidence(items: GoldItem[], originals: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const item of items) {
    if (item.source && !originals.has(item.source)) problems.push(`${item.id}: source ${item.source} is not an indexed document`);
    const pool = item.source && originals.has(item.source) ? [originals.get(item.source)!] : [...originals.values()];
    for (const ev of item.evidence) if (!pool.some((t) => t.includes(ev))) problems.push(`${item.id}: evidence not found verbatim: ${ev}`);
  }
  return problems;
}
