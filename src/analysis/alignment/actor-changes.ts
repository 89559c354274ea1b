/**
 * Who carries a requirement after the child restated it, compared with the parent:
 *
 * - a government naming the child's own level (市县政府 for a county, 各级政府, 各地) handed to the
 *   levels below only (乡镇, 街道): responsibility moved down, high;
 * - a government replaced by a department, or the reverse: moved, high / medium;
 * - a department replaced by another (by core name: 水务局 = 水行政主管部门), the lead swapped
 *   (high), a body consulted changed (medium);
 * - legitimate localisation is silent: 省水利厅 → 县水利局, 各级政府 → 县、乡两级政府, a child that
 *   drops the subject altogether (its own government is meant).
 */
import type { AdminLevel } from '../../ingest/types.js';
import type { ActorRef, PhraseActors } from './actors.js';

/** One change of who carries a requirement. */
export interface ActorChange {
  detail: string;
  severity: 'high' | 'medium';
}

const LEVEL_RANK: Record<AdminLevel, number> = { 省: 1, 市: 2, 县: 3, 区: 3 };

/** The child's own level (3 for a county or district, 2 for a city), null when unknown. */
export function ownLevel(level: AdminLevel | null, region: string | null): number | null {
  if (level) return LEVEL_RANK[level];
  if (!region) return null;
  if (/(?:县|区|旗)$/.test(region)) return 3;
  if (/(?:市|州|盟)$/.test(region)) return 2;
  return /(?:省|自治区)$/.test(region) ? 1 : null;
}

const quoted = (xs: ActorRef[]) => [...new Set(xs.map((x) => `“${x.text}”`))].join('、');
const cores = (xs: ActorRef[]) => new Set(xs.filter((x) => x.kind === 'department' && x.core).map((x) => x.core!));
const govs = (xs: ActorRef[]) => xs.filter((x) => x.kind === 'government');
const depts = (xs: ActorRef[]) => xs.filter((x) => x.kind === 'department');

/** The levels a government phrase names, read from a plan of level `author` (各级 → every level below it; 各地 → down to the county). */
function levelSet(levels: ActorRef['levels'], author: number): Set<number> | null {
  if (levels instanceof Set) return levels;
  if (levels === null) return null;
  const to = levels === 'all' ? 4 : 3;
  return new Set(Array.from({ length: Math.max(0, to - author) }, (_, k) => author + 1 + k));
}

/**
 * Did the duty of governments `from` (named by the parent, of level `author`) move below the
 * child's own level in `to`? The parent's governments must include the child's level, and the
 * child's must all lie below it and outside the parent's (`各地` → `各县(市、区)` in a city plan is
 * the same local governments; `市县政府` → `乡镇` in a county plan is not).
 */
function movedDown(from: ActorRef[], to: ActorRef[], own: number, author: number): boolean {
  const parentLevels = new Set(from.flatMap((g) => [...(levelSet(g.levels, author) ?? [])]));
  if (!parentLevels.has(own)) return false;
  // A child naming its localities as generally as the parent (`各地`, `各级`) moved nothing.
  if (to.some((g) => !(g.levels instanceof Set))) return false;
  const childLevels = to.map((g) => g.levels as Set<number>);
  return childLevels.every((l) => [...l].every((x) => x > own && !parentLevels.has(x)));
}

/** Compares the actors of a parent phrase and its child counterpart; null when the same bodies (or their local equivalents) carry it. */
export function compareActors(p: PhraseActors, c: PhraseActors, own: number | null, author: number | null): ActorChange | null {
  const parts: string[] = [];
  let high = false;
  if (p.carriers.length && c.carriers.length) {
    const [pg, cg, pd, cd] = [govs(p.carriers), govs(c.carriers), depts(p.carriers), depts(c.carriers)];
    if (pg.length && cg.length && !pd.length && own !== null && author !== null && movedDown(pg, cg, own, author)) {
      parts.push(`责任由${quoted(pg)}下移至${quoted(cg)}，本级政府不再承担`);
      // Explicit levels (`市县政府`) moved down are a clear change; `各地` handed to townships may be read either way.
      high = pg.some((g) => g.levels instanceof Set);
    } else if (pg.length && !pd.length && cd.length && !cg.length) {
      parts.push(`责任由${quoted(pg)}改为部门${quoted(cd)}承担`);
      high = true;
    } else if (pd.length && !pg.length && cg.length && !cd.length && !c.inherited) {
      parts.push(`责任由${quoted(pd)}改为${quoted(cg)}`);
    } else if (pd.length && cd.length) {
      const [pc, cc] = [cores(pd), cores(cd)];
      const kept = [...pc].some((x) => cc.has(x));
      if (!kept && !(p.inherited && c.inherited)) {
        const lead = p.lead || c.lead;
        const demoted = depts(c.cooperate).filter((x) => x.core && pc.has(x.core));
        parts.push(`${lead ? '牵头单位' : '责任单位'}由${quoted(pd)}改为${quoted(cd)}${demoted.length ? `，${quoted(demoted)}改为配合` : ''}`);
        high ||= lead;
      }
    }
  }
  if (p.consulted.length && c.consulted.length) {
    const [pc, cc] = [cores(p.consulted), cores(c.consulted)];
    if (pc.size && cc.size && ![...pc].some((x) => cc.has(x))) parts.push(`征求意见（会同）的单位由${quoted(p.consulted)}改为${quoted(c.consulted)}`);
  }
  return parts.length ? { detail: `${parts.join('；')}。`, severity: high ? 'high' : 'medium' } : null;
}
