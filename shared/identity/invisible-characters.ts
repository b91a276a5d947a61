/**
 * Characters that draw nothing where they stand: format characters (Unicode
 * general category Cf: zero-width space U+200B, the joiners U+200C/U+200D,
 * the marks U+200E/U+200F, U+2060–U+2064, the byte-order mark U+FEFF, tags,
 * soft hyphen, …) and every Default_Ignorable_Code_Point (variation
 * selectors, Hangul fillers, …). In a name a person confirms, one of them
 * makes two names that look the same differ, or hides text, so names and
 * affiliations refuse them (identity-details.ts). Control characters and
 * text-direction controls are refused separately ("control-characters").
 *
 * Three uses are visible and stay allowed (as IDNA's CONTEXTJ rules and
 * Unicode's emoji sequences allow them):
 * - a zero-width non-joiner or joiner between two letters (or marks) of a
 *   script whose shaping they change (Persian "می‌خواهم", Devanagari
 *   conjuncts): the word looks different with and without it;
 * - a zero-width joiner inside an emoji sequence ("👩🏽‍💻");
 * - a variation selector 15/16 right after an emoji ("❤️").
 * What is left is a residue: a non-joiner after an Arabic letter that does
 * not join to the left anyway changes nothing visible. Trust never rests on
 * a name (it rests on the fingerprint), so this is accepted.
 */

const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const ZWNJ = "\u200C";
const ZWJ = "\u200D";
const EMOJI_PRESENTATION_SELECTORS = new Set(["\uFE0E", "\uFE0F"]);

/** Scripts in which a joiner or non-joiner between letters changes how the word is drawn (ISO 15924 codes). */
const JOINING_SCRIPTS = ["Arab", "Syrc", "Nkoo", "Mong", "Adlm", "Rohg", "Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh", "Mymr", "Khmr", "Tibt"].map(
  (code) => new RegExp(`\\p{Script_Extensions=${code}}`, "u"),
);
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const PICTOGRAPH_OR_MODIFIER = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]/u;

const joinsVisibly = (before: string | undefined, after: string | undefined): boolean =>
  before !== undefined &&
  after !== undefined &&
  LETTER_OR_MARK.test(before) &&
  LETTER_OR_MARK.test(after) &&
  JOINING_SCRIPTS.some((script) => script.test(before) && script.test(after));

function allowedHere(chars: readonly string[], i: number): boolean {
  const c = chars[i] ?? "";
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (c === ZWNJ) return joinsVisibly(before, after);
  if (c === ZWJ) return joinsVisibly(before, after) || (before !== undefined && after !== undefined && PICTOGRAPH_OR_MODIFIER.test(before) && PICTOGRAPH.test(after));
  if (EMOJI_PRESENTATION_SELECTORS.has(c)) return before !== undefined && PICTOGRAPH.test(before);
  return false;
}

/** The invisible characters of `text` (as "U+200B"), in order, each once; empty when there is none. */
export function invisibleCharacters(text: string): readonly string[] {
  if (!INVISIBLE.test(text)) return [];
  const chars = [...text];
  const found = new Set<string>();
  chars.forEach((c, i) => {
    if (INVISIBLE.test(c) && !allowedHere(chars, i)) found.add(`U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
  });
  return [...found];
}

export const hasInvisibleCharacters = (text: string): boolean => invisibleCharacters(text).length > 0;
