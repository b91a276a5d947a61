/**
 * Fixtures for the opinion tests: a five-seat panel (the chair and four
 * members, one per UN regional group, as merge.testing.ts seats them) on the
 * sample case with its attachments' real SHA-256, held as the chair's
 * received case (checked with ReceivedCaseSchema), and round-1 scoresheets
 * of the four members whose numbers the tests work out by hand. Built
 * without vaults or packets (the opinion reads only the received case and
 * the statistics), so the tests run in a second instead of twenty.
 *
 * Claim 1's best estimates: 70, 60, 30, 80 (median 65, P25 52.5, P75 72.5 by
 * R type 7); Healey: three "state-ordered", one "state-coordinated"; legal
 * basis: two "state-organ", two "due-diligence" (a tie). Every other answer
 * is answersFor's (the first term of each scale). The chair sends nothing.
 */
import { ReceivedCaseSchema, type ReceivedCase } from "../case/case-records";
import { must } from "../case/case.testing";
import { AttachmentIdSchema, type SeatId } from "../case/model";
import { buildSampleCase } from "../case/sample/sample-case";
import { sha256, toHex } from "../crypto/sodium";
import { exportIdentityCard } from "../identity/identity-card";
import { testIdentity } from "../identity/identity.testing";
import type { UnRegion } from "../identity/un-regions";
import { sshFingerprint } from "../formats/openssh-key";
import type { HeldSheet } from "../merge/check-incoming";
import { statisticsOf, type PanelStatistics } from "../merge/statistics";
import { DEFAULT_RUBRIC } from "../rubric/rubric";
import type { ClaimAnswer, Scoresheet } from "../scoring/scoresheet";
import { answersFor, testScoresheet } from "../scoring/scoring.testing";
import { scoringContextOf } from "../scoring/submit";
import { newRecordId } from "../vault/record-slot";

export const FIXTURE_NOW = new Date("2026-12-02T10:00:00.000Z");
export const CLAIM_1_BESTS = [70, 60, 30, 80] as const;
const HEALEY = ["state-ordered", "state-ordered", "state-coordinated", "state-ordered"] as const;
const LEGAL = ["state-organ", "due-diligence", "state-organ", "due-diligence"] as const;

export type OpinionFixture = {
  readonly received: ReceivedCase;
  readonly statistics: PanelStatistics;
  readonly sheets: readonly Scoresheet[];
  /** The panel's seats in the roster's order: the chair's first. */
  readonly seats: readonly SeatId[];
};

/** The members' scoresheets for `received` (see the module comment); `change` alters any member's answers further. */
export function memberSheets(received: ReceivedCase, change: (member: number, claim: number, answer: ClaimAnswer) => ClaimAnswer = (_m, _c, a) => a): Scoresheet[] {
  const members = received.roster.filter((p) => p.role === "member");
  const base = answersFor(scoringContextOf(received));
  return members.map((p, m) => {
    const claims = base.claims.map((a, c) =>
      change(m, c, c === 0 ? { ...a, best: CLAIM_1_BESTS[m] as number, stateResponsibility: HEALEY[m] as string, legalBasis: LEGAL[m] as string } : a),
    );
    return testScoresheet(p.fingerprint, FIXTURE_NOW, { caseId: received.case.id, answers: { ...base, claims } });
  });
}

const held = (sheets: readonly Scoresheet[]): HeldSheet[] => sheets.map((sheet) => ({ sheet, sha256: "0".repeat(64), receivedAt: FIXTURE_NOW.toISOString() }));

const PEOPLE: readonly { readonly name: string; readonly region: UnRegion; readonly nationality: string; readonly affiliation: string }[] = [
  { name: "Chair Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" },
  { name: "Member Tanaka", region: "asia-pacific-states", nationality: "JP", affiliation: "Keio University" },
  { name: "Member Kowalska", region: "eastern-european-states", nationality: "PL", affiliation: "NASK" },
  { name: "Member Silva", region: "latin-american-and-caribbean-states", nationality: "BR", affiliation: "FGV" },
  { name: "Member Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" },
];

/** The sample case with its attachments referenced (their real SHA-256) and the panel's roster, as the chair holds it (call once crypto is loaded). */
export function chairReceivedCase(): ReceivedCase {
  const sample = buildSampleCase(FIXTURE_NOW, newRecordId);
  const evidence = sample.case.evidence.map((e, i) => ({
    ...e,
    attachments: sample.attachments
      .filter((a) => a.evidenceIndex === i)
      .map((a) => ({ id: AttachmentIdSchema.parse(newRecordId()), name: a.name, mediaType: a.mediaType, size: a.bytes.length, sha256: toHex(sha256(a.bytes)) })),
  }));
  const roster = PEOPLE.map((p, i) => {
    const who = testIdentity({ displayName: p.name, region: p.region, nationality: p.nationality, affiliation: p.affiliation });
    return { role: i === 0 ? ("chair" as const) : ("member" as const), displayName: p.name, region: p.region, nationality: p.nationality, affiliation: p.affiliation, fingerprint: sshFingerprint(who.signing.publicKey), cardFile: exportIdentityCard(who) };
  });
  return ReceivedCaseSchema.parse({
    format: "attribution-panel/received-case",
    version: 1,
    case: { ...sample.case, evidence },
    roster,
    rubric: DEFAULT_RUBRIC,
    deadline: sample.case.deadline,
    packet: { packetId: "packet-0000000000000001", sequence: 1, createdAt: FIXTURE_NOW.toISOString(), senderFingerprint: roster[0]?.fingerprint, senderKey: "ssh-ed25519 AAAA", importedAt: FIXTURE_NOW.toISOString(), files: 5, bytes: 1000 },
  });
}

/** The chair's received case and the statistics of round 1 over the members' scoresheets (memberSheets). */
export function opinionFixture(): OpinionFixture {
  const received = chairReceivedCase();
  const sheets = memberSheets(received);
  return { received, sheets, statistics: must(statisticsOf(received, held(sheets), 1)), seats: received.roster.map((p) => p.fingerprint) };
}

/** The statistics of round 1 over other sheets of the same panel. */
export const statisticsOver = (received: ReceivedCase, sheets: readonly Scoresheet[]): PanelStatistics => must(statisticsOf(received, held(sheets), 1));
