/**
 * Parent requirements a child rightly leaves out, with the reason a report gives: a clause about
 * another place of the parent's region (another county, a small named landform), a river or
 * mountain range the child never names (phrase by phrase only: `某河流域` in one clause does not
 * take the rest of the sentence with it), or a task the parent keeps for its own level (its own platform, budget, plan, pilots;
 * `zh/level-tasks.ts`). They are listed as excluded — never missing — when the child has no
 * counterpart; when it has one, they are compared like any other.
 */
import type { ParsedDocument } from '../../ingest/types.js';
import { levelTaskPatterns } from '../../zh/level-tasks.js';
import { ownLevel } from './actor-changes.js';
import { foreignPlaceNames, namesForeignLandform, namesForeignPlace } from './localize.js';

/** Decides what of a parent a child may leave out. */
export interface Exclusions {
  /** The reason a parent text is about another place (a whole sentence is then left out), or null. */
  placeReason(text: string): string | null;
  /** The reason a parent requirement is a task of the parent's own level, or null. */
  taskReason(text: string): string | null;
  /** The reason a parent phrase may be left out: another place, a river or mountain the child does not have, or a parent-level task. */
  phraseReason(text: string): string | null;
}

/** The parent's own level character (省 for a province), from its metadata or region name. */
function levelChar(doc: ParsedDocument): string | null {
  if (doc.meta.level) return doc.meta.level;
  const name = doc.meta.region.name ?? '';
  return /省$/.test(name) ? '省' : /市$/.test(name) ? '市' : /县$/.test(name) ? '县' : null;
}

/** The exclusions of a pair. */
export function exclusionsFor(child: ParsedDocument, parent: ParsedDocument): Exclusions {
  const foreign = foreignPlaceNames(child, parent);
  const childText = child.clean.text;
  const level = levelChar(parent);
  const tasks = level && level !== levelChar(child) ? levelTaskPatterns(level, ownLevel(child.meta.level, child.meta.region.name)) : [];
  return {
    placeReason(text) {
      const place = namesForeignPlace(text, foreign, childText);
      return place ? `涉及本级辖区以外的地方（${place}）` : null;
    },
    taskReason(text) {
      const t = text.replace(/\s+/g, '');
      return tasks.find((x) => x.re.test(t))?.reason ?? null;
    },
    phraseReason(text) {
      const landform = namesForeignLandform(text, childText);
      return this.placeReason(text) ?? (landform ? `涉及本级辖区没有的河流或山脉（${landform}）` : null) ?? this.taskReason(text);
    },
  };
}
