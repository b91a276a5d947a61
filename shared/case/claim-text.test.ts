import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { blankClaims, isBlankStatement } from "./claim-text";
import { CaseSchema } from "./model";
import { newCase } from "./secretariat";
import { testClaimId } from "./ids.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("blank claims", () => {
  it("a statement is blank when empty, only spaces, or template text earlier versions stored", () => {
    for (const s of ["", "   ", "(state the first hypothesis)", "New claim"]) expect(isBlankStatement(s)).toBe(true);
    expect(isBlankStatement("The campaign was conducted by the armed forces of State A.")).toBe(false);
  });

  it("lists the blank claims with their position, never the catch-all", () => {
    const claims = [
      { id: testClaimId(1), statement: "State A did it.", catchAll: false },
      { id: testClaimId(2), statement: "", catchAll: false },
      { id: testClaimId(3), statement: "(state the first hypothesis)", catchAll: false },
      { id: testClaimId(4), statement: "", catchAll: true },
    ];
    expect(blankClaims(claims)).toEqual([
      { claimId: testClaimId(2), position: 2 },
      { claimId: testClaimId(3), position: 3 },
    ]);
  });

  it("a new case stores no template text: its first claim is empty, and the case is still valid to save", () => {
    const c = newCase("Case", new Date("2026-11-22T10:00:00Z"));
    expect(c.claims[0]).toMatchObject({ statement: "", catchAll: false });
    expect(JSON.stringify(c)).not.toContain("state the first hypothesis");
    expect(CaseSchema.safeParse(c).success).toBe(true);
    expect(blankClaims(c.claims)).toEqual([{ claimId: c.claims[0]?.id, position: 1 }]);
  });

  it("a written statement still follows the rules for text (no surrounding spaces)", () => {
    const c = newCase("Case", new Date("2026-11-22T10:00:00Z"));
    const bad = { ...c, claims: [{ ...c.claims[0], statement: " padded " }, c.claims[1]] };
    expect(CaseSchema.safeParse(bad).success).toBe(false);
  });
});
