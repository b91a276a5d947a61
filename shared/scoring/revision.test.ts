import { describe, expect, it } from "vitest";
import { answerEntries, changedAnswers, keyText, parseKey } from "./answers";
import { setAchCell, setAttestation, setClaimAnswer, setOverall, setShareRationale } from "./edit";
import { checkReasons, checkRevision, movesPacket } from "./revision";
import { claimId, completeAnswers, evidenceId, testScoresheet } from "./scoring.testing";
import { ScoresheetSchema, SeatIdSchema, type ChangeReason, type Scoresheet } from "./scoresheet";

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

  it("the consent to share rationales is an answer when given; absent and false both mean no", () => {
    const before = completeAnswers();
    const shared = setShareRationale(before, true);
    expect(shared.shareRationale).toBe(true);
    expect(changedAnswers(before, shared)).toEqual([{ key: "shareRationale", after: "true" }]);
    expect(changedAnswers(shared, setShareRationale(shared, false))).toEqual([{ key: "shareRationale", before: "true" }]);
    expect(setShareRationale(shared, false)).not.toHaveProperty("shareRationale");
    expect(changedAnswers(before, { ...before, shareRationale: false })).toEqual([]);
    expect(keyText(parseKey("shareRationale")!)).toBe("shareRationale");
  });

  it("a scoresheet signed before the consent existed still parses, and one with it parses; a non-boolean is refused", () => {
    expect(ScoresheetSchema.safeParse(first()).success).toBe(true);
    expect(ScoresheetSchema.safeParse({ ...first(), answers: { ...first().answers, shareRationale: true } }).success).toBe(true);
    expect(ScoresheetSchema.safeParse({ ...first(), answers: { ...first().answers, shareRationale: "yes" } }).success).toBe(false);
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
    // Another packet of the case (a new version sent after the first revision): signed on it, every answer may stay.
    expect(checkRevision({ ...second, packetManifest: "d".repeat(64), packetContent: "d".repeat(64) }, prev)).toEqual({ ok: true, value: undefined });
    const kept = { ...second, answers: first().answers, previous: { sha256: sha, changes: [] } };
    expect(checkRevision(kept, prev)).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    expect(checkRevision({ ...kept, packetManifest: "d".repeat(64), packetContent: "d".repeat(64) }, prev)).toEqual({ ok: true, value: undefined });
    expect(checkRevision({ ...kept, packetManifest: "d".repeat(64), packetContent: "d".repeat(64), previous: { sha256: sha, changes: [{ answer: bestKey, reason: "No change." }] } }, prev)).toEqual({
      ok: false,
      error: { kind: "reason-for-unchanged", answers: [bestKey] },
    });
    // The content decides, not the manifest (the panelist's own packet's, which the chair cannot check): another manifest
    // with the same content is no new version, so a revision must still change something.
    expect(checkRevision({ ...kept, packetManifest: "d".repeat(64) }, prev)).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    // Never back to version 1, which names no content: a fake manifest would otherwise pass as a move.
    const { packetContent: _, ...withoutContent } = kept;
    expect(checkRevision({ ...withoutContent, version: 1, packetManifest: "d".repeat(64) }, prev)).toEqual({ ok: false, error: { kind: "older-version", version: 1, previous: 2 } });
    expect(checkRevision({ ...withoutContent, version: 1 }, prev)).toEqual({ ok: false, error: { kind: "older-version", version: 1, previous: 2 } });
    // A version 1 predecessor named no content: a version 2 revision of it may name its packet's; its manifest says whether it moved.
    const { packetContent: __, ...oldFirst } = first();
    const v1 = { sheet: { ...oldFirst, version: 1 as const }, sha256: sha };
    expect(checkRevision(second, v1)).toEqual({ ok: true, value: undefined });
    expect(checkRevision(kept, v1)).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    expect(checkRevision({ ...kept, packetManifest: "d".repeat(64) }, v1)).toEqual({ ok: true, value: undefined });
    expect(movesPacket(first(), { packetManifest: first().packetManifest, packetContent: "d".repeat(64) })).toBe(true);
    expect(movesPacket(first(), { packetManifest: "d".repeat(64), packetContent: first().packetContent })).toBe(false);
  });

  it("keeps the rubric within one version of the case; a new version may carry another rubric", () => {
    const prev = { sheet: first(), sha256: sha };
    const second = revise(first(), sha, change, { [bestKey]: "New report." });
    const rubric = { id: second.rubric.id, revision: second.rubric.revision + 1 };
    expect(checkRevision({ ...second, rubric }, prev)).toEqual({ ok: false, error: { kind: "subject-changed", field: "rubric" } });
    expect(checkRevision({ ...second, rubric, packetManifest: "d".repeat(64) }, prev)).toEqual({ ok: false, error: { kind: "subject-changed", field: "rubric" } });
    expect(checkRevision({ ...second, rubric, packetContent: "d".repeat(64) }, prev)).toEqual({ ok: true, value: undefined });
  });

  it("version 2 names its packet's content, version 1 does not", () => {
    const { packetContent: _, ...v1 } = first();
    expect(ScoresheetSchema.safeParse(first()).success).toBe(true);
    expect(ScoresheetSchema.safeParse({ ...v1, version: 1 }).success).toBe(true);
    expect(ScoresheetSchema.safeParse(v1).success).toBe(false);
    expect(ScoresheetSchema.safeParse({ ...first(), version: 1 }).success).toBe(false);
    expect(ScoresheetSchema.safeParse({ ...first(), version: 3 }).success).toBe(false);
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

describe("a new Delphi round", () => {
  const sha1 = "e".repeat(64);
  const final1 = (): Scoresheet => ({ ...first(), revision: 2, previous: { sha256: "f".repeat(64), changes: [{ answer: "rationale", reason: "r" }] }, answers: setOverall(first().answers, "rationale", "Revised.") });
  const opening = (changes: ChangeReason[], answers = final1().answers): Scoresheet => ({
    ...final1(),
    round: 2,
    revision: 1,
    previous: { sha256: sha1, changes },
    answers,
    signedAt: "2026-12-10T10:00:00.000Z",
  });
  const prev = () => ({ sheet: final1(), sha256: sha1 });
  const key1 = `claims/${claimId(1)}/best`;

  it("round 1 is unchanged: its first scoresheet names nothing, a later one names its predecessor", () => {
    expect(ScoresheetSchema.safeParse(first()).success).toBe(true);
    expect(ScoresheetSchema.safeParse({ ...first(), previous: { sha256: sha1, changes: [] } }).success).toBe(false);
    // A revision keeping every answer is well formed (one signed on a newer packet may); checkRevision refuses it on the same packet.
    expect(ScoresheetSchema.safeParse({ ...final1(), previous: { sha256: sha1, changes: [] } }).success).toBe(true);
    expect(checkRevision({ ...final1(), answers: first().answers, previous: { sha256: sha1, changes: [] } }, { sheet: first(), sha256: sha1 })).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    expect(checkRevision(first(), { sheet: first(), sha256: sha1 })).toEqual({ ok: false, error: { kind: "not-first" } });
  });

  it("the first scoresheet of round 2 must name a scoresheet: the schema refuses one without, and accepts keeping every answer", () => {
    const { previous: _p, ...bare } = opening([]);
    expect(ScoresheetSchema.safeParse(bare).success).toBe(false);
    expect(ScoresheetSchema.safeParse(opening([])).success).toBe(true);
    expect(checkRevision(opening([]), prev())).toEqual({ ok: true, value: undefined });
  });

  it("names the final round-1 scoresheet it was given, of the round before, with the same subject", () => {
    expect(checkRevision(opening([]))).toEqual({ ok: false, error: { kind: "previous-round-missing", round: 1 } });
    expect(checkRevision(opening([]), { sheet: final1(), sha256: "c".repeat(64) })).toEqual({ ok: false, error: { kind: "wrong-predecessor" } });
    // A sheet of round 2 is not what round 2's first scoresheet revises; nor is one of round 3 opened from round 1.
    expect(checkRevision(opening([]), { sheet: { ...final1(), round: 2 }, sha256: sha1 })).toEqual({ ok: false, error: { kind: "subject-changed", field: "round" } });
    expect(checkRevision({ ...opening([]), round: 3 }, prev())).toEqual({ ok: false, error: { kind: "subject-changed", field: "round" } });
    expect(checkRevision({ ...opening([]), packetManifest: "d".repeat(64) }, prev())).toEqual({ ok: true, value: undefined });
    expect(checkRevision({ ...opening([]), seat: { fingerprint: SeatIdSchema.parse("SHA256:" + "B".repeat(43)), role: "member" } }, prev())).toEqual({ ok: false, error: { kind: "subject-changed", field: "seat" } });
  });

  it("gives a reason for exactly the answers it changes from round 1", () => {
    const moved = setClaimAnswer(final1().answers, claimId(1), "best", 60);
    expect(checkRevision(opening([], moved), prev())).toEqual({ ok: false, error: { kind: "reason-missing", answers: [key1] } });
    expect(checkRevision(opening([{ answer: key1, reason: "The others' rationales." }], moved), prev())).toEqual({ ok: true, value: undefined });
    expect(checkRevision(opening([{ answer: key1, reason: "a" }, { answer: "rationale", reason: "b" }], moved), prev())).toEqual({ ok: false, error: { kind: "reason-for-unchanged", answers: ["rationale"] } });
    expect(checkRevision(opening([{ answer: key1, reason: "a" }]), prev())).toEqual({ ok: false, error: { kind: "reason-for-unchanged", answers: [key1] } });
  });

  it("later revisions of round 2 follow round 2's first, as in round 1", () => {
    const r2 = opening([]);
    const sha2 = "9".repeat(64);
    const second = revise(r2, sha2, (s) => setClaimAnswer(s.answers, claimId(1), "best", 65), { [key1]: "Second thoughts." });
    expect(ScoresheetSchema.safeParse(second).success).toBe(true);
    expect(checkRevision(second, { sheet: r2, sha256: sha2 })).toEqual({ ok: true, value: undefined });
    expect(checkRevision(revise(r2, sha2, (s) => s.answers, {}), { sheet: r2, sha256: sha2 })).toEqual({ ok: false, error: { kind: "nothing-changed" } });
    expect(ScoresheetSchema.safeParse(revise(r2, sha2, (s) => s.answers, {})).success).toBe(true);
    // Revision 2 of round 2 cannot skip round 2's first and revise round 1 directly.
    expect(checkRevision(second, prev())).toEqual({ ok: false, error: { kind: "not-next", expected: 3, found: 2 } });
  });
});
