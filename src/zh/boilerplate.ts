/**
 * Political boilerplate of Chinese policy documents: phrases that state allegiance or the
 * guiding ideology, not a duty. A sentence opening with them binds only through an explicit
 * duty (the frame extractor), and a phrase made of them is never "missing" or "added" when a
 * county plan is aligned against its parent. One word list for both, as data.
 */

/**
 * Each entry is a word or a short pattern (regex source) that marks boilerplate:
 * the leader's name and thought, party congress and plenum "spirits", the political slogans
 * (两个维护, 四个意识…), and the formulas of implementation (深入贯彻, 决策部署落到实处).
 */
export const BOILERPLATE_PHRASES: readonly string[] = [
  '习近平',
  '新时代中国特色社会主义',
  '思想为指导',
  '重要讲话',
  '重要指示',
  '[一二三四五六七八九十]+大(?:和[^,，。]{0,12})?精神',
  '十九届',
  '二十届',
  '全会精神',
  '会议精神',
  '两个维护',
  '两个确立',
  '四个意识',
  '四个自信',
  '政治站位',
  '以人民为中心的发展思想',
  '总体国家安全观',
  '深入贯彻',
  '全面贯彻',
  '认真贯彻',
  '决策部署落到实处',
  '坚持和加强党',
];

/** Openers that make a whole sentence an ideological preamble (`以习近平…为指导`, `深入贯彻…`). */
export const BOILERPLATE_OPENERS: readonly string[] = ['以习近平', '坚持以习近平', '深入贯彻', '全面贯彻', '认真贯彻', '为深入贯彻', '高举'];

const ANY = new RegExp(BOILERPLATE_PHRASES.join('|'));
const OPENS = new RegExp(`^(?:${BOILERPLATE_OPENERS.join('|')})`);

/** True when `text` contains a boilerplate phrase. */
export function hasBoilerplate(text: string): boolean {
  return ANY.test(text);
}

/** True when `text` opens with a boilerplate opener. */
export function opensWithBoilerplate(text: string): boolean {
  return OPENS.test(text);
}
