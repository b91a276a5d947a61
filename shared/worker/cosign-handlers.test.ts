/**
 * A member's co-signing through the worker's dispatcher, real crypto, real
 * (in-memory) vaults for the chair and two members: each member answers the
 * draft in their own vault (one with a dissent), the chair builds the
 * opinion, each member imports their request and reads the opinion whole
 * (the dissent theirs, byte for byte), signs with the one stance that fits,
 * and the chair accepts every statement. A request for another member, one
 * whose dissent is not the member's latest, and a stance that does not fit
 * are refused, with nothing stored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { must, newTestVault, receivePacket } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { exportIdentityCard } from "../identity/identity-card";
import { identityToStored, type PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { IdentityRecord } from "../identity/records/identity.record";
import { panelPackets, sign, testMembers } from "../merge/merge.testing";
import { ReceivedCosignRecord } from "../opinion/records/received-cosign.record";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { CommentAnswered, CommentImport } from "./contracts/comment";
import type { CosignImport, CosignRequestView, CosignSigned } from "./contracts/cosign";
import type { SentForComment } from "./contracts/opinion";
import type { AnswersImport, CoSignaturesImport, Prepared } from "./contracts/opinion-exchange";
import { createCommentHandlers } from "./comment-handlers";
import { createCosignHandlers } from "./cosign-handlers";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createMergeHandlers } from "./merge-handlers";
import { createOpinionExchangeHandlers } from "./opinion-exchange-handlers";
import { createOpinionHandlers } from "./opinion-handlers";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
const DRAFT_DEADLINE = "2026-11-25T12:00:00.000Z";
const COSIGN_DEADLINE = "2026-12-01T12:00:00.000Z";

type Person = { identity: PersonalIdentity; vault: UnlockedVault; fingerprint: string };
let caseId: string;
let chair: Person;
let dissenter: Person;
let concurring: Person;
let requests: Map<string, Blob>;
let clockNow = LATER;

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
async function value<T>(p: Person, method: string, request: unknown): Promise<T> {
  const access = { withVault: <R>(fn: (v: UnlockedVault) => Promise<R>) => fn(p.vault), clock: () => clockNow };
  const handlers = { ...createMergeHandlers(access), ...createOpinionHandlers(access), ...createOpinionExchangeHandlers(access), ...createCommentHandlers(access), ...createCosignHandlers(access) } as unknown as WorkerHandlers;
  const answer = await dispatchWorkerCall(handlers, method, request, context());
  if (!answer.ok) throw new Error(`${method} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  const secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const chairIdentity = testIdentity({ displayName: "Chair Mensah", region: "african-states", nationality: "GH" });
  const members = testMembers();
  const packets = await panelPackets({ secretariat, chairCard: exportIdentityCard(chairIdentity), members, now: NOW });
  caseId = packets.caseId;
  const person = async (packet: Uint8Array, identity: PersonalIdentity): Promise<Person & { received: Awaited<ReturnType<typeof receivePacket>> }> => {
    const { vault } = await newTestVault(NOW);
    const received = await receivePacket(vault, packet, identity, secretariat, NOW);
    must(await vault.write({ put: [IdentityRecord.change(identity.id, identityToStored(identity))] }, { event: "identity-created", detail: { identity: identity.id } }));
    return { identity, vault, fingerprint: sshFingerprint(identity.signing.publicKey), received };
  };
  chair = await person(packets.packets[0] as Uint8Array, chairIdentity);
  const d = await person(packets.packets[1] as Uint8Array, members[0] as PersonalIdentity);
  const c = await person(packets.packets[2] as Uint8Array, members[1] as PersonalIdentity);
  dissenter = d;
  concurring = c;
  const seat = (p: typeof d) => ({ identity: p.identity, fingerprint: p.fingerprint, received: must(p.received) });
  const sheets = [await sign(seat(d), NOW), await sign(seat(c), NOW)];
  expect(await value(chair, "merge:import", { caseId, files: sheets.map((s, i) => ({ name: `m${i}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) })) })).toMatchObject({ outcome: "imported" });
  const sent = await value<SentForComment>(chair, "opinion:send-for-comment", { caseId, deadline: DRAFT_DEADLINE });
  if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
  for (const p of [dissenter, concurring]) {
    const file = sent.files.find((f) => f.seat === p.fingerprint)?.file.blob as Blob;
    expect(await value<CommentImport>(p, "comment:import-draft", { caseId, file })).toMatchObject({ outcome: "imported" });
  }
  const answers = [
    await value<CommentAnswered>(dissenter, "comment:answer", { caseId, round: 1, comments: "Too strong.", opinion: { kind: "dissent", text: "I dissent on **claim 1**." } }),
    await value<CommentAnswered>(concurring, "comment:answer", { caseId, round: 1, comments: "Agreed." }),
  ];
  const files = answers.map((a, i) => ({ name: `a${i}.age`, file: a.outcome === "answered" ? a.file.blob : new Blob([]) }));
  expect((await value<AnswersImport>(chair, "opinion:import-answers", { caseId, files })).outcome).toBe("imported");
  const prepared = await value<Prepared>(chair, "opinion:prepare-cosign", { caseId, deadline: COSIGN_DEADLINE });
  if (prepared.outcome !== "prepared") throw new Error(JSON.stringify(prepared));
  requests = new Map(prepared.files.map((f) => [f.seat, f.file.blob]));
}, 240_000);

describe("cosign:import-request, cosign:load, cosign:sign", () => {
  it("refuses another member's request, with nothing stored; imports the member's own, showing the opinion whole with their dissent", async () => {
    expect(await value<{ request: null }>(dissenter, "cosign:load", { caseId })).toEqual({ request: null });
    const others = await value<CosignImport>(dissenter, "cosign:import-request", { caseId, file: requests.get(concurring.fingerprint) });
    expect(others).toEqual({ outcome: "refused", refusal: { kind: "unreadable", reason: "not-addressed-to-you" } });
    expect(must(await ReceivedCosignRecord.findKeyed(dissenter.vault, [caseId]))).toBeUndefined();
    const mine = await value<CosignImport>(dissenter, "cosign:import-request", { caseId, file: requests.get(dissenter.fingerprint) });
    if (mine.outcome === "refused") throw new Error(JSON.stringify(mine));
    expect(mine.outcome).toBe("imported");
    expect(mine.request.separateOpinions).toEqual([{ seat: dissenter.fingerprint, displayName: expect.any(String), kind: "dissent", text: ["I dissent on **claim 1**."], mine: true }]);
    expect(mine.request.stances).toEqual(["dissent"]);
    expect(mine.request.withholdable.length).toBeGreaterThan(0);
    expect(await value<CosignImport>(dissenter, "cosign:import-request", { caseId, file: requests.get(dissenter.fingerprint) })).toMatchObject({ outcome: "already-held" });
    const loaded = await value<{ request: CosignRequestView }>(dissenter, "cosign:load", { caseId });
    expect(loaded.request.sha256).toBe(mine.request.sha256);
  });

  it("signs only the stance that fits; the chair accepts both members' statements", async () => {
    expect(await value<CosignSigned>(dissenter, "cosign:sign", { caseId, stance: "concur" })).toEqual({ outcome: "invalid", refusal: { kind: "stance-not-allowed" } });
    const signed = await value<CosignSigned>(dissenter, "cosign:sign", { caseId, stance: "dissent" });
    if (signed.outcome !== "signed") throw new Error(JSON.stringify(signed));
    expect(signed.request.signed).toMatchObject({ stance: "dissent", late: false });
    // Signed once: another stance is refused; the same one saves the same statement again.
    expect(await value<CosignSigned>(dissenter, "cosign:sign", { caseId, stance: "concur-separate" })).toEqual({ outcome: "invalid", refusal: { kind: "already-signed" } });
    const again = await value<CosignSigned>(dissenter, "cosign:sign", { caseId, stance: "dissent" });
    expect(again.outcome).toBe("signed");

    const theirs = await value<CosignImport>(concurring, "cosign:import-request", { caseId, file: requests.get(concurring.fingerprint) });
    expect(theirs.outcome === "imported" && theirs.request.stances).toEqual(["concur"]);
    expect(await value<CosignSigned>(concurring, "cosign:sign", { caseId, stance: "dissent" })).toEqual({ outcome: "invalid", refusal: { kind: "stance-not-allowed" } });
    const concurs = await value<CosignSigned>(concurring, "cosign:sign", { caseId, stance: "concur" });
    if (concurs.outcome !== "signed" || again.outcome !== "signed") throw new Error("not signed");
    const imported = await value<CoSignaturesImport>(chair, "opinion:import-cosignatures", { caseId, files: [{ name: "d.age", file: signed.file.blob }, { name: "d2.age", file: again.file.blob }, { name: "c.age", file: concurs.file.blob }] });
    expect(imported.outcome === "imported" && imported.results.map((r) => [r.outcome, r.outcome === "refused" ? r.refusal.kind : r.stance])).toEqual([
      ["accepted", "dissent"],
      ["already-held", "dissent"],
      ["accepted", "concur"],
    ]);
  });

  it("refuses a request whose opinion does not carry the member's latest separate opinion as signed", async () => {
    // The member answers again with another dissent: the opinion sent carries the earlier one.
    clockNow = new Date(LATER.getTime() + 3_600_000);
    expect((await value<CommentAnswered>(dissenter, "comment:answer", { caseId, round: 1, comments: "", opinion: { kind: "dissent", text: "A sharper dissent." } })).outcome).toBe("answered");
    const before = must(await ReceivedCosignRecord.findKeyed(dissenter.vault, [caseId]));
    expect(await value<CosignImport>(dissenter, "cosign:import-request", { caseId, file: requests.get(dissenter.fingerprint) })).toEqual({ outcome: "refused", refusal: { kind: "my-opinion", problem: "other-version" } });
    expect(must(await ReceivedCosignRecord.findKeyed(dissenter.vault, [caseId]))).toEqual(before);
    // A member whose latest answer carries a separate opinion the opinion sent does not carry at all.
    expect((await value<CommentAnswered>(concurring, "comment:answer", { caseId, round: 1, comments: "", opinion: { kind: "separate", text: "A separate view." } })).outcome).toBe("answered");
    expect(await value<CosignImport>(concurring, "cosign:import-request", { caseId, file: requests.get(concurring.fingerprint) })).toEqual({ outcome: "refused", refusal: { kind: "my-opinion", problem: "missing" } });
  });
});
