import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../case/case.testing";
import type { ReceivedCase } from "../case/case-records";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { identityToStored, type PersonalIdentity } from "../identity/identity";
import { IdentityRecord } from "../identity/records/identity.record";
import { sealFeedback } from "../merge/feedback-packet";
import { buildFeedback } from "../merge/round-feedback";
import { ok } from "../result";
import { answersFor, receivedSampleCase, samplePeople } from "../scoring/scoring.testing";
import type { Answers, Scoresheet } from "../scoring/scoresheet";
import { scoringContextOf } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { ScoringView, Submitted } from "./contracts/scoring";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createScoringHandlers } from "./scoring-handlers";

const NOW = new Date("2026-11-22T10:00:00.000Z");
let panelist: PersonalIdentity;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let received: ReceivedCase;
let vault: UnlockedVault;
let answers: Answers;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  ({ panelist, chair, secretariat } = samplePeople());
  const held = await receivedSampleCase({ panelist, chair, secretariat }, NOW);
  received = held.received;
  vault = held.vault;
  // The panelist's vault holds their identity, as the app's does (the handlers load it from the vault).
  must(await vault.write({ put: [IdentityRecord.change(panelist.id, identityToStored(panelist))] }, { event: "identity-created", detail: { identity: panelist.id } }));
  answers = { ...answersFor(scoringContextOf(received)), shareRationale: true };
}, 60_000);

const handlers = () => createScoringHandlers({ withVault: (fn) => fn(vault), clock: () => NOW }) as unknown as WorkerHandlers;
const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
const call = (method: string, request: unknown) => dispatchWorkerCall(handlers(), method, request, context());
const value = async <T>(method: string, request: unknown): Promise<T> => {
  const r = await call(method, request);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.value as T;
};
const feedbackFile = async (round1: Scoresheet, signer: PersonalIdentity) => {
  const feedback = buildFeedback({ received, finals: [round1], recipient: round1.seat.fingerprint, round: 2, createdAt: NOW });
  return new Blob([(await sealFeedback(feedback, signer.signing, panelist.encryption.publicKey, NOW)) as Uint8Array<ArrayBuffer>]);
};

describe("the panelist's second round, through the worker contract", () => {
  it("round 1 is open until a feedback packet of the chair is imported; a refused one changes nothing; then round 2 opens and round 1 closes", async () => {
    const caseId = received.case.id;
    const opened = await value<ScoringView>("scoring:open", { caseId });
    expect(opened).toMatchObject({ round: 1, feedbackRounds: [], draft: null });
    const r1 = await value<Submitted>("scoring:submit", { caseId, round: 1, answers, reasons: [] });
    expect(r1.sent.sheet.answers.shareRationale).toBe(true);

    expect(await call("scoring:import-feedback", { caseId, file: await feedbackFile(r1.sent.sheet, secretariat) })).toEqual(ok({ outcome: "refused", refusal: { kind: "not-from-chair" } }));
    expect(await call("scoring:feedback", { caseId })).toEqual(ok([]));
    expect((await value<ScoringView>("scoring:open", { caseId })).round).toBe(1);

    const file = await feedbackFile(r1.sent.sheet, chair);
    expect(await call("scoring:import-feedback", { caseId, file })).toEqual(ok({ outcome: "imported", round: 2 }));
    expect(await call("scoring:import-feedback", { caseId, file })).toEqual(ok({ outcome: "already-held", round: 2 }));
    const held = await value<{ round: number; signer: string }[]>("scoring:feedback", { caseId });
    expect(held.map((f) => [f.round, f.signer])).toEqual([[2, sshFingerprint(chair.signing.publicKey)]]);

    const again = await value<ScoringView>("scoring:open", { caseId });
    expect(again).toMatchObject({ round: 2, feedbackRounds: [2], draft: null });
    expect(await call("scoring:save-draft", { caseId, round: 1, answers, reasons: [] })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "scoring", error: { kind: "round-not-open", round: 1 } } } });
    expect((await call("scoring:save-draft", { caseId, round: 2, answers, reasons: [] })).ok).toBe(true);

    // Round 2's first scoresheet keeps every answer of round 1 and names it.
    const r2 = await value<Submitted>("scoring:submit", { caseId, round: 2, answers, reasons: [] });
    expect(r2.sent.sheet).toMatchObject({ round: 2, revision: 1, previous: { sha256: r1.sent.sha256, changes: [] } });
    expect(r2.file.fileName).toMatch(/round2-rev1\.age$/);
    expect((await value<ScoringView>("scoring:open", { caseId })).sent.map((s) => [s.sheet.round, s.sheet.revision])).toEqual([
      [1, 1],
      [2, 1],
    ]);
  });

  it("a feedback import for a case not received is the worker's refusal", async () => {
    expect(await call("scoring:import-feedback", { caseId: "case-9999999999999999", file: new Blob([new Uint8Array(8)]) })).toMatchObject({ ok: false, error: { kind: "refused", problem: { kind: "scoring", error: { kind: "case-not-received" } } } });
  });
});
