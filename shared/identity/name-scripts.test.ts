import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameScriptWarnings } from "./name-scripts";

describe("mixed-script names", () => {
  it("flags the issue's example: a Cyrillic е among Latin letters, naming the word, both scripts and the letter", () => {
    const name = "In\u0435s Okafor";
    expect(nameScriptWarnings(name)).toEqual([{ kind: "mixed-word", word: "In\u0435s", scripts: ["Latn", "Cyrl"], letters: [{ letter: "\u0435", codePoint: "U+0435", script: "Cyrl" }] }]);
  });

  it("flags a Greek omicron in a Latin word", () => {
    expect(nameScriptWarnings("Ines Okaf\u03BFr")).toEqual([{ kind: "mixed-word", word: "Okaf\u03BFr", scripts: ["Latn", "Grek"], letters: [{ letter: "\u03BF", codePoint: "U+03BF", script: "Grek" }] }]);
  });

  it("names the word's main script first: Latin letters in a Cyrillic word", () => {
    expect(nameScriptWarnings("Окaфор")).toMatchObject([{ word: "Окaфор", scripts: ["Cyrl", "Latn"], letters: [{ letter: "a", script: "Latn" }] }]);
  });

  it("names every script of a word that mixes three, and each other letter once", () => {
    expect(nameScriptWarnings("P\u0430\u03BDe\u0430")).toMatchObject([{ scripts: ["Latn", "Cyrl", "Grek"], letters: [{ letter: "\u0430" }, { letter: "\u03BD" }] }]);
  });

  it("flags each mixed word of a name", () => {
    expect(nameScriptWarnings("In\u0435s Ok\u0430for").map((w) => w.word)).toEqual(["In\u0435s", "Ok\u0430for"]);
  });

  it("flags a word written only in Cyrillic or Greek look-alikes of Latin letters among Latin words", () => {
    expect(nameScriptWarnings("Ines \u041E\u0441\u0435")).toEqual([{ kind: "lookalike-word", word: "\u041E\u0441\u0435", script: "Cyrl" }]);
    expect(nameScriptWarnings("\u039F\u039A Kwame")).toEqual([{ kind: "lookalike-word", word: "\u039F\u039A", script: "Grek" }]);
  });

  it.each([
    ["Latin", "Ines Okafor"],
    ["Latin with accents", "Zoë Ñúñez Łukasz Ørsted"],
    ["Cyrillic", "Инес Окафор"],
    ["Cyrillic look-alike letters only, with no Latin word", "Осе Рор"],
    ["Greek", "Ελένη Παπαδοπούλου"],
    ["Arabic", "أمينة ديالو"],
    ["Persian with a zero-width non-joiner", "می\u200Cخواهم"],
    ["Chinese", "李小龍"],
    ["Japanese: Han with Hiragana and Katakana in one word", "山田たろう タナカ"],
    ["Korean: Hangul with Hanja in one word", "金민준"],
    ["Hindi", "अमित कुमार"],
    ["a Latin word and an Arabic word", "Amina أمينة"],
    ["a Latin word and a Chinese word", "Li 李小龍"],
    ["a Cyrillic word and a Latin word that are not look-alikes", "Ivan Иванов"],
    ["hyphens, apostrophes, digits and punctuation", "Jean-Luc O'Brien D’Angelo-Smith Jr. 3rd (PhD), Ana/María"],
    ["an Arabic word with Arabic-Indic digits", "أمينة ٣"],
    ["emoji", "Zoë 👩🏽‍💻"],
    ["empty", ""],
  ])("finds nothing in a name in one script per word: %s", (_what, name) => {
    expect(nameScriptWarnings(name)).toEqual([]);
  });

  it("never flags a name of ASCII letters, digits and punctuation", () => {
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9 .,'’()-]{0,40}$/), (name) => nameScriptWarnings(name).length === 0));
  });

  it("flags any Latin word into which one Cyrillic letter is put", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,12}$/), fc.constantFrom(..."аеорсухАВЕКМНОРСТХ"), fc.nat(12), (word, cyrillic, at) => {
        const i = at % (word.length + 1);
        const mixed = `${word.slice(0, i)}${cyrillic}${word.slice(i)}`;
        const warnings = nameScriptWarnings(`Ines ${mixed}`);
        return warnings.length === 1 && warnings[0]?.kind === "mixed-word" && warnings[0].word === mixed && warnings[0].scripts.includes("Cyrl") && warnings[0].scripts.includes("Latn");
      }),
    );
  });
});
