import { describe, expect, it } from "vitest";
import type { ReceivedCase } from "../case/case-records";
import { SeatIdSchema } from "../case/model";
import { testScoresheet } from "../scoring/scoring.testing";
import type { HeldSheet } from "./check-incoming";
import { chairDashboard, declareQuorum, seatStatus } from "./dashboard";

const DEADLINE = "2026-12-01T12:00:00.000Z";
const fp = (c: string) => SeatIdSchema.parse(`SHA256:${c.repeat(43)}`);
const person = (c: string, role: "chair" | "member", region: string) => ({ role, displayName: `Person ${c}`, region, nationality: "CH", affiliation: "", fingerprint: fp(c), cardFile: "" });
// Only what the dashboard reads of a received case.
const received = {
  case: { id: "case-0000000000000001", title: "A case" },
  deadline: DEADLINE,
  packet: {},
  roster: [person("A", "chair", "african-states"), person("B", "member", "asia-pacific-states"), person("C", "member", "eastern-european-states"), person("D", "member", "latin-american-and-caribbean-states")],
} as unknown as ReceivedCase;
const held = (c: string, signedAt: string, receivedAt: string, revision = 1, round = 1): HeldSheet => ({
  sheet: testScoresheet(fp(c), new Date(signedAt), { revision, round, ...(revision > 1 ? { previous: { sha256: "b".repeat(64), changes: [{ answer: "x", reason: "y" }] } } : {}) }),
  sha256: `${c.toLowerCase()}${revision}`.padEnd(64, "0"),
  receivedAt,
});

describe("the chair's dashboard", () => {
  it("says submitted, late (signed after the deadline, or received after it) and missing, from each seat's latest revision", () => {
    expect(seatStatus([], DEADLINE)).toEqual({ status: "missing" });
    expect(seatStatus([held("B", "2026-12-01T11:00:00.000Z", "2026-12-01T11:30:00.000Z")], DEADLINE)).toMatchObject({ status: "submitted", revision: 1 });
    expect(seatStatus([held("B", "2026-12-01T12:00:01.000Z", "2026-12-01T13:00:00.000Z")], DEADLINE)).toMatchObject({ status: "late", late: "signed" });
    expect(seatStatus([held("B", "2026-12-01T11:00:00.000Z", "2026-12-02T09:00:00.000Z")], DEADLINE)).toMatchObject({ status: "late", late: "received" });
    // The latest revision decides: an on-time revision 1 then a revision 2 handed over late.
    expect(seatStatus([held("B", "2026-11-30T11:00:00.000Z", "2026-11-30T12:00:00.000Z"), held("B", "2026-12-01T11:00:00.000Z", "2026-12-01T12:30:00.000Z", 2)], DEADLINE)).toMatchObject({ status: "late", late: "received", revision: 2 });
  });

  it("flags a seat whose latest revision was made on another version of the case than the chair's packet", () => {
    const mine = "e".repeat(64);
    const sheet = held("B", "2026-12-01T11:00:00.000Z", "2026-12-01T11:30:00.000Z");
    expect(seatStatus([sheet], DEADLINE, mine)).toMatchObject({ status: "submitted", earlierVersion: false });
    const older = { ...sheet, sheet: { ...sheet.sheet, packetContent: "f".repeat(64) } };
    expect(seatStatus([older], DEADLINE, mine)).toMatchObject({ status: "submitted", earlierVersion: true });
    // A revision signed on the chair's packet clears it.
    expect(seatStatus([older, held("B", "2026-12-01T11:40:00.000Z", "2026-12-01T11:45:00.000Z", 2)], DEADLINE, mine)).toMatchObject({ revision: 2, earlierVersion: false });
    // A version 1 scoresheet names no content; a packet without a kept digest flags nothing.
    const { packetContent: _, ...v1 } = sheet.sheet;
    expect(seatStatus([{ ...sheet, sheet: { ...v1, version: 1 } }], DEADLINE, mine)).toMatchObject({ earlierVersion: false });
    expect(seatStatus([older], DEADLINE)).toMatchObject({ earlierVersion: false });
    const d = chairDashboard({ ...received, packet: { contentSha256: mine } } as ReceivedCase, [older], 1, null, new Date("2026-12-01T12:00:00.000Z"));
    expect(d.seats.map((s) => s.status !== "missing" && s.earlierVersion)).toEqual([false, true, false, false]);
  });

  it("lists every seat in the roster's order, counts late ones as submitted, and keeps other rounds apart", () => {
    const sheets = [held("B", "2026-12-01T11:00:00.000Z", "2026-12-01T11:00:00.000Z"), held("C", "2026-12-01T11:00:00.000Z", "2026-12-02T11:00:00.000Z"), held("D", "2026-12-01T11:00:00.000Z", "2026-12-01T11:00:00.000Z", 1, 2)];
    const d = chairDashboard(received, sheets, 1, null, new Date("2026-12-02T12:00:00.000Z"));
    expect(d.seats.map((s) => [s.displayName, s.role, s.status])).toEqual([
      ["Person A", "chair", "missing"],
      ["Person B", "member", "submitted"],
      ["Person C", "member", "late"],
      ["Person D", "member", "missing"],
    ]);
    expect(d.counts).toEqual({ seats: 4, submitted: 2, late: 1, missing: 2 });
    expect(d.overdue).toBe(true);
    expect(chairDashboard(received, sheets, 1, null, new Date("2026-11-02T12:00:00.000Z")).overdue).toBe(false);
    expect(chairDashboard(received, sheets, 2, null, new Date()).counts).toEqual({ seats: 4, submitted: 1, late: 0, missing: 3 });
  });

  it("a quorum declaration names the time, n of m and the seats counted; one of another round is not shown", () => {
    const d = chairDashboard(received, [held("B", "2026-12-01T11:00:00.000Z", "2026-12-01T11:00:00.000Z")], 1, null, new Date());
    const q = declareQuorum(d, new Date("2026-12-01T15:00:00.000Z"));
    expect(q).toEqual({ round: 1, declaredAt: "2026-12-01T15:00:00.000Z", submitted: 1, seats: 4, fingerprints: [fp("B")] });
    expect(chairDashboard(received, [], 1, q, new Date()).quorum).toEqual(q);
    expect(chairDashboard(received, [], 2, q, new Date()).quorum).toBeNull();
  });
});
