/**
 * Panel composition rules, as pure functions the panel builder runs on every
 * change. Seats are the chair plus the members. For a panel of five seats or
 * more:
 * - the seats come from at least `minRegions` of the five UN regional groups
 *   (default 4), and
 * - no group holds more than `maxRegionShare` of the seats (default 40%).
 * A person whose nationality is a party state, or whose affiliation is tied
 * to one, is conflicted: blocked as a member unless the secretariat records
 * a waiver with a reason, and never allowed as chair.
 * Every violation comes with a sentence saying what is wrong, in numbers.
 */
import { unRegion, UN_REGIONS, type UnRegion } from "../identity/un-regions";
import type { Case, Panel, RegistryEntry } from "./model";

export const DEFAULT_COMPOSITION = { minRegions: 4, maxRegionShare: 0.4 } as const;
/** The rules on balance apply from this many seats on. */
export const BALANCE_FROM_SEATS = 5;

/** What the rules read of a registry entry. */
export type Seatable = Pick<RegistryEntry, "id" | "displayName" | "region" | "nationality" | "affiliationStates">;

export type Conflict = { readonly memberId: string; readonly reasons: readonly string[] };

export type Violation =
  | { readonly kind: "unknown-person"; readonly memberId: string }
  | { readonly kind: "duplicate-seat"; readonly memberId: string }
  | { readonly kind: "too-few-regions"; readonly regions: number; readonly required: number; readonly seats: number }
  | { readonly kind: "region-over-share"; readonly region: UnRegion; readonly count: number; readonly max: number; readonly seats: number }
  | { readonly kind: "conflicted-member"; readonly memberId: string; readonly name: string; readonly reasons: readonly string[] }
  | { readonly kind: "conflicted-chair"; readonly memberId: string; readonly name: string; readonly reasons: readonly string[] }
  | { readonly kind: "waiver-without-reason"; readonly memberId: string };

export type CompositionReport = {
  readonly seats: number;
  readonly byRegion: Readonly<Record<UnRegion, number>>;
  readonly conflicts: readonly Conflict[];
  readonly violations: readonly Violation[];
  readonly ok: boolean;
};

/** Why `entry` is conflicted in a case with these party states (empty: not conflicted). */
export function conflictReasons(entry: Seatable, partyStates: ReadonlySet<string>): string[] {
  const reasons: string[] = [];
  if (partyStates.has(entry.nationality)) reasons.push(`nationality ${entry.nationality} is a party to the case`);
  for (const state of entry.affiliationStates) if (partyStates.has(state)) reasons.push(`an affiliation is tied to ${state}, a party to the case`);
  return reasons;
}

export function partyStatesOf(c: Pick<Case, "parties">): Set<string> {
  return new Set([...c.parties.accusing, ...c.parties.accused, ...c.parties.affected]);
}

export function checkComposition(
  panel: Pick<Panel, "chairId" | "memberIds" | "waivers">,
  registry: readonly Seatable[],
  c: Pick<Case, "parties" | "composition">,
): CompositionReport {
  const byId = new Map(registry.map((e) => [e.id, e]));
  const violations: Violation[] = [];
  const seatIds = [panel.chairId, ...panel.memberIds];
  const seen = new Set<string>();
  const people: Seatable[] = [];
  for (const id of seatIds) {
    if (seen.has(id)) {
      violations.push({ kind: "duplicate-seat", memberId: id });
      continue;
    }
    seen.add(id);
    const entry = byId.get(id);
    if (!entry) violations.push({ kind: "unknown-person", memberId: id });
    else people.push(entry);
  }

  const byRegion = Object.fromEntries(UN_REGIONS.map((r) => [r.id, 0])) as Record<UnRegion, number>;
  for (const p of people) byRegion[p.region]++;
  const seats = people.length;
  if (seats >= BALANCE_FROM_SEATS) {
    const regions = Object.values(byRegion).filter((n) => n > 0).length;
    if (regions < c.composition.minRegions) violations.push({ kind: "too-few-regions", regions, required: c.composition.minRegions, seats });
    const max = Math.floor(c.composition.maxRegionShare * seats + 1e-9);
    for (const r of UN_REGIONS) {
      if (byRegion[r.id] > max) violations.push({ kind: "region-over-share", region: r.id, count: byRegion[r.id], max, seats });
    }
  }

  const parties = partyStatesOf(c);
  const conflicts: Conflict[] = [];
  const waived = new Map(panel.waivers.map((w) => [w.memberId, w]));
  for (const p of people) {
    const reasons = conflictReasons(p, parties);
    if (reasons.length === 0) continue;
    conflicts.push({ memberId: p.id, reasons });
    if (p.id === panel.chairId) {
      violations.push({ kind: "conflicted-chair", memberId: p.id, name: p.displayName, reasons });
      continue;
    }
    const waiver = waived.get(p.id);
    if (!waiver) violations.push({ kind: "conflicted-member", memberId: p.id, name: p.displayName, reasons });
    else if (waiver.reason.trim() === "") violations.push({ kind: "waiver-without-reason", memberId: p.id });
  }
  return { seats, byRegion, conflicts, violations, ok: violations.length === 0 };
}

const regionName = (id: UnRegion): string => `the ${unRegion(id).name} group (${unRegion(id).abbreviation})`;
const seatsWord = (n: number) => `${n} seat${n === 1 ? "" : "s"}`;

/** One sentence per violation, in numbers. */
export function describeViolation(v: Violation, names: ReadonlyMap<string, string> = new Map()): string {
  const who = (id: string) => names.get(id) ?? id;
  switch (v.kind) {
    case "unknown-person":
      return `${who(v.memberId)} is not in the expert registry; enrol them (with a verified fingerprint) first.`;
    case "duplicate-seat":
      return `${who(v.memberId)} holds more than one seat; each person sits once.`;
    case "too-few-regions":
      return `The ${seatsWord(v.seats)} come from ${v.regions} of the 5 UN regional groups; at least ${v.required} are required.`;
    case "region-over-share":
      return `${v.count} of ${v.seats} seats go to ${regionName(v.region)}; at most ${v.max} ${v.max === 1 ? "is" : "are"} allowed.`;
    case "conflicted-member":
      return `${v.name} has a conflict of interest (${v.reasons.join("; ")}); record a waiver with a reason, or choose someone else.`;
    case "conflicted-chair":
      return `${v.name} cannot chair this panel: ${v.reasons.join("; ")}. A chair can never be conflicted, even with a waiver.`;
    case "waiver-without-reason":
      return `The waiver for ${who(v.memberId)} has no reason; a waiver must say why the conflict is acceptable.`;
  }
}
