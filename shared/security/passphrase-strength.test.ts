import { describe, expect, it } from "vitest";
import { assessPassphrase, loadPassphraseEstimator, MIN_LENGTH } from "./passphrase-strength";

describe("assessPassphrase", () => {
  it.each(["password", "password123!", "Tr0ub4dor&3", "qwertyuiopasdf", "aaaaaaaaaaaaaaaa", "1234567890123456", "attributionpanel2026"])("refuses %s", async (weak) => {
    const a = await assessPassphrase(weak);
    expect(a.acceptable).toBe(false);
    expect(a.warning).toEqual(expect.any(String));
  });

  it("refuses anything shorter than the minimum, whatever its score", async () => {
    const a = await assessPassphrase("X9$kq!vZ2#p");
    expect([..."X9$kq!vZ2#p"].length).toBeLessThan(MIN_LENGTH);
    expect(a.acceptable).toBe(false);
    expect(a.warning).toMatch(/at least 12 characters/);
  });

  it("gives its feedback as keys too, for the interface to word in each language", async () => {
    const common = await assessPassphrase("password");
    expect(common.warningKey).toBe("too-short");
    const long = await assessPassphrase("passwordpassword");
    expect(long.warningKey).toEqual(expect.stringMatching(/^[a-zA-Z-]+$/));
    expect(long.warningKey).not.toBe("too-short");
    expect(long.warning).not.toBe(long.warningKey);
    expect(long.suggestionKeys.length).toBe(long.suggestions.length);
    for (const key of long.suggestionKeys) expect(key).toMatch(/^[a-zA-Z0-9]+$/);
    const named = await assessPassphrase("Amara Okonkwo", ["Amara", "Okonkwo"]);
    expect(named.acceptable).toBe(false);
    expect(named.warningKey).toBeDefined();
  });

  it("accepts long passphrases of unrelated words", async () => {
    const a = await assessPassphrase("marble tundra velvet oxygen lantern");
    expect(a).toMatchObject({ acceptable: true, score: 4, warning: undefined });
    expect(a.guessesLog10).toBeGreaterThan(10);
  });

  it("counts the person's own details against the passphrase", async () => {
    const base = await assessPassphrase("Amara Okonkwo Lagos 1984");
    const related = await assessPassphrase("Amara Okonkwo Lagos 1984", ["Amara", "Okonkwo", "Lagos"]);
    expect(related.guessesLog10).toBeLessThan(base.guessesLog10);
  });
});

describe("loadPassphraseEstimator", () => {
  it("loads the dictionaries once and shares them between callers", async () => {
    const [a, b] = await Promise.all([loadPassphraseEstimator(), loadPassphraseEstimator()]);
    expect(a).toBe(b);
    expect(a("marble tundra velvet oxygen lantern").acceptable).toBe(true);
  });
});
