/**
 * The chair's side after drafting, through the worker's dispatcher with real
 * crypto and a real (in-memory) vault: members' answers imported (an answer
 * to an earlier draft, a tampered file and an altered dissent refused, with
 * nothing stored), the final payload built with the dissent in it and one
 * co-sign request per member, each member's co-signature imported (a stance
 * that does not fit, a payload changed after co-signing, a second statement
 * of a seat refused), and the opinion sealed only once every member signed
 * or the deadline passed; the secretariat's openSealedOpinion accepts it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { must, newTestVault, receivePacket } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import { exportIdentityCard } from "../identity/identity-card";
import { identityToStored, type PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { IdentityRecord } from "../identity/records/identity.record";
import { panelPackets, sign, testMembers, type TestSeat } from "../merge/merge.testing";
import { signCoSignature, type Stance } from "../opinion/co-signature";
import { openCosignRequest, sealCosignReturn } from "../opinion/cosign-exchange";
import { DRAFT_ANSWER_FILE, draftAnswerBuild, sealDraftAnswer } from "../opinion/draft-exchange-answer";
import { packArchive } from "../formats/signed-archive-json";
import { OpinionExchangeRecord } from "../opinion/records/opinion-exchange.record";
import { openSealedOpinion } from "../opinion/sealed";
import { signSeparateOpinion, type SignedSeparateOpinion } from "../opinion/separate-opinion";
import { sha256Hex } from "../opinion/co-signature";
import { utf8, fromUtf8 } from "../encoding/bytes";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { SentForComment } from "./contracts/opinion";
import type { AnswersImport, CoSignaturesImport, ExchangeView, Prepared, Sealed } from "./contracts/opinion-exchange";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createMergeHandlers } from "./merge-handlers";
import { createOpinionHandlers } from "./opinion-handlers";
import { createOpinionExchangeHandlers } from "./opinion-exchange-handlers";
import { createSecretariatOpinionHandlers } from "./secretariat-opinion-handlers";
import { createPublicationHandlers } from "./publication-handlers";
import type { Publish, WithholdablePartView } from "./contracts/publication";
import { unzipPublication } from "../publication/zip";
import { verifyPublication } from "../publication/verify";
import type { SealedImport, SealedView } from "./contracts/secretariat-opinion";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
const DRAFT_DEADLINE = "2026-11-25T12:00:00.000Z";
const COSIGN_DEADLINE = "2026-12-01T12:00:00.000Z";
const AFTER_DEADLINE = new Date("2026-12-02T09:00:00.000Z");

type Person = { identity: PersonalIdentity; vault: UnlockedVault; seat: TestSeat };
let caseId: string;
let secretariat: PersonalIdentity;
let chair: Person;
let dissenter: Person;
let concurring: Person;
let roundOne: string;
let roundTwo: string;
let memberCount: number;
let third: PersonalIdentity;
let clockNow = LATER;
let office: Person;

async function person(packet: Uint8Array, identity: PersonalIdentity): Promise<Person> {
  const { vault } = await newTestVault(NOW);
  const received = must(await receivePacket(vault, packet, identity, secretariat, NOW));
  must(await vault.write({ put: [IdentityRecord.change(identity.id, identityToStored(identity))] }, { event: "identity-created", detail: { identity: identity.id } }));
  return { identity, vault, seat: { identity, fingerprint: sshFingerprint(identity.signing.publicKey), received } };
}

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
const call = (p: Person, method: string, request: unknown) => {
  const access = { withVault: <T>(fn: (v: UnlockedVault) => Promise<T>) => fn(p.vault), clock: () => clockNow };
  const handlers = { ...createMergeHandlers(access), ...createOpinionHandlers(access), ...createOpinionExchangeHandlers(access), ...createSecretariatOpinionHandlers(access), ...createPublicationHandlers(access) } as unknown as WorkerHandlers;
  return dispatchWorkerCall(handlers, method, request, context());
};
async function value<T>(p: Person, method: string, request: unknown): Promise<T> {
  const answer = await call(p, method, request);
  if (!answer.ok) throw new Error(`${method} refused: ${JSON.stringify(answer.error)}`);
  return answer.value as T;
}
const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const importAnswers = (files: Record<string, Uint8Array>) => value<AnswersImport>(chair, "opinion:import-answers", { caseId, files: Object.entries(files).map(([name, b]) => ({ name, file: blob(b) })) });
const importCoSignatures = (files: Record<string, Uint8Array>) => value<CoSignaturesImport>(chair, "opinion:import-cosignatures", { caseId, files: Object.entries(files).map(([name, b]) => ({ name, file: blob(b) })) });
const results = <T extends { results: unknown[] }>(r: T | { outcome: "refused" }) => ("results" in r ? r.results : []) as T["results"];
const stored = async () => must(await OpinionExchangeRecord.findKeyed(chair.vault, [caseId]));
const nameOf = (p: Person) => chair.seat.received.roster.find((r) => r.fingerprint === p.seat.fingerprint)?.displayName;
const chairKey = () => chair.identity.encryption.publicKey;

async function send(): Promise<string> {
  const sent = await value<SentForComment>(chair, "opinion:send-for-comment", { caseId, deadline: DRAFT_DEADLINE });
  if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
  return sent.sha256;
}
const dissentOn = (p: Person, draftSha256: string, text: string): SignedSeparateOpinion =>
  signSeparateOpinion({ caseId: caseId as never, seat: "member", kind: "dissent", draftSha256: draftSha256 as never, text: [text] }, p.identity.signing, LATER);
const answer = (p: Person, round: number, draftSha256: string, comments: string[], opinion?: SignedSeparateOpinion) =>
  sealDraftAnswer({ caseId, round, draftSha256, comments, ...(opinion ? { separateOpinion: opinion } : {}) }, p.identity.signing, [chairKey()], LATER);

let dissent: SignedSeparateOpinion;
let requests: Map<string, Uint8Array>;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  const chairIdentity = testIdentity({ displayName: "Chair Mensah", region: "african-states", nationality: "GH" });
  const members = testMembers();
  memberCount = members.length;
  third = members[2] as PersonalIdentity;
  const packets = await panelPackets({ secretariat, chairCard: exportIdentityCard(chairIdentity), members, now: NOW });
  caseId = packets.caseId;
  must(await packets.office.write({ put: [IdentityRecord.change(secretariat.id, identityToStored(secretariat))] }, { event: "identity-created", detail: { identity: secretariat.id } }));
  office = { identity: secretariat, vault: packets.office, seat: undefined as unknown as TestSeat };
  chair = await person(packets.packets[0] as Uint8Array, chairIdentity);
  dissenter = await person(packets.packets[1] as Uint8Array, members[0] as PersonalIdentity);
  concurring = await person(packets.packets[2] as Uint8Array, members[1] as PersonalIdentity);
  const sheets = [await sign(dissenter.seat, NOW), await sign(concurring.seat, NOW)];
  expect(await value(chair, "merge:import", { caseId, files: sheets.map((s, i) => ({ name: `m${i}.age`, file: blob(s.bytes) })) })).toMatchObject({ outcome: "imported" });
  roundOne = await send();
}, 240_000);

describe("opinion:import-answers", () => {
  it("keeps the members' answers to the latest draft; an answer to an earlier draft, a tampered file or an altered dissent changes nothing", async () => {
    const early = await answer(dissenter, 1, roundOne, ["On round one."]);
    roundTwo = await send();
    expect(roundTwo).not.toBe(roundOne);
    expect(results(await importAnswers({ "early.age": early }))).toEqual([{ outcome: "refused", name: "early.age", refusal: { kind: "earlier-draft", answered: 1, round: 2 } }]);

    dissent = dissentOn(dissenter, roundTwo, "The evidence does not support attribution to the state.");
    const good = await answer(dissenter, 2, roundTwo, ["Paragraph 3 overstates the logs."], dissent);
    const tampered = good.slice();
    tampered[tampered.length - 40] = (tampered[tampered.length - 40] as number) ^ 1;
    // The dissent's signed bytes altered after signing (its signature no longer holds): the chair must not carry it.
    const alteredBytes = utf8((fromUtf8(dissent.bytes) as string).replace("does not support", "supports"));
    const altered = await packArchive(DRAFT_ANSWER_FILE, draftAnswerBuild({ caseId, round: 2, draftSha256: roundTwo, comments: [], separateOpinion: { bytes: alteredBytes, signature: dissent.signature } }, dissenter.identity.signing, [chairKey()], LATER).build, "encrypted");
    const refused = results(await importAnswers({ "tampered.age": tampered, "altered.age": altered }));
    expect(refused).toEqual([
      { outcome: "refused", name: "tampered.age", refusal: { kind: "unreadable", reason: "tampered" } },
      { outcome: "refused", name: "altered.age", refusal: { kind: "invalid-separate-opinion" } },
    ]);
    expect(await stored()).toBeUndefined();

    const plain = await answer(concurring, 2, roundTwo, ["Agreed."]);
    const accepted = results(await importAnswers({ "d.age": good, "c.age": plain }));
    expect(accepted).toEqual([
      { outcome: "accepted", name: "d.age", seat: dissenter.seat.fingerprint, displayName: nameOf(dissenter), opinion: "dissent" },
      { outcome: "accepted", name: "c.age", seat: concurring.seat.fingerprint, displayName: nameOf(concurring), opinion: "none" },
    ]);
    expect(results(await importAnswers({ "again.age": good }))[0]).toMatchObject({ outcome: "already-held", seat: dissenter.seat.fingerprint });
    expect((await stored())?.answers).toHaveLength(2);

    const view = await value<ExchangeView>(chair, "opinion:exchange", { caseId });
    if (view.outcome !== "exchange") throw new Error("no exchange");
    expect(view.draft).toMatchObject({ round: 2, sha256: roundTwo });
    expect(view.seats).toHaveLength(memberCount);
    const seat = view.seats.find((s) => s.seat === dissenter.seat.fingerprint);
    expect(seat?.answer).toMatchObject({ round: 2, comments: ["Paragraph 3 overstates the logs."], separateOpinion: { kind: "dissent", text: ["The evidence does not support attribution to the state."] } });
    expect(view.final).toBeNull();
    expect(view.canSeal).toBe(false);
  });
});

describe("opinion:prepare-cosign, opinion:import-cosignatures, opinion:seal", () => {
  const cosign = async (p: Person, stance: Stance, payloadSha256: string, opinion?: SignedSeparateOpinion) => {
    const statement = signCoSignature({ payloadSha256: payloadSha256 as never, caseId: caseId as never, seat: "member", stance, ...(opinion ? { opinion: sha256Hex(opinion.bytes) } : {}) }, p.identity.signing, LATER);
    return sealCosignReturn(statement, p.identity.signing, chairKey(), LATER);
  };
  let payloadSha256: string;

  it("builds the final payload with the dissent as its author signed it, one request per member", async () => {
    expect(await value<Prepared>(chair, "opinion:prepare-cosign", { caseId, deadline: "2026-11-01T00:00:00.000Z" })).toEqual({ outcome: "invalid", refusal: { kind: "deadline-passed" } });
    const prepared = await value<Prepared>(chair, "opinion:prepare-cosign", { caseId, deadline: COSIGN_DEADLINE });
    if (prepared.outcome !== "prepared") throw new Error(JSON.stringify(prepared));
    payloadSha256 = prepared.sha256;
    expect(prepared.files).toHaveLength(memberCount);
    requests = new Map(await Promise.all(prepared.files.map(async (f) => [f.seat, new Uint8Array(await f.file.blob.arrayBuffer())] as const)));
    const roster = chair.seat.received.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    const key = { kind: "age", identity: dissenter.identity.encryption.secretKey, myRecipient: encodeRecipient(dissenter.identity.encryption.publicKey) } as const;
    const opened = await openCosignRequest(requests.get(dissenter.seat.fingerprint) as Uint8Array, key, { roster, caseId, seat: dissenter.seat.fingerprint, mine: dissent });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.payload.sha256).toBe(payloadSha256);
    expect(opened.value.mine).toBeDefined();
    expect(opened.value.payload.separateOpinions).toHaveLength(1);
    const view = await value<ExchangeView>(chair, "opinion:exchange", { caseId });
    expect(view).toMatchObject({ outcome: "exchange", final: { sha256: payloadSha256, round: 2, separateOpinions: 1 }, canSeal: false });
  });

  it("imports co-signatures that fit the payload and refuses the others; the payload is fixed once one is held", async () => {
    const wrongStance = await cosign(concurring, "concur-separate", payloadSha256, dissentOn(concurring, roundTwo, "Mine."));
    const otherPayload = await cosign(concurring, "concur", "f".repeat(64));
    expect(results(await importCoSignatures({ "s.age": wrongStance, "p.age": otherPayload }))).toEqual([
      { outcome: "refused", name: "s.age", refusal: { kind: "stance", reason: "opinion-not-in-payload" } },
      { outcome: "refused", name: "p.age", refusal: { kind: "other-payload" } },
    ]);
    expect((await stored())?.coSignatures).toEqual([]);

    const dissents = await cosign(dissenter, "dissent", payloadSha256, dissent);
    const concurs = await cosign(concurring, "concur", payloadSha256);
    expect(results(await importCoSignatures({ "d.age": dissents, "c.age": concurs }))).toEqual([
      { outcome: "accepted", name: "d.age", seat: dissenter.seat.fingerprint, displayName: nameOf(dissenter), stance: "dissent", late: false },
      { outcome: "accepted", name: "c.age", seat: concurring.seat.fingerprint, displayName: nameOf(concurring), stance: "concur", late: false },
    ]);
    // The same statement in another file (age encrypts afresh each time): already held.
    const again = await cosign(concurring, "concur", payloadSha256);
    expect(results(await importCoSignatures({ "c.age": concurs, "again.age": again })).map((r) => (r as { outcome: string }).outcome)).toEqual(["already-held", "already-held"]);
    // Signed a minute later: another statement of a seat that has co-signed.
    clockNow = new Date(LATER.getTime() + 60_000);
    const later = signCoSignature({ payloadSha256: payloadSha256 as never, caseId: caseId as never, seat: "member", stance: "concur" }, concurring.identity.signing, clockNow);
    const second = await sealCosignReturn(later, concurring.identity.signing, chairKey(), clockNow);
    expect(results(await importCoSignatures({ "c2.age": second }))).toEqual([{ outcome: "refused", name: "c2.age", refusal: { kind: "already-signed" } }]);
    expect(await value<Prepared>(chair, "opinion:prepare-cosign", { caseId, deadline: COSIGN_DEADLINE })).toEqual({ outcome: "invalid", refusal: { kind: "co-signatures-held", count: 2 } });
  });

  let sealedFile: Uint8Array;
  let resealedFile: Uint8Array;
  it("seals only once every member signed or the deadline passed; the secretariat's check accepts the sealed opinion", async () => {
    const missing = memberCount - 2;
    expect(await value<Sealed>(chair, "opinion:seal", { caseId })).toEqual({ outcome: "invalid", refusal: { kind: "waiting", missing, deadline: COSIGN_DEADLINE } });
    clockNow = AFTER_DEADLINE;
    const sealed = await value<Sealed>(chair, "opinion:seal", { caseId });
    if (sealed.outcome !== "sealed") throw new Error(JSON.stringify(sealed));
    expect({ coSigned: sealed.coSigned, notSigned: sealed.notSigned }).toEqual({ coSigned: 2, notSigned: missing });
    const bytes = new Uint8Array(await sealed.file.blob.arrayBuffer());
    sealedFile = bytes;
    expect(sealed.sha256).toBe(sha256Hex(bytes));
    const roster = chair.seat.received.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    const opened = await openSealedOpinion(bytes, { kind: "age", identity: secretariat.encryption.secretKey, myRecipient: encodeRecipient(secretariat.encryption.publicKey) }, roster);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.payload.sha256).toBe(payloadSha256);
    expect(opened.value.coSignatures.map((c) => c.statement.stance).sort()).toEqual(["concur", "dissent"]);
    expect(opened.value.seal.notSigned).toHaveLength(missing);
    expect(opened.value.seal.inputs.round).toBe(1);
    expect(opened.value.seal.inputs.scoresheets).toHaveLength(2);
    expect((await stored())?.sealed).toMatchObject({ sha256: sealed.sha256 });
    // A co-signature after the deadline is kept, marked late, and not sealed.
    const statement = signCoSignature({ payloadSha256: payloadSha256 as never, caseId: caseId as never, seat: "member", stance: "concur" }, third.signing, AFTER_DEADLINE);
    const late = await sealCosignReturn(statement, third.signing, chairKey(), AFTER_DEADLINE);
    expect(results(await importCoSignatures({ "late.age": late }))[0]).toMatchObject({ outcome: "accepted", stance: "concur", late: true });
    const resealed = await value<Sealed>(chair, "opinion:seal", { caseId });
    if (resealed.outcome === "sealed") resealedFile = new Uint8Array(await resealed.file.blob.arrayBuffer());
    expect(resealed).toMatchObject({ outcome: "sealed", coSigned: 2, notSigned: missing });
    const view = await value<ExchangeView>(chair, "opinion:exchange", { caseId });
    expect(view).toMatchObject({ outcome: "exchange", canSeal: true, sealed: { sha256: resealed.outcome === "sealed" ? resealed.sha256 : "" } });
    if (view.outcome !== "exchange") return;
    expect(view.seats.find((s) => s.seat === sshFingerprint(third.signing.publicKey))?.coSignature).toMatchObject({ stance: "concur", late: true });
  });

  it("the secretariat imports the sealed opinion against its own roster: stances, dissent, withholdable parts; a tampered file changes nothing", async () => {
    const importSealed = (bytes: Uint8Array) => value<SealedImport>(office, "secretariat:import-sealed-opinion", { caseId, file: blob(bytes) });
    expect(await value<{ sealed: null }>(office, "secretariat:sealed-opinion", { caseId })).toEqual({ sealed: null });
    const tampered = sealedFile.slice();
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] as number) ^ 1;
    expect(await importSealed(tampered)).toMatchObject({ outcome: "refused", refusal: { kind: "unreadable" } });
    expect(await value<{ sealed: null }>(office, "secretariat:sealed-opinion", { caseId })).toEqual({ sealed: null });
    // Another key than the secretariat's (the chair's vault holds no secretariat identity).
    expect(await value<SealedImport>(chair, "secretariat:import-sealed-opinion", { caseId, file: blob(sealedFile) })).toEqual({ outcome: "refused", refusal: { kind: "no-panel" } });
    const imported = await importSealed(sealedFile);
    if (imported.outcome === "refused") throw new Error(JSON.stringify(imported));
    expect(imported.outcome).toBe("imported");
    const view = imported.sealed;
    expect(view.fileSha256).toBe(sha256Hex(sealedFile));
    expect(view.chair.fingerprint).toBe(chair.seat.fingerprint);
    expect(view.seats.map((s) => s.stance).sort()).toEqual(["concur", "dissent", ...Array.from({ length: memberCount - 2 }, () => "not-signed")].sort());
    expect(view.separateOpinions).toEqual([{ displayName: expect.any(String), kind: "dissent" }]);
    expect(view.withholdable.length).toBeGreaterThan(0);
    expect(view.inputs).toEqual({ round: 1, scoresheets: 2 });
    expect((await importSealed(sealedFile)).outcome).toBe("already-held");
    expect((await value<{ sealed: SealedView }>(office, "secretariat:sealed-opinion", { caseId })).sealed.payloadSha256).toBe(view.payloadSha256);
    // Sealed again later (the same opinion and co-signatures, another file): kept beside the first, the latest shown.
    const second = await importSealed(resealedFile);
    expect(second.outcome === "imported" && { held: second.sealed.held, file: second.sealed.fileSha256 }).toEqual({ held: 2, file: sha256Hex(resealedFile) });
  });

  it("the secretariat publishes it: the withholdable parts shown, a .zip that verifies, withholding only what the chair marked", async () => {
    const { parts } = await value<{ parts: WithholdablePartView[] }>(office, "publication:withholdable", { caseId });
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.every((p) => p.preview !== "")).toBe(true);
    const signer = sshFingerprint(secretariat.signing.publicKey);
    const publish = (withhold: string[], by: string = signer) => value<Publish>(office, "publication:publish", { caseId, withhold, signer: by });
    expect(await publish(["/caseTitle"])).toEqual({ outcome: "refused", reason: "not-withholdable" });
    expect(await publish([], chair.seat.fingerprint)).toEqual({ outcome: "refused", reason: "unknown-signer" });
    expect(await value<Publish>(chair, "publication:publish", { caseId, withhold: [], signer })).toEqual({ outcome: "refused", reason: "no-sealed-opinion" });
    const first = parts[0] as WithholdablePartView;
    const published = await publish([first.pointer]);
    if (published.outcome !== "published") throw new Error(JSON.stringify(published));
    expect(published.withheld).toBe(1);
    expect(published.report.valid).toBe(true);
    const zip = new Uint8Array(await published.file.blob.arrayBuffer());
    expect(sha256Hex(zip)).toBe(published.sha256);
    const files = unzipPublication(zip);
    if (!files.ok) throw new Error(files.error.kind);
    const report = verifyPublication(files.value);
    expect(report.ok && report.value.valid && report.value.redactions.length).toBe(1);
    // The withheld part's content is in no published file.
    if (first.preview.length > 8) for (const [path, bytes] of files.value) expect(new TextDecoder().decode(bytes).includes(first.preview), path).toBe(false);
  });
});
