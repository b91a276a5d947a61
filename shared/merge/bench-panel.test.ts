import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../case/case.testing";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import { reviewAnswers } from "../scoring/completeness";
import { scoringContextOf } from "../scoring/submit";
import { BENCH_CLAIMS, BENCH_EVIDENCE, BENCH_MEMBERS, benchAnswers, benchPanel, chairVaultOf, type BenchPanel } from "./bench-panel.testing";
import { importScoresheets } from "./import-scoresheets";
import { loadHeld } from "./merge-store";
import { claimSummaries, type PanelSheet } from "./stats/panel-summary";

const NOW = new Date("2026-12-02T09:00:00.000Z");
let panel: BenchPanel;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  panel = await benchPanel(NOW);
}, 300_000);

describe("the merge benchmark's panel", () => {
  it("is 15 members and a chair from all five regional groups, on a case of 20 claims and 50 evidence items", () => {
    const { roster, case: c } = panel.received;
    expect(roster.map((p) => p.role)).toEqual(["chair", ...Array<string>(BENCH_MEMBERS).fill("member")]);
    const byRegion = new Map<string, number>();
    for (const p of roster) byRegion.set(p.region, (byRegion.get(p.region) ?? 0) + 1);
    expect([...byRegion.values()].sort()).toEqual([3, 3, 3, 3, 4]);
    expect(c.claims).toHaveLength(BENCH_CLAIMS);
    expect(c.claims.filter((x) => x.catchAll)).toHaveLength(1);
    expect(c.evidence).toHaveLength(BENCH_EVIDENCE);
    expect(panel.files).toHaveLength(BENCH_MEMBERS);
  });

  it("answers are complete, coherent and differ between panelists", () => {
    const context = scoringContextOf(panel.received);
    const all = Array.from({ length: BENCH_MEMBERS }, (_, k) => benchAnswers(context, k));
    for (const a of all) {
      expect(reviewAnswers(a, context)).toMatchObject({ gaps: [], warnings: [], claimsDone: BENCH_CLAIMS });
      expect(a.ach.reduce((n, r) => n + Object.keys(r.cells).length, 0)).toBe(BENCH_CLAIMS * BENCH_EVIDENCE);
    }
    expect(new Set(all.map((a) => JSON.stringify(a.claims.map((c) => c.best)))).size).toBe(BENCH_MEMBERS);
    expect(new Set(all.flatMap((a) => a.ach.flatMap((r) => Object.values(r.cells)))).size).toBe(panel.received.rubric.consistency.length);
    // The same panelist gets the same answers every time (the benchmark's runs compare like with like).
    expect(benchAnswers(context, 3)).toEqual(all[3]);
  });

  it("the real import accepts every file, one per member seat, and the statistics count all fifteen", async () => {
    const { vault } = await chairVaultOf(panel);
    const results = must(await importScoresheets(vault, { caseId: panel.caseId, files: panel.files, identities: [panel.chair], now: () => NOW }));
    expect(results.map((r) => r.outcome)).toEqual(Array<string>(BENCH_MEMBERS).fill("accepted"));
    expect(results.map((r) => (r.outcome === "accepted" ? r.fingerprint : null))).toEqual(panel.members.map((m) => sshFingerprint(m.signing.publicKey)));
    const held = must(await loadHeld(vault, panel.caseId));
    expect(held).toHaveLength(BENCH_MEMBERS);
    const sheets: PanelSheet<string>[] = held.map((h) => ({ seat: h.sheet.seat.fingerprint, claims: h.sheet.answers.claims }));
    const summaries = claimSummaries(panel.received.case.claims.map((c) => c.id), sheets, panel.received.rubric);
    expect(summaries.map((s) => s.best?.n)).toEqual(Array<number>(BENCH_CLAIMS).fill(BENCH_MEMBERS));
  });

});
