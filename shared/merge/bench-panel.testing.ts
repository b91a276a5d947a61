/**
 * The merge benchmark's panel (issue 14, "Benchmark"): a chair and 15
 * members from the five UN regional groups, a case of 20 claims and 50
 * evidence items, and each member's complete round-1 scoresheet (every claim
 * answered, every ACH cell), made by the real submit path from that
 * member's own packet and encrypted to the chair and the secretariat. The
 * answers differ from member to member (estimates, terms, ACH codes, some
 * ranges), deterministically, so the statistics have real work to do.
 *
 * Everything is built in memory with the shared code; the benchmark builds
 * it once, outside the timed part, and a unit test checks that the real
 * import accepts every file (so the benchmark times the accepting path).
 */
import type { ReceivedCase } from "../case/case-records";
import { FIXTURE_PASSPHRASE, must, newTestVault, receivePacket } from "../case/case.testing";
import { ClaimIdSchema, EvidenceIdSchema, type Case } from "../case/model";
import { exportPacket } from "../case/packet-export";
import { enrolExpert, loadSampleCase, saveCase, savePanel } from "../case/secretariat";
import { readAllBytes } from "../encoding/bytes";
import { sshFingerprint } from "../formats/openssh-key";
import { exportIdentityCard } from "../identity/identity-card";
import type { PersonalIdentity } from "../identity/identity";
import type { IdentityDetailsInput } from "../identity/identity-details";
import { testIdentity } from "../identity/identity.testing";
import type { UnRegion } from "../identity/un-regions";
import type { ScoringContext } from "../scoring/completeness";
import type { Answers, ClaimId, EvidenceId } from "../scoring/scoresheet";
import { KDF_FLOOR } from "../vault/kdf";
import { MemoryVaultStorage } from "../vault/memory-storage";
import type { VaultStorage } from "../vault/storage-port";
import { createVault } from "../vault/vault";
import { scoringContextOf, submitScoresheet } from "../scoring/submit";
import type { IncomingFile } from "./import-scoresheets";

export const BENCH_MEMBERS = 15;
export const BENCH_CLAIMS = 20;
export const BENCH_EVIDENCE = 50;

/** Nationalities by regional group (none a party of the sample case: XA, XB, XC). */
const NATIONALITIES: Readonly<Record<UnRegion, readonly string[]>> = {
  "african-states": ["GH", "KE", "SN", "NG", "ZA", "TN"],
  "asia-pacific-states": ["JP", "IN", "ID", "KR", "PH", "VN"],
  "eastern-european-states": ["PL", "CZ", "EE", "RO", "HR", "SK"],
  "latin-american-and-caribbean-states": ["BR", "MX", "CL", "CO", "UY", "JM"],
  "western-european-and-others-states": ["IE", "NO", "CA", "NZ", "PT", "AT"],
};
const REGIONS = Object.keys(NATIONALITIES) as UnRegion[];

/** Seat `i` of the panel (0 chairs): the groups in turn, so 16 seats are 4 + 3 + 3 + 3 + 3 (at most 40 % in one group). */
function person(i: number): Partial<IdentityDetailsInput> {
  const region = REGIONS[i % REGIONS.length] as UnRegion;
  const nationality = NATIONALITIES[region][Math.floor(i / REGIONS.length)] as string;
  return { displayName: i === 0 ? "Bench Chair" : `Bench Member ${i}`, region, nationality, affiliation: `Bench Institute ${i}` };
}

/** The sample case with `claims` claims (the catch-all last) and `evidence` items without attachments. */
export function benchCase(sample: Case, claims: number, evidence: number): Case {
  const id = (prefix: string, i: number) => `${prefix}${String(i).padStart(12, "0")}`;
  const catchAll = sample.claims.find((x) => x.catchAll);
  const template = sample.evidence[0];
  if (!catchAll || !template) throw new Error("the sample case has no catch-all claim or no evidence");
  return {
    ...sample,
    claims: [...Array.from({ length: claims - 1 }, (_, i) => ({ id: ClaimIdSchema.parse(id("benchclaim", i)), statement: `Hypothesis ${i + 1}: the campaign was conducted by actor ${i + 1}.`, catchAll: false })), catchAll],
    evidence: Array.from({ length: evidence }, (_, i) => ({ ...template, id: EvidenceIdSchema.parse(id("benchevidence", i)), title: `Evidence item ${i + 1}`, attachments: [], custody: [] })),
  };
}

/** A small deterministic generator (mulberry32), so every run builds the same answers. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Complete answers of panelist `k` for any case and rubric: best estimates
 * that sum to 100 (each at least 1, one decimal), each with a likelihood term
 * whose band holds it, every other scale's term varied, a range on every
 * other claim, and every ACH cell a consistency term (NA among them).
 */
export function benchAnswers(context: ScoringContext, k: number): Answers {
  const next = random(0x5eed + k * 7919);
  const { rubric } = context;
  const n = context.claims.length;
  // Weights with a favourite claim that moves from panelist to panelist, so the panel disagrees somewhat.
  const weights = context.claims.map((_, i) => (i === k % Math.min(n, 4) ? 8 : 0) + next() * 2);
  const total = weights.reduce((a, b) => a + b, 0);
  const spare = 100 - n;
  const bests = weights.map((w) => Math.floor((1 + (w / total) * spare) * 10) / 10);
  bests[n - 1] = Math.round((100 - bests.slice(0, -1).reduce((a, b) => a + b, 0)) * 10) / 10;
  const pick = <T extends { readonly id: string }>(scale: readonly T[]) => (scale[Math.floor(next() * scale.length)] as T).id;
  const term = (best: number) => {
    const fits = rubric.likelihood.filter((t) => best >= t.low && best <= t.high);
    return (fits[Math.floor(next() * fits.length)] ?? fits[0])?.id as string;
  };
  return {
    claims: context.claims.map((c, i) => {
      const best = bests[i] as number;
      const ranged = rubric.asks.range !== "off" && (i + k) % 2 === 0;
      return {
        claim: c.id as ClaimId,
        likelihood: term(best),
        best,
        ...(ranged ? { lowest: Math.max(0, Math.floor(best * 0.5 * 10) / 10), highest: Math.min(100, Math.ceil(Math.min(100, best * 1.5 + 2) * 10) / 10) } : {}),
        confidence: pick(rubric.confidence),
        evidenceBasis: pick(rubric.evidenceBasis),
        agreement: pick(rubric.agreement),
        stateResponsibility: pick(rubric.stateResponsibility),
        legalBasis: pick(rubric.legalBasis),
        rationale: `Panelist ${k + 1} on claim ${i + 1}: the infrastructure overlaps, the tooling shares code with earlier samples, and the timing fits.`,
      };
    }),
    ach: context.evidence.map((e) => ({ evidence: e.id as EvidenceId, cells: Object.fromEntries(context.claims.map((c) => [c.id, pick(rubric.consistency)])) as Record<ClaimId, string> })),
    rationale: `Panelist ${k + 1}: overall reasons.`,
    attestation: { independent: true, interests: "", at: "2026-12-02T10:00:00.000Z" },
  };
}

export type BenchPanel = {
  readonly now: Date;
  readonly caseId: string;
  readonly secretariat: PersonalIdentity;
  readonly chair: PersonalIdentity;
  readonly members: readonly PersonalIdentity[];
  /** The chair's packet (encrypted to the chair), to import into a chair's vault anywhere (the Chromium benchmark does). */
  readonly chairPacket: Uint8Array;
  /** The case as the chair received it. */
  readonly received: ReceivedCase;
  /** The members' scoresheet files, encrypted to the chair and the secretariat, in seat order. */
  readonly files: readonly IncomingFile[];
};

/** A fresh vault of `who` (in memory, or on `storage`) holding the packet `packet` from `secretariat`, imported by the real path. */
export async function vaultWithPacket(who: PersonalIdentity, packet: Uint8Array, secretariat: PersonalIdentity, now: Date, storage?: VaultStorage) {
  const vault = must(await createVault(storage ?? new MemoryVaultStorage(), FIXTURE_PASSPHRASE, { kdf: KDF_FLOOR, clock: () => now }), "creating a bench vault");
  const received = must(await receivePacket(vault, packet, who, secretariat, now), `${who.details.displayName} importing the bench packet`);
  return { vault, received };
}

/** A chair's vault (in memory, or on `storage`) holding the chair's packet of `panel`, nothing imported yet. */
export const chairVaultOf = (panel: Pick<BenchPanel, "now" | "chair" | "secretariat" | "chairPacket">, storage?: VaultStorage) =>
  vaultWithPacket(panel.chair, panel.chairPacket, panel.secretariat, panel.now, storage);

/** The benchmark's panel: `members` members (default 15) and the chair, on a case of `claims` × `evidence` (default 20 × 50). */
export async function benchPanel(now: Date, size: { readonly members?: number; readonly claims?: number; readonly evidence?: number } = {}): Promise<BenchPanel> {
  const members = size.members ?? BENCH_MEMBERS;
  const secretariat = testIdentity({ displayName: "Bench Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const people = Array.from({ length: members + 1 }, (_, i) => testIdentity(person(i)));
  const chair = people[0] as PersonalIdentity;

  const { vault: office } = await newTestVault(now);
  const sample = must(await loadSampleCase(office, "Bench Secretariat", now), "loading the sample case");
  const c = must(await saveCase(office, benchCase(sample, size.claims ?? BENCH_CLAIMS, size.evidence ?? BENCH_EVIDENCE), now), "saving the bench case");
  const entries = [];
  for (const p of people) {
    const entry = await enrolExpert(office, { cardFile: exportIdentityCard(p), confirmedFingerprint: sshFingerprint(p.signing.publicKey), affiliationStates: [], declaredInterests: "None." }, now);
    entries.push(must(entry, "enrolling a bench panelist"));
  }
  must(
    await savePanel(office, { format: "attribution-panel/panel", version: 1, caseId: c.id, chairId: entries[0]?.id, memberIds: entries.slice(1).map((e) => e.id), rubricId: "default-v1", deadline: c.deadline, waivers: [] }),
    "saving the bench panel",
  );
  const packets: Uint8Array[] = [];
  for (const entry of entries) packets.push(await readAllBytes(must(await exportPacket(office, { caseId: c.id, memberId: entry.id, sender: secretariat, now }), "exporting a bench packet").stream));

  const chairPacket = packets[0] as Uint8Array;
  const { received } = await vaultWithPacket(chair, chairPacket, secretariat, now);
  const files: IncomingFile[] = [];
  for (const [i, p] of people.entries()) {
    if (i === 0) continue;
    const got = await vaultWithPacket(p, packets[i] as Uint8Array, secretariat, now);
    const submitted = must(
      await submitScoresheet({ received: got.received, identities: [p], history: [], round: 1, answers: benchAnswers(scoringContextOf(got.received), i - 1), reasons: [], now }),
      `bench member ${i} signing`,
    );
    files.push({ name: `member-${String(i).padStart(2, "0")}-${submitted.fileName}`, bytes: submitted.bytes });
  }
  return { now, caseId: c.id, secretariat, chair, members: people.slice(1), chairPacket, received, files };
}

