import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UN_REGIONS, type UnRegion } from "../identity/un-regions";
import { checkComposition, DEFAULT_COMPOSITION } from "./composition";
import { ExpertIdSchema, type ExpertId, type RegistryEntry } from "./model";

let n = 0;
function expert(region: UnRegion, nationality = "CH", affiliationStates: string[] = []): RegistryEntry {
  n++;
  return {
    format: "attribution-panel/registry-entry",
    version: 1,
    id: ExpertIdSchema.parse(`expert-${String(n).padStart(10, "0")}`),
    cardFile: "",
    displayName: `Expert ${n}`,
    fingerprint: "SHA256:x",
    region,
    nationality,
    affiliations: ["Institute"],
    affiliationStates,
    declaredInterests: "",
    verifiedAt: "2026-01-01T00:00:00.000Z",
  };
}

const CASE = { parties: { accusing: ["AA"], accused: ["BB"], affected: ["CC"] }, composition: DEFAULT_COMPOSITION };
const [AF, AP, EE, LA, WE] = UN_REGIONS.map((r) => r.id) as [UnRegion, UnRegion, UnRegion, UnRegion, UnRegion];

describe("regional balance", () => {
  it("accepts 5 seats over 4 groups with none above 2", () => {
    const people = [expert(AF), expert(AP), expert(EE), expert(LA), expert(AF)];
    const report = checkComposition({ chairId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), waivers: [] }, people, CASE);
    expect(report).toMatchObject({ ok: true, seats: 5, violations: [] });
    expect(report.byRegion[AF]).toBe(2);
  });

  it("explains too few groups and a group over its share, in numbers", () => {
    const people = [expert(WE), expert(WE), expert(WE), expert(AF), expert(AP)];
    const report = checkComposition({ chairId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), waivers: [] }, people, CASE);
    expect(report.ok).toBe(false);
    expect(report.violations).toContainEqual({ kind: "too-few-regions", regions: 3, required: 4, seats: 5 });
    expect(report.violations).toContainEqual({ kind: "region-over-share", region: WE, count: 3, max: 2, seats: 5 });
  });

  it("applies the per-case settings, and not below five seats", () => {
    const people = [expert(WE), expert(WE), expert(AF)];
    expect(checkComposition({ chairId: people[0]!.id, memberIds: [people[1]!.id, people[2]!.id], waivers: [] }, people, CASE).ok).toBe(true);
    const seven = [expert(AF), expert(AP), expert(EE), expert(LA), expert(WE), expert(WE), expert(WE)];
    const panel = { chairId: seven[0]!.id, memberIds: seven.slice(1).map((p) => p.id), waivers: [] };
    expect(checkComposition(panel, seven, CASE).violations).toEqual([{ kind: "region-over-share", region: WE, count: 3, max: 2, seats: 7 }]);
    expect(checkComposition(panel, seven, { ...CASE, composition: { minRegions: 5, maxRegionShare: 0.5 } }).ok).toBe(true);
  });

  it("property: a reported-ok panel of 5+ seats really spans enough groups with no group over its share", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(AF, AP, EE, LA, WE), { minLength: 5, maxLength: 15 }), (regions) => {
        const people = regions.map((r) => expert(r));
        const report = checkComposition({ chairId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), waivers: [] }, people, CASE);
        const counts = Object.values(report.byRegion);
        const balanced = counts.filter((c) => c > 0).length >= 4 && Math.max(...counts) <= Math.floor(0.4 * people.length);
        return report.ok === balanced;
      }),
    );
  });
});

describe("conflicts of interest", () => {
  it("blocks a party-state national or an affiliation tied to a party, unless waived with a reason", () => {
    const people = [expert(AF), expert(AP, "BB"), expert(EE, "DE", ["CC"]), expert(LA), expert(WE)];
    const panel = { chairId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), waivers: [] as { memberId: ExpertId; reason: string; recordedAt: string }[] };
    const report = checkComposition(panel, people, CASE);
    expect(report.conflicts.map((c) => c.memberId)).toEqual([people[1]!.id, people[2]!.id]);
    expect(report.violations).toEqual([
      { kind: "conflicted-member", memberId: people[1]!.id, name: people[1]!.displayName, reasons: [{ kind: "nationality", state: "BB" }] },
      { kind: "conflicted-member", memberId: people[2]!.id, name: people[2]!.displayName, reasons: [{ kind: "affiliation", state: "CC" }] },
    ]);
    panel.waivers = [
      { memberId: people[1]!.id, reason: "Sole expert on the malware family; recused from the legal-basis question", recordedAt: "2026-01-01T00:00:00.000Z" },
      { memberId: people[2]!.id, reason: " ", recordedAt: "2026-01-01T00:00:00.000Z" },
    ];
    expect(checkComposition(panel, people, CASE).violations).toEqual([{ kind: "waiver-without-reason", memberId: people[2]!.id }]);
  });

  it("never lets a conflicted person chair, even with a waiver", () => {
    const people = [expert(AF, "AA"), expert(AP), expert(EE), expert(LA), expert(WE)];
    const panel = { chairId: people[0]!.id, memberIds: people.slice(1).map((p) => p.id), waivers: [{ memberId: people[0]!.id, reason: "Needed", recordedAt: "2026-01-01T00:00:00.000Z" }] };
    const report = checkComposition(panel, people, CASE);
    expect(report.violations).toMatchObject([{ kind: "conflicted-chair", reasons: [{ kind: "nationality", state: "AA" }] }]);
  });

  it("reports unknown and duplicate seats", () => {
    const people = [expert(AF), expert(AP)];
    const report = checkComposition({ chairId: people[0]!.id, memberIds: [people[1]!.id, people[1]!.id, ExpertIdSchema.parse("missing-person-0001")], waivers: [] }, people, CASE);
    expect(report.violations).toEqual([{ kind: "duplicate-seat", memberId: people[1]!.id }, { kind: "unknown-person", memberId: ExpertIdSchema.parse("missing-person-0001") }]);
  });
});
