import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileStem, MAX_STEM_BYTES } from "./file-name";

const utf8Length = (text: string) => new TextEncoder().encode(text).length;
const FORBIDDEN = /[/\\:*?"<>|\p{Cc}\p{Cs}\u202a-\u202e\u2066-\u2069]/u;
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])$/i;

describe("fileStem", () => {
  it("keeps the letters of every script, accents composed", () => {
    expect(fileStem("Luísa Ferreira")).toBe("Luísa-Ferreira");
    // The same name typed with a combining accent (NFD), as macOS hands it over.
    expect(fileStem("Lui\u0301sa Ferreira")).toBe("Luísa-Ferreira");
    expect(fileStem("Ines Okafor")).toBe("Ines-Okafor");
    expect(fileStem("Лейла Ахмедова")).toBe("Лейла-Ахмедова");
    expect(fileStem("王小明")).toBe("王小明");
    expect(fileStem("محمد الأمين")).toBe("محمد-الأمين");
    expect(fileStem("Søren Ødegård-Nielsen")).toBe("Søren-Ødegård-Nielsen");
    expect(fileStem("Aoife O'Brien (UNIDIR)")).toBe("Aoife-O'Brien-(UNIDIR)");
  });

  it("takes out only what file systems refuse or misread", () => {
    expect(fileStem('Case: "Silent/Reservoir" <draft>?*|\\')).toBe("Case-Silent-Reservoir-draft");
    expect(fileStem("tab\tnew\nline\u0000nul\u007f")).toBe("tab-new-line-nul");
    // A right-to-left override would make "evil\u202Egpj.exe" read as "evilexe.jpg".
    expect(fileStem("evil\u202Egpj.exe")).toBe("evil-gpj.exe");
    expect(fileStem("...hidden. ")).toBe("hidden");
    expect(fileStem(" - Case 12 - ")).toBe("Case-12");
    expect(fileStem("\ud800 lone surrogate")).toBe("lone-surrogate");
  });

  it("renames Windows device names, with or without an extension", () => {
    expect(fileStem("CON")).toBe("CON_");
    expect(fileStem("nul")).toBe("nul_");
    expect(fileStem("com1")).toBe("com1_");
    expect(fileStem("LPT9.txt")).toBe("LPT9_.txt");
    expect(fileStem("Connor")).toBe("Connor");
    expect(fileStem("COM10")).toBe("COM10");
  });

  it("falls back when nothing is left", () => {
    expect(fileStem("")).toBe("identity");
    expect(fileStem("///", "case")).toBe("case");
    expect(fileStem(" . ")).toBe("identity");
  });

  it("cuts long names to the byte limit between whole characters", () => {
    const cyrillic = "Ж".repeat(80); // 160 bytes
    expect(fileStem(cyrillic)).toBe("Ж".repeat(MAX_STEM_BYTES / 2));
    // An accented letter written as letter + combining mark is not split from its mark.
    const decomposed = "a".repeat(MAX_STEM_BYTES - 2) + "e\u0301\u0302";
    const stem = fileStem(decomposed);
    expect(utf8Length(stem)).toBeLessThanOrEqual(MAX_STEM_BYTES);
    expect(stem).toBe("a".repeat(MAX_STEM_BYTES - 2));
    // A family emoji (joined with ZWJ) is kept whole or dropped whole.
    const family = "👨‍👩‍👧";
    expect(fileStem("x".repeat(MAX_STEM_BYTES - 4) + family)).toBe("x".repeat(MAX_STEM_BYTES - 4));
    expect(fileStem("x".repeat(MAX_STEM_BYTES - utf8Length(family)) + family)).toBe("x".repeat(MAX_STEM_BYTES - utf8Length(family)) + family);
  });

  it("always yields a safe, bounded, stable name (property)", () => {
    const names = fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.string({ maxLength: 200 }), fc.constantFrom("CON", "nul.txt", "Aux", "lpt3.tar.gz", "...", " "));
    fc.assert(
      fc.property(names, (name) => {
        const stem = fileStem(name);
        expect(stem.length).toBeGreaterThan(0);
        expect(utf8Length(stem)).toBeLessThanOrEqual(MAX_STEM_BYTES);
        expect(stem).not.toMatch(FORBIDDEN);
        expect(stem).not.toMatch(/^[.\s-]|[.\s-]$/u);
        expect(stem.split(".")[0]).not.toMatch(RESERVED);
        expect(stem).toBe(stem.normalize("NFC"));
        expect(fileStem(stem)).toBe(stem);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a short name made of letters and digits exactly (property)", () => {
    const letter = fc.constantFrom(..."aZéßøŁЖжлمحدא王明한글ñçğ0123456789");
    fc.assert(
      fc.property(fc.array(letter, { minLength: 1, maxLength: 30 }), (chars) => {
        const name = chars.join("").normalize("NFC");
        // The fallback only when the name is a device name.
        if (!RESERVED.test(name)) expect(fileStem(name)).toBe(name);
      }),
    );
  });
});
