/**
 * Names that may imitate another name: a word mixing scripts ("Inеs" with a
 * Cyrillic е among Latin letters) or a word written entirely in Cyrillic or
 * Greek letters that look like Latin ones, among Latin words ("Ines Осе").
 * Only flagged, never refused: a name the interface shows with a warning
 * wherever a person confirms it (a contact, an expert's card, one's own
 * identity), since a real name may still be written that way.
 *
 * Single-script words follow Unicode TR39 §5.1 (mixed-script detection):
 * each character counts with its Script_Extensions, characters whose
 * extensions are Common or Inherited (digits, hyphens, apostrophes,
 * punctuation) count for every script, and Han is taken together with
 * Hiragana and Katakana (Japanese), Hangul (Korean) and Bopomofo, so "山田たろう"
 * and "金민준" are single-script. A word is a run of characters between
 * white space; words in different scripts ("Amina أمينة") are fine.
 *
 * The check is written by hand over the JavaScript engine's own Unicode data
 * (`\p{Script_Extensions=…}`): no npm library does TR39's mixed-script test
 * (the confusables packages map look-alikes to a "skeleton" and are
 * unmaintained), and the engine's data is as current as the engine.
 * Scripts are named by their ISO 15924 codes; the interface names them.
 */

/** An ISO 15924 script code: "Latn", "Cyrl", "Grek", "Arab", "Hani", … ("Zzzz" for a letter of a script the engine's data did not know). */
export type ScriptCode = string;

/** A letter of a mixed word that is not in the word's main script. */
export type OtherScriptLetter = { readonly letter: string; readonly codePoint: string; readonly script: ScriptCode };

export type NameScriptWarning =
  /** One word with letters of scripts that are not written together in one word; `scripts` starts with the word's main script. */
  | { readonly kind: "mixed-word"; readonly word: string; readonly scripts: readonly ScriptCode[]; readonly letters: readonly OtherScriptLetter[] }
  /** A word entirely in `script` letters that each look like a Latin letter, in a name that also has a Latin word. */
  | { readonly kind: "lookalike-word"; readonly word: string; readonly script: ScriptCode };

// Every script of Unicode 15.1 (which every engine the app runs on knows), by ISO 15924 code.
const SCRIPT_CODES =
  "Adlm Aghb Ahom Arab Armi Armn Avst Bali Bamu Bass Batk Beng Bhks Bopo Brah Brai Bugi Buhd Cakm Cans Cari Cham Cher Chrs Copt Cpmn Cprt Cyrl Deva Diak Dogr Dsrt Dupl Egyp Elba Elym Ethi Geor Glag Gong Gonm Goth Gran Grek Gujr Guru Hang Hani Hano Hatr Hebr Hira Hluw Hmng Hmnp Hung Ital Java Kali Kana Kawi Khar Khmr Khoj Kits Knda Kthi Lana Laoo Latn Lepc Limb Lina Linb Lisu Lyci Lydi Mahj Maka Mand Mani Marc Medf Mend Merc Mero Mlym Modi Mong Mroo Mtei Mult Mymr Nagm Nand Narb Nbat Newa Nkoo Nshu Ogam Olck Orkh Orya Osge Osma Ougr Palm Pauc Perm Phag Phli Phlp Phnx Plrd Prti Rjng Rohg Runr Samr Sarb Saur Sgnw Shaw Shrd Sidd Sind Sinh Sogd Sogo Sora Soyo Sund Sylo Syrc Tagb Takr Tale Talu Taml Tang Tavt Telu Tfng Tglg Thaa Thai Tibt Tirh Tnsa Toto Ugar Vaii Vith Wara Wcho Xpeo Xsux Yezi Yiii Zanb".split(
    " ",
  );
/** ISO 15924's code for an unknown script. */
export const UNKNOWN_SCRIPT: ScriptCode = "Zzzz";
const SCRIPTS = SCRIPT_CODES.map((code) => ({ code, extensions: new RegExp(`\\p{Script_Extensions=${code}}`, "u"), script: new RegExp(`\\p{Script=${code}}`, "u") }));
const COMMON_OR_INHERITED = /[\p{Script_Extensions=Zyyy}\p{Script_Extensions=Zinh}]/u;
const LETTER = /\p{L}/u;
const WHITE_SPACE = /\p{White_Space}+/u;

/**
 * Cyrillic and Greek letters that look like a Latin letter (a subset of
 * Unicode's confusables.txt: those with a single Latin prototype in an
 * ordinary font), for words made only of them among Latin words.
 */
const LATIN_LOOKALIKES: Readonly<Record<ScriptCode, ReadonlySet<string>>> = {
  Cyrl: new Set([..."АВЕКМНОРСТХУЅІЈҮԚԜӀЁЇӒӦ", ..."аеорсухѕіјԁԛԝһӏүёїӓӧ"]),
  Grek: new Set([..."ΑΒΕΖΗΙΚΜΝΟΡΤΥΧΪΫ", ..."οιναρυγϲϳϊό"]),
};

// TR39 §5.1: Han is written together with these, and counts for each of the combinations.
function augmented(scripts: ReadonlySet<ScriptCode>): ReadonlySet<ScriptCode> {
  const out = new Set(scripts);
  if (scripts.has("Hani")) ["Hanb", "Jpan", "Kore"].forEach((s) => out.add(s));
  if (scripts.has("Hira") || scripts.has("Kana")) out.add("Jpan");
  if (scripts.has("Hang")) out.add("Kore");
  if (scripts.has("Bopo")) out.add("Hanb");
  return out;
}

/** The scripts a character may be written in; undefined for Common and Inherited (any script). */
function scriptsOf(char: string): ReadonlySet<ScriptCode> | undefined {
  if (COMMON_OR_INHERITED.test(char)) return undefined;
  const codes = SCRIPTS.filter((s) => s.extensions.test(char)).map((s) => s.code);
  return new Set(codes.length > 0 ? codes : [UNKNOWN_SCRIPT]);
}

/** The character's own script (its Script value, else the first of its extensions). */
function mainScriptOf(char: string, extensions: ReadonlySet<ScriptCode>): ScriptCode {
  return SCRIPTS.find((s) => s.script.test(char))?.code ?? [...extensions][0] ?? UNKNOWN_SCRIPT;
}

type Letter = { readonly char: string; readonly extensions: ReadonlySet<ScriptCode>; readonly script: ScriptCode };
type Word = { readonly text: string; readonly letters: readonly Letter[]; readonly resolved: ReadonlySet<ScriptCode> | undefined };

function readWord(text: string): Word {
  const letters: Letter[] = [];
  let resolved: Set<ScriptCode> | undefined;
  for (const char of text) {
    const extensions = scriptsOf(char);
    if (!extensions) continue;
    letters.push({ char, extensions, script: mainScriptOf(char, extensions) });
    const scripts = augmented(extensions);
    resolved = resolved === undefined ? new Set(scripts) : new Set([...resolved].filter((s) => scripts.has(s)));
  }
  return { text, letters, resolved };
}

const codePoint = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

function mixedWord(word: Word): NameScriptWarning {
  // The main script is the one most of the word's characters are written in (the first one seen on a tie).
  const counts = new Map<ScriptCode, number>();
  for (const l of word.letters) counts.set(l.script, (counts.get(l.script) ?? 0) + 1);
  const main = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const withMain = augmented(new Set([main]));
  const others = word.letters.filter((l) => ![...augmented(l.extensions)].some((s) => withMain.has(s)));
  const scripts = [main, ...new Set(others.map((l) => l.script))];
  const letters = others.filter((l, i) => others.findIndex((o) => o.char === l.char) === i).map((l) => ({ letter: l.char, codePoint: codePoint(l.char), script: l.script }));
  return { kind: "mixed-word", word: word.text, scripts, letters };
}

const isLatinWord = (word: Word): boolean => word.resolved?.has("Latn") === true && word.letters.some((l) => LETTER.test(l.char));

/** The script (Cyrillic or Greek) of a word made only of letters that look like Latin ones, if it is one. */
function lookalikeScript(word: Word): ScriptCode | undefined {
  const letters = word.letters.filter((l) => LETTER.test(l.char));
  const script = letters[0]?.script;
  if (script === undefined || word.letters.length !== letters.length) return undefined;
  const lookalikes = Object.hasOwn(LATIN_LOOKALIKES, script) ? LATIN_LOOKALIKES[script] : undefined;
  return lookalikes && letters.every((l) => l.script === script && lookalikes.has(l.char)) ? script : undefined;
}

/** The words of `name` that may imitate another name, in order; empty when there is none. */
export function nameScriptWarnings(name: string): readonly NameScriptWarning[] {
  const words = name
    .split(WHITE_SPACE)
    .filter((w) => w !== "")
    .map(readWord);
  const hasLatinWord = words.some(isLatinWord);
  const warnings: NameScriptWarning[] = [];
  for (const word of words) {
    if (word.resolved !== undefined && word.resolved.size === 0) {
      warnings.push(mixedWord(word));
      continue;
    }
    const script = hasLatinWord ? lookalikeScript(word) : undefined;
    if (script !== undefined) warnings.push({ kind: "lookalike-word", word: word.text, script });
  }
  return warnings;
}
