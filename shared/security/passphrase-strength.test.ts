import { describe, expect, it } from "vitest";
import { assessPassphrase, MIN_LENGTH } from "./passphrase-strength";

describe("assessPassphrase", () => {
  it.each(["password", "password123!", "Tr0ub4dor&3", "qwertyuiopasdf", "aaaaaaaaaaaaaaaa", "1234567890123456", "attributionpanel2026"])("refuses %s", (weak) => {
    const a = assessPassphrase(weak);
    expect(a.acceptable).toBe(false);
    expect(a.warning).toEqual(expect.any(String));
  });

  it("refuses anything shorter than the minimum, whatever its score", () => {
    const a = assessPassphrase("X9$kq!vZ2#p");
    expect([..."X9$kq!vZ2#p"].length).toBeLessThan(MIN_LENGTH);
    expect(a.acceptable).toBe(false);
    expect(a.warning).toMatch(/at least 12 characters/);
  });

  it("accepts long passphrases of unrelated words", () => {
    const a = assessPassphrase("marble tundra velvet oxygen lantern");
    expect(a).toMatchObject({ acceptable: true, score: 4, warning: undefined });
    expect(a.guessesLog10).toBeGreaterThan(10);
  });

  it("counts the person's own details against the passphrase", () => {
    const base = assessPassphrase("Amara Okonkwo Lagos 1984");
    const related = assessPassphrase("Amara Okonkwo Lagos 1984", ["Amara", "Okonkwo", "Lagos"]);
    expect(related.guessesLog10).toBeLessThan(base.guessesLog10);
  });
});
