import { beforeAll, describe, expect, it } from "vitest";
import { must, newTestVault, receivePacket } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { encodeRecipient } from "../formats/age/age";
import { exportIdentityCard } from "../identity/identity-card";
import { identityToStored, type PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { IdentityRecord } from "../identity/records/identity.record";
import { panelPackets, sign, testMembers, type TestSeat } from "../merge/merge.testing";
import { sshFingerprint } from "../formats/openssh-key";
import { openDraftAnswer } from "../opinion/draft-exchange-answer";
import { ReceivedDraftsRecord } from "../opinion/records/received-draft.record";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { CommentAnswered, CommentImport, CommentView } from "./contracts/comment";
import type { SentForComment } from "./contracts/opinion";
import { createCommentHandlers } from "./comment-handlers";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createMergeHandlers } from "./merge-handlers";
import { createOpinionHandlers } from "./opinion-handlers";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
const DEADLINE = "2026-12-01T12:00:00.000Z";
const AFTER_DEADLINE = new Date("2026-12-02T09:00:00.000Z");

type Person = { identity: PersonalIdentity; vault: UnlockedVault; seat: TestSeat };
let caseId: string;
let chair: Person;
let member: Person;
let other: Person;
/** The files the chair sent for comment, by member fingerprint, round 1 then round 2. */
const sentFiles: Map<string, Blob>[] = [];
let roundOneSha: string;
let clockNow = LATER;

async function person(packet: Uint8Array, identity: PersonalIdentity, secretariat: PersonalIdentity): Promise<Person> {
  const { vault } = await newTestVault(NOW);
  const received = must(await receivePacket(vault, packet, identity, secretariat, NOW));
  must(await vault.write({ put: [IdentityRecord.change(identity.id, identityToStored(identity))] }, { event: "identity-created", detail: { identity: identity.id } }));
  return { identity, vault, seat: { identity, fingerprint: sshFingerprint(identity.signing.publicKey), received } };
}

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
const accessOf = (vault: UnlockedVault) => ({ withVault: <T>(fn: (v: UnlockedVault) => Promise<T>) => fn(vault), clock: () => clockNow });
const call = (p: Person, method: string, request: unknown) => {
  const access = accessOf(p.vault);
  const handlers = { ...createMergeHandlers(access), ...createOpinionHandlers(access), ...createCommentHandlers(access) } as unknown as WorkerHandlers;
  return dispatchWorkerCall(handlers, method, request, context());
};
async function value<T>(p: Person, method: string, request: unknown): Promise<T> {
  const answer = await call(p, method, request);
  if (!answer.ok) throw new Error(`${method} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}
const importDraft = (p: Person, file: Blob) => value<CommentImport>(p, "comment:import-draft", { caseId, file });

async function sendForComment(): Promise<Map<string, Blob>> {
  const sent = await value<SentForComment>(chair, "opinion:send-for-comment", { caseId, deadline: DEADLINE, note: "Please comment by Tuesday." });
  if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
  return new Map(sent.files.map((f) => [f.seat, f.file.blob]));
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  const secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const chairIdentity = testIdentity({ displayName: "Chair Mensah", region: "african-states", nationality: "GH" });
  const members = testMembers();
  const packets = await panelPackets({ secretariat, chairCard: exportIdentityCard(chairIdentity), members, now: NOW });
  caseId = packets.caseId;
  chair = await person(packets.packets[0] as Uint8Array, chairIdentity, secretariat);
  member = await person(packets.packets[1] as Uint8Array, members[0] as PersonalIdentity, secretariat);
  other = await person(packets.packets[2] as Uint8Array, members[1] as PersonalIdentity, secretariat);
  const sheets = [await sign(member.seat, NOW), await sign(other.seat, NOW)];
  const files = sheets.map((s, i) => ({ name: `m${i}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) }));
  expect(await value(chair, "merge:import", { caseId, files })).toMatchObject({ outcome: "imported" });
  sentFiles.push(await sendForComment());
}, 240_000);

describe("comment:import-draft and comment:load", () => {
  it("answers nothing before a draft is imported", async () => {
    expect(await value<CommentView>(member, "comment:load", { caseId })).toEqual({ draft: null, rounds: [], answer: null });
  });

  it("refuses, as a value with nothing stored, another member's draft, a file that is no draft, and a case not held", async () => {
    const othersFile = sentFiles[0]?.get(other.seat.fingerprint) as Blob;
    expect(await importDraft(member, othersFile)).toEqual({ outcome: "refused", refusal: { kind: "unreadable", reason: "not-addressed-to-you" } });
    expect(await importDraft(member, new Blob(["not a draft"]))).toEqual({ outcome: "refused", refusal: { kind: "unreadable", reason: "not-encrypted" } });
    expect(await call(member, "comment:import-draft", { caseId: "case-9999999999999999", file: othersFile })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "scoring", error: { kind: "case-not-received" } } } });
    expect(must(await ReceivedDraftsRecord.findKeyed(member.vault, [caseId]))).toBeUndefined();
  });

  it("opens the member's own draft with the chair's checks and keeps it: the opinion, what may be withheld and why, the deadline and note", async () => {
    const file = sentFiles[0]?.get(member.seat.fingerprint) as Blob;
    const imported = await importDraft(member, file);
    if (imported.outcome === "refused") throw new Error(JSON.stringify(imported));
    expect(imported.outcome).toBe("imported");
    const draft = imported.draft;
    roundOneSha = draft.sha256;
    expect(draft).toMatchObject({ round: 1, deadline: DEADLINE, note: "Please comment by Tuesday.", signer: chair.seat.fingerprint, answers: [] });
    expect(draft.opinion.caseId).toBe(caseId);
    // The sample case has TLP:RED / AMBER+STRICT evidence, marked withholdable by default for third-party confidentiality.
    expect(draft.withholdable.length).toBeGreaterThan(0);
    expect(draft.withholdable.every((w) => w.pointer.startsWith("/evidence/") && w.reason === "third-party-confidentiality")).toBe(true);
    // Imported again: already held, nothing changes.
    expect(await importDraft(member, file)).toMatchObject({ outcome: "already-held", draft: { sha256: roundOneSha } });
    const view = await value<CommentView>(member, "comment:load", { caseId });
    expect(view.rounds).toEqual([1]);
    expect(view.draft?.sha256).toBe(roundOneSha);
  });

  it("keeps every comment round: the chair's revision is round 2, the latest shown, round 1 still held", async () => {
    sentFiles.push(await sendForComment());
    const imported = await importDraft(member, sentFiles[1]?.get(member.seat.fingerprint) as Blob);
    expect(imported).toMatchObject({ outcome: "imported", draft: { round: 2 } });
    const view = await value<CommentView>(member, "comment:load", { caseId });
    expect(view.rounds).toEqual([1, 2]);
    expect(view.draft?.round).toBe(2);
    expect(view.draft?.sha256).not.toBe(roundOneSha);
    // Round 1 again: already held.
    expect(await importDraft(member, sentFiles[0]?.get(member.seat.fingerprint) as Blob)).toMatchObject({ outcome: "already-held", draft: { round: 1 } });
  });
});

describe("comment:save and comment:answer", () => {
  it("autosaves the answer being written and loads it back", async () => {
    const saved = await value<{ savedAt: string }>(member, "comment:save", { caseId, comments: "First point.\n\nSecond point.", opinion: { kind: "dissent", text: "I dissent." } });
    expect(saved.savedAt).toBe(LATER.toISOString());
    const view = await value<CommentView>(member, "comment:load", { caseId });
    expect(view.answer).toMatchObject({ comments: "First point.\n\nSecond point.", opinion: { kind: "dissent", text: "I dissent." }, savedAt: LATER.toISOString() });
    // A control character is refused at the boundary.
    expect(await call(member, "comment:save", { caseId, comments: "bad\u0007", opinion: { kind: "none", text: "" } })).toMatchObject({ ok: false });
  });

  it("refuses an empty answer, an empty dissent and a round not held, with nothing recorded", async () => {
    expect(await value<CommentAnswered>(member, "comment:answer", { caseId, round: 2, comments: "  \n\n " })).toEqual({ outcome: "invalid", refusal: { kind: "empty" } });
    expect(await value<CommentAnswered>(member, "comment:answer", { caseId, round: 2, comments: "Fine.", opinion: { kind: "dissent", text: "\n" } })).toEqual({ outcome: "invalid", refusal: { kind: "opinion-empty" } });
    expect(await value<CommentAnswered>(member, "comment:answer", { caseId, round: 3, comments: "Fine." })).toEqual({ outcome: "invalid", refusal: { kind: "no-draft" } });
    const held = must(await ReceivedDraftsRecord.findKeyed(member.vault, [caseId]));
    expect(held?.drafts.flatMap((d) => d.answers)).toEqual([]);
  });

  it("signs the dissent on the draft digest and seals the answer to the chair, who opens it and verifies the dissent", async () => {
    const answered = await value<CommentAnswered>(member, "comment:answer", { caseId, round: 2, comments: "Paragraph 2 overstates.\n\nThe rest is fine.", opinion: { kind: "dissent", text: "I dissent on claim 1.\n\nThe evidence is thin." } });
    if (answered.outcome !== "answered") throw new Error(JSON.stringify(answered));
    expect(answered.sent).toMatchObject({ late: false, opinion: "dissent", answeredAt: LATER.toISOString(), sha256: answered.sha256, fileName: answered.file.fileName });
    const bytes = new Uint8Array(await answered.file.blob.arrayBuffer());
    const view = await value<CommentView>(member, "comment:load", { caseId });
    const roster = chair.seat.received.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    const key = { kind: "age", identity: chair.identity.encryption.secretKey, myRecipient: encodeRecipient(chair.identity.encryption.publicKey) } as const;
    const opened = must(await openDraftAnswer(bytes, key, { roster, caseId, draftSha256: view.draft?.sha256 as string }));
    expect(opened.answer).toMatchObject({ round: 2, comments: ["Paragraph 2 overstates.", "The rest is fine."], seat: { fingerprint: member.seat.fingerprint } });
    expect(opened.separateOpinion?.opinion).toMatchObject({ kind: "dissent", text: ["I dissent on claim 1.", "The evidence is thin."], fingerprint: member.seat.fingerprint, draftSha256: view.draft?.sha256 });
    expect(opened.encryptedTo).toHaveLength(1);
    // It does not open as an answer to round 1's draft.
    expect((await openDraftAnswer(bytes, key, { roster, caseId, draftSha256: roundOneSha })).ok).toBe(false);
    // The member does not hold the chair's key: the file is not addressed to them.
    const memberKey = { kind: "age", identity: member.identity.encryption.secretKey, myRecipient: encodeRecipient(member.identity.encryption.publicKey) } as const;
    expect((await openDraftAnswer(bytes, memberKey, { roster, caseId, draftSha256: view.draft?.sha256 as string })).ok).toBe(false);
    expect(view.draft?.answers).toEqual([answered.sent]);
  });

  it("still seals an answer after the deadline, flagged late; comments alone carry no separate opinion", async () => {
    clockNow = AFTER_DEADLINE;
    try {
      const answered = await value<CommentAnswered>(member, "comment:answer", { caseId, round: 2, comments: "Late, sorry." });
      if (answered.outcome !== "answered") throw new Error(JSON.stringify(answered));
      expect(answered.sent).toMatchObject({ late: true, opinion: "none" });
      const roster = chair.seat.received.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
      const key = { kind: "age", identity: chair.identity.encryption.secretKey, myRecipient: encodeRecipient(chair.identity.encryption.publicKey) } as const;
      const view = await value<CommentView>(member, "comment:load", { caseId });
      const opened = must(await openDraftAnswer(new Uint8Array(await answered.file.blob.arrayBuffer()), key, { roster, caseId, draftSha256: view.draft?.sha256 as string }));
      expect(opened.separateOpinion).toBeUndefined();
      expect(view.draft?.answers.map((a) => a.late)).toEqual([false, true]);
    } finally {
      clockNow = LATER;
    }
  });

  it("refuses the chair's own vault: it holds no member seat", async () => {
    expect(await importDraft(chair, sentFiles[0]?.get(member.seat.fingerprint) as Blob)).toEqual({ outcome: "refused", refusal: { kind: "not-on-roster" } });
  });
});
