import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { pointerOf } from "../formats/json-pointer";
import { identityToStored } from "../identity/identity";
import { IdentityRecord } from "../identity/records/identity.record";
import { panelOfFive, sign } from "../merge/merge.testing";
import { WITHHELD_BY_DEFAULT } from "../opinion/withholding";
import { OpinionDraftRecord } from "../opinion/records/opinion-draft.record";
import { SentDraftsRecord } from "../opinion/records/sent-draft.record";
import { openDraftForComment } from "../opinion/draft-exchange";
import { ok } from "../result";
import { setClaimAnswer } from "../scoring/edit";
import type { ClaimId } from "../scoring/scoresheet";
import { answersFor } from "../scoring/scoring.testing";
import { scoringContextOf, type Submission } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { DraftState, OpinionSaved, OpinionView, SentForComment } from "./contracts/opinion";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createMergeHandlers } from "./merge-handlers";
import { createOpinionHandlers, isEstimateRegion, splitMarks } from "./opinion-handlers";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
let panel: Awaited<ReturnType<typeof panelOfFive>>;
let vault: UnlockedVault;
/** Round 1 of members 1–3; their best estimates of the first claim are 60 (the fixture's), 75 and 56. */
let sheets: Submission[];
let first: ClaimId;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await panelOfFive(NOW);
  vault = panel.chairVault.vault;
  const chair = panel.chair.identity;
  must(await vault.write({ put: [IdentityRecord.change(chair.id, identityToStored(chair))] }, { event: "identity-created", detail: { identity: chair.id } }));
  const [m1, m2, m3] = panel.members;
  const base = answersFor(scoringContextOf(m1!.received));
  first = base.claims[0]!.claim as ClaimId;
  sheets = [await sign(m1!, NOW), await sign(m2!, NOW, [], setClaimAnswer(base, first, "best", 75)), await sign(m3!, NOW, [], setClaimAnswer(base, first, "best", 56))];
}, 180_000);

const access = { withVault: <T>(fn: (v: UnlockedVault) => Promise<T>) => fn(vault), clock: () => LATER };
const handlers = () => ({ ...createMergeHandlers(access), ...createOpinionHandlers(access) }) as unknown as WorkerHandlers;
const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
/** A call through the worker's dispatch: the request and the answer are checked against the contract. */
const call = (method: string, request: unknown) => dispatchWorkerCall(handlers(), method, request, context());

async function load(): Promise<Extract<OpinionView, { outcome: "draft" }>> {
  const answer = await call("opinion:load", { caseId: panel.caseId });
  if (!answer.ok || (answer.value as OpinionView).outcome !== "draft") throw new Error(`expected a draft, got ${JSON.stringify(answer)}`);
  return answer.value as Extract<OpinionView, { outcome: "draft" }>;
}
const save = (draft: DraftState) => call("opinion:save", { caseId: panel.caseId, draft });
const stored = async () => OpinionDraftRecord.findKeyed(vault, [panel.caseId]);

describe("opinion:load and opinion:save", () => {
  it("refuses before any scoresheet is held, and for a case the chair does not hold", async () => {
    expect(await call("opinion:load", { caseId: panel.caseId })).toEqual(ok({ outcome: "refused", error: { kind: "nothing-submitted" } }));
    expect(await call("opinion:load", { caseId: "case-9999999999999999" })).toEqual(ok({ outcome: "refused", error: { kind: "case-not-received" } }));
  });

  it("answers the defaults once scoresheets are held: the median, the panel's findings, TLP:RED and AMBER+STRICT evidence marked", async () => {
    const files = sheets.map((s, i) => ({ name: `m${i + 1}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) }));
    expect(await call("merge:import", { caseId: panel.caseId, files })).toMatchObject({ ok: true, value: { outcome: "imported" } });
    const view = await load();
    expect(view.round).toBe(1);
    expect(view.updatedAt).toBeNull();
    expect(view.problem).toBeNull();
    expect(view.stale).toEqual([]);
    expect(view.draft).toMatchObject({ choices: { aggregate: "median", claims: [], regions: true }, reasoning: "", regionsWithheld: null });
    const opinion = view.opinion!;
    expect(opinion.findings[0]).toMatchObject({ claim: first, aggregate: { method: "median", n: 3, value: 60, p25: 58, p75: 67.5 } });
    // Every item whose marking is withheld by default, and only those, is marked, by its place in the opinion.
    const expected = opinion.evidence.flatMap((e, i) => (WITHHELD_BY_DEFAULT.includes(e.marking) ? [pointerOf(["evidence", i])] : []));
    expect(expected.length).toBeGreaterThan(0);
    expect(view.draft.marks.map((m) => m.pointer)).toEqual(expected);
    expect(view.draft.marks.every((m) => m.reason === "third-party-confidentiality")).toBe(true);
    // The released estimates carry their regions; nothing is stored by loading.
    expect(opinion.estimates[0]?.values.map((v) => v.value).sort()).toEqual([56, 60, 75]);
    expect(opinion.estimates[0]?.values.every((v) => v.region !== undefined)).toBe(true);
    expect(must(await stored())).toBeUndefined();
  });

  it("saves the choices, the reasoning and the marks, and loads them back with the opinion recomputed from them", async () => {
    const before = await load();
    const draft: DraftState = {
      choices: { aggregate: "median", claims: [{ claim: first, aggregate: "linear-pool", legalBasis: null }], regions: true },
      reasoning: "The panel **finds** the first claim likely.\n\nA second paragraph.",
      marks: [...before.draft.marks.slice(1), { pointer: "/evidence/0", reason: "sources-and-methods" }, { pointer: "/roster/1/affiliation", reason: "personal-data" }],
      regionsWithheld: "personal-data",
    };
    const answer = await save(draft);
    expect(answer.ok).toBe(true);
    const saved = (answer as { value: OpinionSaved }).value;
    if (saved.outcome !== "saved") throw new Error(JSON.stringify(saved));
    expect(saved.updatedAt).toBe(LATER.toISOString());
    expect(saved.opinion.findings[0]).toMatchObject({ aggregate: { method: "linear-pool", n: 3 } });
    expect(saved.opinion.findings[0]?.legalBasis).toBeUndefined();
    expect(saved.opinion.findings[1]?.aggregate.method).toBe("median");
    expect(saved.opinion.reasoning).toEqual(["The panel **finds** the first claim likely.", "A second paragraph."]);

    // Stored: the marks, the region of every released estimate among them (3 seats × every claim).
    const record = must(await stored())!;
    const regions = record.marks.filter((m) => isEstimateRegion(m.pointer));
    expect(regions).toHaveLength(3 * saved.opinion.estimates.length);
    expect(regions.every((m) => m.reason === "personal-data")).toBe(true);
    expect(splitMarks(record.marks)).toEqual({ marks: draft.marks, regionsWithheld: "personal-data" });

    const again = await load();
    expect(again.draft).toEqual(draft);
    expect(again.updatedAt).toBe(LATER.toISOString());
    expect(again.stale).toEqual([]);
    expect(again.opinion?.findings[0]?.aggregate.method).toBe("linear-pool");
  });

  it("follows a scoresheet imported later: the opinion is recomputed from it, and the regions' mark covers its estimate once saved", async () => {
    const m4 = panel.members[3]!;
    const late = await sign(m4, NOW, [], setClaimAnswer(answersFor(scoringContextOf(m4.received)), first, "best", 80));
    expect(await call("merge:import", { caseId: panel.caseId, files: [{ name: "m4.age", file: new Blob([late.bytes as Uint8Array<ArrayBuffer>]) }] })).toMatchObject({ ok: true, value: { outcome: "imported" } });
    const view = await load();
    expect(view.stale).toEqual([]);
    expect(view.opinion?.findings[0]?.aggregate).toMatchObject({ method: "linear-pool", n: 4 });
    expect(view.opinion?.estimates[0]?.values.map((v) => v.value).sort()).toEqual([56, 60, 75, 80]);
    expect(view.draft.regionsWithheld).toBe("personal-data");
    const saved = await save(view.draft);
    expect(saved).toMatchObject({ ok: true, value: { outcome: "saved" } });
    const record = must(await stored())!;
    expect(record.marks.filter((m) => isEstimateRegion(m.pointer))).toHaveLength(4 * view.opinion!.estimates.length);
  });

  it("refuses, as a value and with nothing written, a mark naming nothing, a field never withheld, a term the rubric lacks", async () => {
    const before = must(await stored());
    const { draft } = await load();
    const refusedMarks = await save({ ...draft, marks: [...draft.marks, { pointer: "/evidence/999", reason: "personal-data" }, { pointer: "/caseId", reason: "personal-data" }] });
    expect(refusedMarks).toEqual(
      ok({
        outcome: "invalid",
        refusal: {
          kind: "marks",
          problems: [
            { kind: "nothing-there", pointer: "/evidence/999" },
            { kind: "not-withholdable", pointer: "/caseId" },
          ],
        },
      }),
    );
    const refusedTerm = await save({ ...draft, choices: { ...draft.choices, claims: [{ claim: first, stateResponsibility: "state-invented" }] } });
    expect(refusedTerm).toEqual(ok({ outcome: "invalid", refusal: { kind: "draft", error: { kind: "unknown-term", claim: first, scale: "stateResponsibility", term: "state-invented" } } }));
    expect(must(await stored())).toEqual(before);
  });

  it("refuses malformed input at the boundary: a control character in the reasoning, an unknown reason, a claim chosen twice", async () => {
    const { draft } = await load();
    const bad = [
      { ...draft, reasoning: "bell\u0007" },
      { ...draft, marks: [{ pointer: "/evidence/0", reason: "embarrassment" }] },
      { ...draft, choices: { ...draft.choices, claims: [{ claim: first }, { claim: first }] } },
      { ...draft, choices: { ...draft.choices, aggregate: "mean" } },
    ];
    for (const d of bad) expect(await call("opinion:save", { caseId: panel.caseId, draft: d })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });
});

describe("opinion:send-for-comment", () => {
  const send = (deadline: string, note?: string) => call("opinion:send-for-comment", { caseId: panel.caseId, deadline, ...(note ? { note } : {}) });

  it("refuses a deadline already past, with nothing written", async () => {
    expect(await send(NOW.toISOString())).toEqual(ok({ outcome: "invalid", refusal: { kind: "deadline-passed" } }));
    expect(must(await SentDraftsRecord.findKeyed(vault, [panel.caseId]))).toBeUndefined();
  });

  it("conceals the draft once and seals it for every member: each opens it with their own key, the same bytes the record keeps", async () => {
    const deadline = "2026-12-01T12:00:00.000Z";
    const answer = await send(deadline, "Please comment by Tuesday.");
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    const sent = answer.value as SentForComment;
    if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
    expect(sent.round).toBe(1);
    expect(sent.files.map((f) => f.seat)).toEqual(panel.members.map((m) => m.fingerprint));
    const record = must(await SentDraftsRecord.findKeyed(vault, [panel.caseId]));
    expect(record?.sent).toHaveLength(1);
    const entry = record?.sent[0];
    expect(entry).toMatchObject({ round: 1, sha256: sent.sha256, deadline, note: "Please comment by Tuesday.", seats: panel.members.map((m) => m.fingerprint) });
    const roster = panel.chair.received.roster;
    for (const [i, member] of panel.members.entries()) {
      const bytes = new Uint8Array(await (sent.files[i]?.file.blob as Blob).arrayBuffer());
      const opened = must(await openDraftForComment(bytes, { kind: "age", identity: member.identity.encryption.secretKey }, { roster, caseId: panel.caseId, seat: member.fingerprint }));
      expect(opened.draftSha256).toBe(sent.sha256);
      expect(new TextDecoder().decode(opened.draftBytes)).toBe(entry?.payload);
      expect(opened.request.decoys).toEqual(entry?.decoys);
      // Another member's key does not open it.
      const other = panel.members[(i + 1) % panel.members.length] as (typeof panel.members)[number];
      expect((await openDraftForComment(bytes, { kind: "age", identity: other.identity.encryption.secretKey }, { roster, caseId: panel.caseId, seat: other.fingerprint })).ok).toBe(false);
    }
    // Sent again: the next comment round, concealed afresh; the first is kept.
    const again = await send(deadline);
    expect(again.ok && (again.value as SentForComment).outcome === "sent" && (again.value as Extract<SentForComment, { outcome: "sent" }>).round).toBe(2);
    expect(must(await SentDraftsRecord.findKeyed(vault, [panel.caseId]))?.sent.map((s) => s.round)).toEqual([1, 2]);
  });
});
