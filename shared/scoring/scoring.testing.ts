/** Fixtures for the scoring tests: a small case, the default rubric, and complete answers for it. */
import { DEFAULT_RUBRIC, type Rubric } from "../rubric/rubric";
import { must, newTestVault, receivePacket, secretariatWithPanel } from "../case/case.testing";
import { exportPacket } from "../case/packet-export";
import { readAllBytes } from "../encoding/bytes";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import type { ScoringContext } from "./completeness";
import { CaseIdSchema } from "../case/model";
import { ClaimIdSchema, EvidenceIdSchema, type Answers, type ClaimId, type EvidenceId, type Scoresheet, type SeatId } from "./scoresheet";

export const claimId = (n: number): ClaimId => ClaimIdSchema.parse(`claim-${String(n).padStart(10, "0")}`);
export const evidenceId = (n: number): EvidenceId => EvidenceIdSchema.parse(`evidence-${String(n).padStart(10, "0")}`);

export function scoringContext(claims = 3, evidence = 2, rubric: Rubric = DEFAULT_RUBRIC): ScoringContext {
  return {
    claims: Array.from({ length: claims }, (_, i) => ({ id: claimId(i + 1) })),
    evidence: Array.from({ length: evidence }, (_, i) => ({ id: evidenceId(i + 1) })),
    rubric,
  };
}

/** Answers that complete every question of the default rubric for `scoringContext(claims, evidence)`; the bests are 70, 20, 10 (then 0s). */
export function completeAnswers(claims = 3, evidence = 2): Answers {
  const bests = [70, 20, 10];
  const term = (b: number) => (b >= 55 ? "likely" : b >= 20 ? "unlikely" : b >= 5 ? "very-unlikely" : "almost-no-chance");
  return {
    claims: Array.from({ length: claims }, (_, i) => {
      const best = bests[i] ?? 1;
      return {
        claim: claimId(i + 1),
        likelihood: term(best),
        best,
        confidence: "moderate",
        evidenceBasis: "medium",
        agreement: "medium",
        stateResponsibility: "state-coordinated",
        legalBasis: "instructions-direction-control",
        rationale: `Reasons for claim ${i + 1}.`,
      };
    }),
    ach: Array.from({ length: evidence }, (_, e) => ({
      evidence: evidenceId(e + 1),
      cells: Object.fromEntries(Array.from({ length: claims }, (_, c) => [claimId(c + 1), c === 0 ? "consistent" : "neutral"])) as Record<ClaimId, string>,
    })),
    rationale: "Overall reasons.",
    attestation: { independent: true, interests: "", at: "2026-12-02T10:00:00.000Z" },
  };
}

/** The people of receivedSampleCase's tests: a panelist, the panel's chair and the case's secretariat (call once crypto is loaded). */
export function samplePeople(): { panelist: PersonalIdentity; chair: PersonalIdentity; secretariat: PersonalIdentity } {
  return {
    panelist: testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" }),
    chair: testIdentity({ displayName: "Chair Person", region: "african-states", nationality: "GH" }),
    secretariat: testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" }),
  };
}

/**
 * A panelist's vault holding the sample case as received in a packet from
 * `secretariat`, on a panel chaired by `chair` (whose keys the test holds).
 */
export async function receivedSampleCase(people: { panelist: PersonalIdentity; chair: PersonalIdentity; secretariat: PersonalIdentity }, now: Date) {
  const { vault: secretariatVault, c, panelistId } = await secretariatWithPanel(people.panelist, now, { chair: people.chair });
  const exported = must(await exportPacket(secretariatVault, { caseId: c.id, memberId: panelistId, sender: people.secretariat, now }));
  const packet = await readAllBytes(exported.stream);
  const { storage, vault } = await newTestVault(now);
  const received = must(await receivePacket(vault, packet, people.panelist, people.secretariat, now));
  return { storage, vault, received, packet };
}

/** Complete answers for any case and rubric: the first claim 60 %, the others sharing 40 %, each with the matching term, every ACH cell neutral. */
export function answersFor(context: ScoringContext): Answers {
  const n = context.claims.length;
  const rest = Math.floor((400 / Math.max(1, n - 1))) / 10;
  const bests = context.claims.map((_, i) => (i === 0 ? 60 : i === n - 1 ? Math.round((40 - rest * (n - 2)) * 10) / 10 : rest));
  const pick = (scale: keyof Pick<Rubric, "confidence" | "evidenceBasis" | "agreement" | "stateResponsibility" | "legalBasis">) => context.rubric[scale][0]?.id as string;
  return {
    claims: context.claims.map((c, i) => {
      const best = bests[i] as number;
      return {
        claim: c.id as ClaimId,
        likelihood: context.rubric.likelihood.find((t) => best >= t.low && best <= t.high)?.id as string,
        best,
        confidence: pick("confidence"),
        evidenceBasis: pick("evidenceBasis"),
        agreement: pick("agreement"),
        stateResponsibility: pick("stateResponsibility"),
        legalBasis: pick("legalBasis"),
        rationale: `Why claim ${i + 1}.`,
      };
    }),
    ach: context.evidence.map((e) => ({ evidence: e.id as EvidenceId, cells: Object.fromEntries(context.claims.map((c) => [c.id, "neutral"])) as Record<ClaimId, string> })),
    rationale: "Overall.",
    attestation: { independent: true, interests: "", at: "2026-12-02T10:00:00.000Z" },
  };
}

/** A complete first scoresheet of round 1 for the sample-shaped context (scoringContext()), signed by the seat `fingerprint` at `signedAt`. */
export function testScoresheet(fingerprint: SeatId, signedAt: Date, overrides: Partial<Scoresheet> = {}): Scoresheet {
  return {
    format: "attribution-panel/scoresheet",
    version: 2,
    caseId: CaseIdSchema.parse("case-0000000000000001"),
    packetManifest: "a".repeat(64),
    packetContent: "e".repeat(64),
    round: 1,
    seat: { fingerprint, role: "member" },
    rubric: { id: "default-v1", revision: 1 },
    revision: 1,
    answers: completeAnswers(),
    signedAt: signedAt.toISOString(),
    ...overrides,
  };
}
