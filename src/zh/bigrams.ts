/** Character bigrams: the unit phrasing is compared in, whatever the tokenizer makes of a text. */

/** The set of character bigrams of a text's Han characters and digits (punctuation, Latin and spaces dropped). */
export function hanBigrams(text: string): Set<string> {
  const t = text.replace(/[^\p{Script=Han}\d]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2));
  return out;
}
