/**
 * Fixtures for the merge tests: a five-seat panel on the sample case whose
 * every key the test holds (the chair and four members, one per UN regional
 * group), each seat's packet imported into its own vault, and real signed
 * scoresheets made by the submit path from each member's own packet.
 */
import type { ReceivedCase } from "../case/case-records";
import { must, newTestVault, receivePacket } from "../case/case.testing";
import { exportPacket } from "../case/packet-export";
import { enrolExpert, loadSampleCase, saveCase, savePanel } from "../case/secretariat";
import type { Case } from "../case/model";
import { readAllBytes } from "../encoding/bytes";
import { sshFingerprint } from "../formats/openssh-key";
import { exportIdentityCard, importIdentityCard } from "../identity/identity-card";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import type { IdentityDetailsInput } from "../identity/identity-details";
import type { Answers } from "../scoring/scoresheet";
import type { DraftReason, SentScoresheet } from "../scoring/scoring-store";
import { answersFor } from "../scoring/scoring.testing";
import { scoringContextOf, submitScoresheet, type Submission } from "../scoring/submit";

const PEOPLE: readonly Partial<IdentityDetailsInput>[] = [
  { displayName: "Chair Mensah", region: "african-states", nationality: "GH" },
  { displayName: "Member Tanaka", region: "asia-pacific-states", nationality: "JP" },
  { displayName: "Member Kowalska", region: "eastern-european-states", nationality: "PL" },
  { displayName: "Member Silva", region: "latin-american-and-caribbean-states", nationality: "BR" },
  { displayName: "Member Okafor", region: "western-european-and-others-states", nationality: "IE" },
];

export type TestSeat = { readonly identity: PersonalIdentity; readonly fingerprint: string; readonly received: ReceivedCase };

/** The packet for one seat, imported into a fresh vault of that person. */
async function receive(packet: Uint8Array, who: PersonalIdentity, secretariat: PersonalIdentity, now: Date) {
  const { storage, vault } = await newTestVault(now);
  const received = must(await receivePacket(vault, packet, who, secretariat, now));
  return { storage, vault, received };
}

/**
 * A secretariat's packets for one panel on the sample case: the chair known
 * by the card file their app exported (`chairCard`), the members by
 * identities the test holds or by the card files their apps exported (four,
 * one per other UN regional group, for a balanced panel). Returns each
 * seat's packet, the chair's first.
 */
export async function panelPackets(input: { readonly secretariat: PersonalIdentity; readonly chairCard: string; readonly members: readonly (PersonalIdentity | string)[]; readonly now: Date }) {
  const { secretariat, now } = input;
  const { vault: office } = await newTestVault(now);
  const c = must(await loadSampleCase(office, "Case Secretariat", now));
  const chairCard = must(importIdentityCard(input.chairCard));
  const enrol = (cardFile: string, fingerprint: string) => enrolExpert(office, { cardFile, confirmedFingerprint: fingerprint, affiliationStates: [], declaredInterests: "None." }, now);
  const chairEntry = must(await enrol(input.chairCard, chairCard.fingerprint));
  const memberEntries: (typeof chairEntry)[] = [];
  for (const p of input.members) {
    const cardFile = typeof p === "string" ? p : exportIdentityCard(p);
    memberEntries.push(must(await enrol(cardFile, must(importIdentityCard(cardFile)).fingerprint)));
  }
  must(await savePanel(office, { format: "attribution-panel/panel", version: 1, caseId: c.id, chairId: chairEntry.id, memberIds: memberEntries.map((e) => e.id), rubricId: "default-v1", deadline: c.deadline, waivers: [] }));
  const sendAll = async (at: Date) => {
    const packets: Uint8Array[] = [];
    for (const entry of [chairEntry, ...memberEntries]) packets.push(await readAllBytes(must(await exportPacket(office, { caseId: c.id, memberId: entry.id, sender: secretariat, now: at })).stream));
    return packets;
  };
  let current = c;
  /** The secretariat changes the case and sends every seat its next packet (a new version of the case), the chair's first. */
  const resend = async (change: (c: Case) => Case, at: Date) => {
    current = must(await saveCase(office, change(current), at));
    return sendAll(at);
  };
  /** `office`: the secretariat's vault (the case, the registry, the panel), without the secretariat's identity. */
  return { caseId: c.id, deadline: c.deadline, packets: await sendAll(now), resend, office };
}

/** Four members, one per regional group other than the chair's (African States). */
export const testMembers = (): PersonalIdentity[] => PEOPLE.slice(1).map((p) => testIdentity(p));

/**
 * The panel: seat 0 chairs; members 1–4. Returns the chair's vault (holding
 * the chair's packet), each seat's received case, and the people.
 */
export async function panelOfFive(now: Date) {
  const secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const chairIdentity = testIdentity(PEOPLE[0]);
  const people = [chairIdentity, ...testMembers()];
  const { caseId, deadline, packets } = await panelPackets({ secretariat, chairCard: exportIdentityCard(chairIdentity), members: people.slice(1), now });
  const seats: TestSeat[] = [];
  let chairVault;
  for (const [i, p] of people.entries()) {
    const got = await receive(packets[i] as Uint8Array, p, secretariat, now);
    if (i === 0) chairVault = got;
    seats.push({ identity: p, fingerprint: sshFingerprint(p.signing.publicKey), received: got.received });
  }
  return { secretariat, seats, chair: seats[0]!, members: seats.slice(1), chairVault: chairVault!, caseId, deadline };
}

/** A member's packet imported into a fresh vault of theirs, as a seat that can sign. */
export async function seatFromPacket(packet: Uint8Array, who: PersonalIdentity, secretariat: PersonalIdentity, now: Date): Promise<TestSeat> {
  const got = await receive(packet, who, secretariat, now);
  return { identity: who, fingerprint: sshFingerprint(who.signing.publicKey), received: got.received };
}

/** A seat's next scoresheet of round 1 (after `history`), signed and sealed to the chair and the secretariat by the submit path. */
export async function sign(seat: TestSeat, now: Date, history: readonly SentScoresheet[] = [], answers?: Answers, reasons: readonly DraftReason[] = []): Promise<Submission> {
  return must(await submitScoresheet({ received: seat.received, identities: [seat.identity], history, round: 1, answers: answers ?? answersFor(scoringContextOf(seat.received)), reasons, now }));
}

/** The history entry a submission becomes on the panelist's side. */
export const sentOf = (s: Submission): SentScoresheet => ({ sheet: s.sheet, sha256: s.sha256, fileName: s.fileName });
