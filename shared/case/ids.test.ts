/**
 * The ids of case objects are branded at parse. The `@ts-expect-error`
 * lines are checked by `tsc -p tests` (npm run typecheck): each must be a
 * type error, or the type check fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ClaimIdSchema as ScoresheetClaimIdSchema, EvidenceIdSchema as ScoresheetEvidenceIdSchema, type AchRow } from "../scoring/scoresheet";
import { asClaimId, asEvidenceId, attachmentIdOf, newCaseId, newClaimId, newEvidenceId, newExpertId } from "./ids";
import { CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, ExpertIdSchema, ObjectIdSchema, SeatIdSchema, type ClaimId, type EvidenceId, type SeatId } from "./model";
import { loadCrypto } from "../crypto/sodium";

beforeAll(async () => {
  await loadCrypto();
});

const evidenceRow = (evidence: EvidenceId, claim: ClaimId): AchRow => ({ evidence, cells: { [claim]: "consistent" } });

describe("branded ids", () => {
  it("a claim id cannot be passed where an evidence id is expected, nor the other way round, nor a bare string", () => {
    const claim = newClaimId();
    const evidence = newEvidenceId();
    expect(evidenceRow(evidence, claim).evidence).toBe(evidence);
    // @ts-expect-error a ClaimId is not an EvidenceId
    evidenceRow(claim, claim);
    // @ts-expect-error an EvidenceId is not a ClaimId
    evidenceRow(evidence, evidence);
    // @ts-expect-error a string is no id until it is parsed as one
    evidenceRow("evidence-0000000000000001", claim);
    // @ts-expect-error a case id is not an expert id
    const expert: ReturnType<typeof newExpertId> = newCaseId();
    expect(expert).toBeDefined();
  });

  it("a seat is named by a fingerprint checked as one, never by an expert id or a bare string", () => {
    const seat: SeatId = SeatIdSchema.parse("SHA256:" + "A".repeat(43));
    const seatRow = (s: SeatId) => ({ fingerprint: s });
    expect(seatRow(seat).fingerprint).toBe(seat);
    // @ts-expect-error an expert id (a registry record's id) is not a seat
    seatRow(newExpertId());
    // @ts-expect-error a string is no seat until it is parsed as a fingerprint
    seatRow("SHA256:" + "A".repeat(43));
    expect(SeatIdSchema.safeParse("SHA256:short").success).toBe(false);
    expect(SeatIdSchema.safeParse(newExpertId()).success).toBe(false);
  });

  it("the scoresheet names claims and evidence with the case model's brands (one definition)", () => {
    expect(ScoresheetClaimIdSchema).toBe(ClaimIdSchema);
    expect(ScoresheetEvidenceIdSchema).toBe(EvidenceIdSchema);
  });

  it("brands are given at parse: the same string, checked for the shape every object id has", () => {
    const raw = "claim-0000000000000001";
    expect(ClaimIdSchema.parse(raw)).toBe(raw);
    expect(asClaimId(raw)).toBe(raw);
    expect(asEvidenceId("short")).toBeUndefined();
    expect(asClaimId("has spaces in it, which ids never do")).toBeUndefined();
    expect(CaseIdSchema.safeParse("x".repeat(65)).success).toBe(false);
    expect(() => attachmentIdOf({ id: "not/an/id" })).toThrow();
  });

  it("minted ids are fresh and of the shape every stored id has", () => {
    const minted = [newCaseId(), newClaimId(), newEvidenceId(), newExpertId()];
    for (const id of minted) expect(ObjectIdSchema.safeParse(id).success).toBe(true);
    expect(new Set(minted).size).toBe(minted.length);
    expect(ExpertIdSchema.safeParse(minted[3]).success).toBe(true);
  });
});
