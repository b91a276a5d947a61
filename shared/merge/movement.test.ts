import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../rubric/rubric";
import { claimId } from "../scoring/scoring.testing";
import { flagChange, movement } from "./movement";
import { claimSummaries, panelAgreement, type PanelSheet } from "./stats/panel-summary";

const [a, b] = [claimId(1), claimId(2)];
const sheet = (seat: string, x: number, y: number): PanelSheet<string> => ({ seat, claims: [{ claim: a, best: x }, { claim: b, best: y }] });
const input = (before: PanelSheet<string>[], after: PanelSheet<string>[]) => ({ claims: [a, b], before, after, rubric: DEFAULT_RUBRIC, fromRound: 1, toRound: 2 });

describe("movement between rounds", () => {
  it("flag moves: raised, cleared, kept, none, unknown", () => {
    expect([flagChange(false, true), flagChange(true, false), flagChange(true, true), flagChange(false, false), flagChange(undefined, true)].map((f) => f.move)).toEqual(["raised", "cleared", "kept", "none", "unknown"]);
  });

  it("the aggregates of each round are claimSummaries', the change is after − before, the alphas' change is panelAgreement's difference", () => {
    const before = [sheet("p", 10, 90), sheet("q", 50, 50), sheet("r", 90, 10)];
    const after = [sheet("p", 40, 60), sheet("q", 50, 50), sheet("r", 60, 40)];
    const m = movement(input(before, after));
    expect(m.claims[0]!.before).toEqual(claimSummaries([a, b], before, DEFAULT_RUBRIC)[0]);
    expect(m.claims[0]!.after).toEqual(claimSummaries([a, b], after, DEFAULT_RUBRIC)[0]);
    // Medians 50 → 50; IQR (R type 7) 40 → 10.
    expect(m.claims[0]!.change).toMatchObject({ n: 0, median: 0, iqr: -30, linearPool: 0 });
    const [ab, aa] = [panelAgreement([a, b], before, DEFAULT_RUBRIC).best, panelAgreement([a, b], after, DEFAULT_RUBRIC).best];
    expect(ab.kind === "alpha" && aa.kind === "alpha" && m.agreement.best.change).toBeCloseTo(aa.kind === "alpha" && ab.kind === "alpha" ? aa.value - ab.value : NaN, 12);
    // A panel split to the extremes is flagged by the thirds rule; drawn together, the flag clears.
    expect(m.claims[0]!.flags.estimates.thirds.move).toBe("cleared");
  });

  it("a round with no estimates for a claim: no change is claimed, flags unknown", () => {
    const m = movement(input([sheet("p", 30, 70)], [{ seat: "p", claims: [{ claim: a, best: 40 }] }]));
    expect(m.claims[1]!.change.median).toBeUndefined();
    expect(m.claims[1]!.flags.estimates.ipr.move).toBe("unknown");
    expect(m.claims[0]!.change.median).toBe(10);
  });
});
