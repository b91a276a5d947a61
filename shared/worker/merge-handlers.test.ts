import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { identityToStored } from "../identity/identity";
import { IdentityRecord } from "../identity/records/identity.record";
import { panelOfFive, sign } from "../merge/merge.testing";
import { panelStatistics } from "../merge/statistics";
import { ok } from "../result";
import { setClaimAnswer } from "../scoring/edit";
import type { ClaimId } from "../scoring/scoresheet";
import { answersFor } from "../scoring/scoring.testing";
import { scoringContextOf, type Submission } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { StatisticsAnswer } from "./contracts/chair";
import { dispatchWorkerCall, type WorkerHandlers } from "./dispatch";
import { createMergeHandlers } from "./merge-handlers";

const NOW = new Date("2026-11-22T10:00:00.000Z");
const LATER = new Date("2026-11-22T11:00:00.000Z");
let panel: Awaited<ReturnType<typeof panelOfFive>>;
let vault: UnlockedVault;
/** Round 1 of members 1–3, whose best estimates of the first claim are 60 (the fixture's), 75 and 56. */
let sheets: Submission[];

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await panelOfFive(NOW);
  vault = panel.chairVault.vault;
  // The chair's vault holds the chair's identity, as the app's does (the handlers load it from the vault).
  const chair = panel.chair.identity;
  must(await vault.write({ put: [IdentityRecord.change(chair.id, identityToStored(chair))] }, { event: "identity-created", detail: { identity: chair.id } }));
  const [m1, m2, m3] = panel.members;
  const base = answersFor(scoringContextOf(m1!.received));
  const first = base.claims[0]!.claim as ClaimId;
  sheets = [await sign(m1!, NOW), await sign(m2!, NOW, [], setClaimAnswer(base, first, "best", 75)), await sign(m3!, NOW, [], setClaimAnswer(base, first, "best", 56))];
}, 180_000);

const handlers = () => createMergeHandlers({ withVault: (fn) => fn(vault), clock: () => LATER }) as unknown as WorkerHandlers;
const context = () => ({ signal: new AbortController().signal, progress: () => undefined });
/** A call through the worker's dispatch: the request and the answer are checked against the contract. */
const call = (method: string, request: unknown, h: WorkerHandlers = handlers()) => dispatchWorkerCall(h, method, request, context());

describe("merge:statistics", () => {
  it("refuses nothing-submitted before any scoresheet, and case-not-received for a case the chair does not hold", async () => {
    expect(await call("merge:statistics", { caseId: panel.caseId, round: 1 })).toEqual(ok({ outcome: "refused", error: { kind: "nothing-submitted" } }));
    expect(await call("merge:statistics", { caseId: "case-9999999999999999", round: 1 })).toEqual(ok({ outcome: "refused", error: { kind: "case-not-received" } }));
    expect(await call("merge:statistics", { caseId: panel.caseId, round: 0 })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it("the dashboard carries the open round's statistics: nothing-submitted before any scoresheet", async () => {
    expect(await call("merge:dashboard", { caseId: panel.caseId })).toMatchObject({ ok: true, value: { outcome: "dashboard", dashboard: { round: 1 }, statistics: { outcome: "refused", error: { kind: "nothing-submitted" } } } });
  });

  it("answers the statistics of the scoresheets held, through the contract, the same as computed from the signed sheets", async () => {
    const files = sheets.map((s, i) => ({ name: `m${i + 1}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) }));
    const imported = await call("merge:import", { caseId: panel.caseId, files });
    expect(imported).toMatchObject({ ok: true, value: { outcome: "imported" } });
    // The import and the dashboard answer with the same statistics as merge:statistics, computed from what they had in hand.
    const own = await call("merge:statistics", { caseId: panel.caseId, round: 1 });
    expect(own).toMatchObject({ ok: true, value: { outcome: "statistics", statistics: { counted: 3 } } });
    expect((imported as { value: { statistics: unknown } }).value.statistics).toEqual((own as { value: unknown }).value);
    const dashboard = await call("merge:dashboard", { caseId: panel.caseId });
    expect((dashboard as { value: { statistics: unknown } }).value.statistics).toEqual((own as { value: unknown }).value);

    const answer = await call("merge:statistics", { caseId: panel.caseId, round: 1 });
    expect(answer.ok).toBe(true);
    const got = (answer as { value: StatisticsAnswer }).value;
    if (got.outcome !== "statistics") throw new Error(`expected statistics, got ${JSON.stringify(got)}`);
    const { statistics } = got;
    const received = panel.chair.received;
    const expected = panelStatistics({
      caseId: received.case.id,
      round: 1,
      rubric: received.rubric,
      claims: received.case.claims,
      evidence: received.case.evidence,
      seats: received.roster,
      sheets: sheets.map((s) => s.sheet),
    });
    expect(statistics).toEqual(expected);
    // Three of five seats; the first claim's estimates 56 60 75 → median 60, in regions of members 2–4.
    expect(statistics.counted).toBe(3);
    expect(statistics.seats.map((s) => s.revision)).toEqual([undefined, 1, 1, 1, undefined]);
    expect(statistics.claims[0]?.summary.best).toMatchObject({ n: 3, median: 60, min: 56, max: 75 });
    expect(statistics.claims[0]?.strip).toEqual([
      { region: "latin-american-and-caribbean-states", value: 56 },
      { region: "asia-pacific-states", value: 60 },
      { region: "eastern-european-states", value: 75 },
    ]);
    expect(await call("merge:statistics", { caseId: panel.caseId, round: 2 })).toEqual(ok({ outcome: "refused", error: { kind: "nothing-submitted" } }));
  });

  it("a malformed answer is caught by the contract: a seat on a strip point, a number that is not one, a key missing", async () => {
    const good = await call("merge:statistics", { caseId: panel.caseId, round: 1 });
    const statistics = (good as { value: Extract<StatisticsAnswer, { outcome: "statistics" }> }).value.statistics;
    const [first, ...rest] = statistics.claims;
    const answering = (broken: unknown) => ({ ...handlers(), "merge:statistics": async () => ok({ outcome: "statistics", statistics: broken }) }) as unknown as WorkerHandlers;
    const broken = [
      { ...statistics, claims: [{ ...first, strip: first!.strip.map((p) => ({ ...p, seat: panel.members[0]!.fingerprint })) }, ...rest] },
      { ...statistics, claims: [{ ...first, summary: { ...first!.summary, best: { ...first!.summary.best, median: Number.NaN } } }, ...rest] },
      { ...statistics, agreement: { ...statistics.agreement, best: { kind: "alpha", level: "interval", value: 0.5 } } },
      { ...statistics, ach: { rows: statistics.ach.rows } },
    ];
    for (const b of broken) expect(await call("merge:statistics", { caseId: panel.caseId, round: 1 }, answering(b))).toMatchObject({ ok: false, error: { kind: "invalid-response" } });
    expect(await call("merge:statistics", { caseId: panel.caseId, round: 1 }, answering(statistics))).toEqual(good);
  });
});
