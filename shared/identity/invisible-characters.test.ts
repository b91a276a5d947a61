import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { contactFromRecord, contactToRecord } from "./contact-record";
import { importContact } from "./contacts";
import { identityCardOf, importIdentityCard, importReceivedCard } from "./identity-card";
import { createIdentity, identityFromStored, identityToStored, reviseIdentity } from "./identity";
import { TEST_DETAILS, TEST_NOW, signCardFile, testIdentity } from "./identity.testing";
import { hasInvisibleCharacters, invisibleCharacters } from "./invisible-characters";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

/** One of each class the refusal covers, inside an ordinary Latin name. */
const INVISIBLE: readonly (readonly [string, string])[] = [
  ["zero-width space U+200B", "\u200B"],
  ["zero-width non-joiner U+200C between Latin letters", "\u200C"],
  ["zero-width joiner U+200D between Latin letters", "\u200D"],
  ["left-to-right mark U+200E", "\u200E"],
  ["right-to-left mark U+200F", "\u200F"],
  ["word joiner U+2060", "\u2060"],
  ["function application U+2061", "\u2061"],
  ["invisible times U+2062", "\u2062"],
  ["invisible separator U+2063", "\u2063"],
  ["invisible plus U+2064", "\u2064"],
  ["byte-order mark U+FEFF", "\uFEFF"],
  ["soft hyphen U+00AD (format)", "\u00AD"],
  ["Arabic letter mark U+061C (format)", "\u061C"],
  ["a tag character U+E0041 (format)", "\u{E0041}"],
  ["interlinear annotation anchor U+FFF9 (format)", "\uFFF9"],
  ["combining grapheme joiner U+034F (default-ignorable)", "\u034F"],
  ["Hangul filler U+3164 (default-ignorable)", "\u3164"],
  ["variation selector 1 U+FE00 (default-ignorable)", "\uFE00"],
  ["Mongolian vowel separator U+180E (default-ignorable)", "\u180E"],
];
/** Refused already, as control or text-direction characters. */
const CONTROL: readonly (readonly [string, string])[] = [
  ["a control character U+0007", "\u0007"],
  ["a line feed", "\n"],
  ["left-to-right embedding U+202A", "\u202A"],
  ["right-to-left override U+202E", "\u202E"],
  ["left-to-right isolate U+2066", "\u2066"],
  ["pop directional isolate U+2069", "\u2069"],
];

const named = (char: string) => `Ines${char}Okafor`;

describe("invisible characters", () => {
  it.each(INVISIBLE)("finds the %s", (_what, char) => {
    expect(invisibleCharacters(named(char))).toEqual([`U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`]);
  });

  it.each([
    ["Persian with a zero-width non-joiner", "می\u200Cخواهم"],
    ["Devanagari with a zero-width joiner after a virama", "क्\u200Dष"],
    ["Devanagari with a zero-width non-joiner after a virama", "क्\u200Cष"],
    ["an emoji sequence joined by a zero-width joiner", "Zoë 👩🏽\u200D💻"],
    ["an emoji with its presentation selector", "Zoë ❤\uFE0F"],
    ["accented Latin, Cyrillic, Arabic, Chinese", "Zoë Ñúñez Инес أمينة 李小龍"],
  ])("allows %s", (_what, text) => {
    expect(invisibleCharacters(text)).toEqual([]);
  });

  it.each([
    ["a non-joiner at the start of an Arabic word", "\u200Cأمينة"],
    ["a non-joiner between an Arabic and a Latin letter", "أمينة\u200Ca"],
    ["a non-joiner before a space", "أمينة\u200C ديالو"],
    ["a joiner between two Latin letters", "A\u200Dmina"],
    ["a presentation selector after a Latin letter", "Amina\uFE0F"],
  ])("refuses %s", (_what, text) => {
    expect(hasInvisibleCharacters(text)).toBe(true);
  });

  it("finds an inserted zero-width space in any text", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => hasInvisibleCharacters(`${a}\u200B${b}`)));
  });
});

describe("a name or affiliation typed in the app", () => {
  it.each(INVISIBLE)("is refused with the reason invisible-characters when it holds a %s", (_what, char) => {
    const result = createIdentity({ ...TEST_DETAILS, displayName: named(char) }, TEST_NOW);
    expect(!result.ok && result.error).toEqual({ kind: "invalid-details", issues: [{ code: "custom", path: ["displayName"], reason: "invisible-characters" }] });
  });

  it.each(CONTROL)("is refused as control-characters (once, not also as invisible) when it holds %s", (_what, char) => {
    const result = createIdentity({ ...TEST_DETAILS, displayName: named(char) }, TEST_NOW);
    expect(!result.ok && result.error).toEqual({ kind: "invalid-details", issues: [{ code: "custom", path: ["displayName"], reason: "control-characters" }] });
  });

  it("refuses the affiliation too, and an edit of the details", () => {
    const affiliation = createIdentity({ ...TEST_DETAILS, affiliation: "University\u200B of Lagos" }, TEST_NOW);
    expect(!affiliation.ok && affiliation.error).toEqual({ kind: "invalid-details", issues: [{ code: "custom", path: ["affiliation"], reason: "invisible-characters" }] });
    const edited = reviseIdentity(testIdentity(), { ...TEST_DETAILS, displayName: "Amina\u2060 Diallo" });
    expect(!edited.ok && edited.error).toEqual({ kind: "invalid-details", issues: [{ code: "custom", path: ["displayName"], reason: "invisible-characters" }] });
  });

  it("keeps reading an identity stored with one before they were refused, so its owner can correct it", () => {
    const identity = testIdentity();
    const stored = identityToStored({ ...identity, details: { ...identity.details, displayName: "Amina\u200BDiallo" } });
    const back = identityFromStored(JSON.parse(JSON.stringify(stored)) as unknown);
    expect(back.ok && back.value.details.displayName).toBe("Amina\u200BDiallo");
  });
});

describe("a card imported anew", () => {
  const owner = testIdentity({ displayName: "Ines Okafor", nationality: "NG" });
  const cardWith = (change: Record<string, string>) => signCardFile({ ...identityCardOf(owner), ...change }, owner.signing);

  it.each(INVISIBLE)("is refused when its name holds a %s", (_what, char) => {
    const file = cardWith({ displayName: named(char) });
    expect(importReceivedCard(file)).toEqual({ ok: false, error: { kind: "invisible-characters", fields: ["displayName"] } });
    expect(importContact([], file, TEST_NOW)).toEqual({ ok: false, error: { kind: "invalid-card", error: { kind: "invisible-characters", fields: ["displayName"] } } });
  });

  it.each(CONTROL)("is refused as malformed when its name holds %s", (_what, char) => {
    const result = importReceivedCard(cardWith({ displayName: named(char) }));
    expect(!result.ok && result.error.kind === "malformed" && result.error.problem.kind === "invalid-fields" && result.error.problem.issues.map((i) => i.reason)).toEqual(["control-characters"]);
  });

  it("names both fields when the affiliation holds one too", () => {
    expect(importReceivedCard(cardWith({ displayName: "Ines\uFEFFOkafor", affiliation: "University\u200Bof Lagos" }))).toEqual({ ok: false, error: { kind: "invisible-characters", fields: ["displayName", "affiliation"] } });
  });

  it("is accepted with a Persian non-joiner", () => {
    expect(importReceivedCard(cardWith({ displayName: "می\u200Cخواهم" })).ok).toBe(true);
  });

  it("stays readable once stored: a contact kept from before is read back with its card", () => {
    const file = cardWith({ displayName: "Ines\u200BOkafor" });
    const verified = importIdentityCard(file);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    const record = contactToRecord({ card: verified.value, importedAt: TEST_NOW.toISOString(), trust: { state: "unverified" } });
    const back = contactFromRecord(JSON.parse(JSON.stringify(record)) as unknown);
    expect(back.ok && back.value.card.card.displayName).toBe("Ines\u200BOkafor");
  });
});
