import { describe, expect, it } from "vitest";
import { answerEntries, changedAnswers, keyText, parseKey } from "./answers";
import { setAchCell, setAttestation, setClaimAnswer } from "./edit";
import { checkReasons, checkRevision } from "./revision";
import { claimId, completeAnswers, evidenceId, testScoresheet } from "./scoring.testing";
import { ScoresheetSchema, SeatIdSchema, type Scoresheet } from "./scoresheet";

const FP = SeatIdSchema.parse("SHA256:" + "A".repeat(43));
const first = (): Scoresheet => testScoresheet(FP, new Date("2026-12-02T10:00:00.000Z"));

const revise = (prev: Scoresheet, sha256: string, change: (s: Scoresheet) => Scoresheet["answers"], reasons: Record<string, string>): Scoresheet => ({
  ...prev,
  revision: prev.revision + 1,
  previous: { sha256, changes: Object.entries(reasons).map(([answer, reason]) => ({ answer, reason })) },
  answers: change(prev),
  signedAt: "2026-12-03T10:00:00.000Z",
});

describe("answer keys", () => {
  it("every key round-trips through its text, and foreign text names no key", () => {
    for (const text of answerEntries(completeAnswers()).keys()) expect(keyText(parseKey(text)!)).toBe(text);
    for (const bad of ["", "claims", "claims/x/best", `claims/${claimId(1)}/mood`, `ach/${evidenceId(1)}`, "attestations", "a/b/c/d"]) expect(parseKey(bad)).toBeUndefined();
  });

  it("lists given, removed and changed answers; the attestation's time alone is no change", () => {
    const before = completeAnswers();
    let after = setClaimAnswer(before, claimId(1), "best", 65);
    after = setClaimAnswer(after, claimId(2), "rationale", undefined);
    after = setClaimAnswer(after, claimId(3), "lowest", 5);
    after = setAttestation(after, { ...before.attestation!, at: "2027-01-01T00:00:00.000Z" });
    expect(changedAnswers(before, after)).toEqual([
      { key: `claims/${claimId(1)}/best`, before: "70", after: "65" },
      { key: `claims/${claimId(2)}/rationale`, before: JSON.stringify("Reasons for claim 2.") },
      { key: `claims/${claimId(3)}/lowest`, after: "5" },
    ]);
    expect(changedAnswers(before, setAchCell(before, evidenceId(1), claimId(1), "very-consistent"))).toEqual([{ key: `ach/${evidenceId(1)}/${claimId(1)}`, before: '"consistent"', after: '"very-consistent"' }]);
  });
});

describe("the revision chain", () => {
  const sha = "b".repeat(64);
  const bestKey = `claims/${claimId(1)}/best`;
  const change = (s: Scoresheet) => setClaimAnswer(s.answers, claimId(1), "best", 60);

  it("a first scoresheet names no predecessor; the schema refuses one that does, and a revision without one", () => {
    expect(checkRevision(first()).ok).toBe(true);
    const second = revise(first(), sha, change, { [bestKey]: "New report." });
    expect(ScoresheetSchema.safeParse(second).success).toBe(true);
    expect(ScoresheetSchema.safeParse({ ...second, revision: 1 }).success).toBe(false);
    expect(ScoresheetSchema.safeParse({ ...first(), revision: 2 }).success).toBe(false);
    expect(checkRevision(second)).toEqual({ ok: false, error: { kind: "not-first" } });
  });

  it("a revision names its predecessor's digest, comes next, and keeps the subject", () => {
    const prev = { sheet: first(), sha256: sha };
    const second = revise(first(), sha, change, { [bestKey]: "New report." });
    expect(checkRevision(second, prev)).toEqual({ ok: true, value: undefined });
    expect(checkRevision({ ...second, previous: { ...second.previous!, sha256: "c".repeat(64) } }, prev)).toEqual({ ok: false, error: { kind: "wrong-predecessor" } });
    expect(checkRevision({ ...second, revision: 3 }, prev)).toEqual({ ok: false, error: { kind: "not-next", expected: 2, found: 3 } });
    expect(checkRevision({ ...second, round: 2 }, prev)).toEqual({ ok: false, error: { kind: "subject-changed", field: "round" } });
    expect(checkRevision({ ...second, seat: { fingerprint: SeatIdSchema.parse("SHA256:" + "B".repeat(43)), role: "member" } }, prev)).toEqual({ ok: false, error: { kind: "subject-changed", field: "seat" } });
    expect(checkRevision({ ...second, packetManifest: "d".repeat(64) }, prev)).toEqual({ ok: false, error: { kind: "subject-changed", field: "packetManifest" } });
  });

  it("gives a reason for every changed answer and for no other, and changes something", () => {
    const before = completeAnswers();
    const after = setClaimAnswer(setClaimAnswer(before, claimId(1), "best", 60), claimId(2), "best", 30);
    const key2 = `claims/${claimId(2)}/best`;
    expect(checkReasons(before, after, [{ answer: bestKey, reason: "New report." }])).toEqual({ ok: false, error: { kind: "reason-missing", answers: [key2] } });
    expect(checkReasons(before, after, [{ answer: bestKey, reason: "a" }, { answer: key2, reason: "b" }]).ok).toBe(true);
    expect(checkReasons(before, after, [{ answer: bestKey, reason: "a" }, { answer: key2, reason: "b" }, { answer: "rationale", reason: "c" }])).toEqual({ ok: false, error: { kind: "reason-for-unchanged", answers: ["rationale"] } });
    expect(checkReasons(before, before, [])).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    expect(checkReasons(before, after, [{ answer: bestKey, reason: "a" }, { answer: key2, reason: "   " }]).ok).toBe(false);
  });
});
