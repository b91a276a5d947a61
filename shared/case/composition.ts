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
 * Every violation is a value saying what is wrong, in numbers (the interface words it).
 */
import { UN_REGIONS, type UnRegion } from "../identity/un-regions";
import type { Case, Panel, RegistryEntry } from "./model";

export const DEFAULT_COMPOSITION = { minRegions: 4, maxRegionShare: 0.4 } as const;
/** The rules on balance apply from this many seats on. */
export const BALANCE_FROM_SEATS = 5;

/** What the rules read of a registry entry. */
export type Seatable = Pick<RegistryEntry, "id" | "displayName" | "region" | "nationality" | "affiliationStates">;

/** Why a person is conflicted: their nationality, or a state one of their affiliations is tied to, is a party. */
export type ConflictReason = { readonly kind: "nationality"; readonly state: string } | { readonly kind: "affiliation"; readonly state: string };
export type Conflict = { readonly memberId: string; readonly reasons: readonly ConflictReason[] };

export type Violation =
  | { readonly kind: "unknown-person"; readonly memberId: string }
  | { readonly kind: "duplicate-seat"; readonly memberId: string }
  | { readonly kind: "too-few-regions"; readonly regions: number; readonly required: number; readonly seats: number }
  | { readonly kind: "region-over-share"; readonly region: UnRegion; readonly count: number; readonly max: number; readonly seats: number }
  | { readonly kind: "conflicted-member"; readonly memberId: string; readonly name: string; readonly reasons: readonly ConflictReason[] }
  | { readonly kind: "conflicted-chair"; readonly memberId: string; readonly name: string; readonly reasons: readonly ConflictReason[] }
  | { readonly kind: "waiver-without-reason"; readonly memberId: string };

export type CompositionReport = {
  readonly seats: number;
  readonly byRegion: Readonly<Record<UnRegion, number>>;
  readonly conflicts: readonly Conflict[];
  readonly violations: readonly Violation[];
  readonly ok: boolean;
};

/** Why `entry` is conflicted in a case with these party states (empty: not conflicted). */
export function conflictReasons(entry: Seatable, partyStates: ReadonlySet<string>): ConflictReason[] {
  const reasons: ConflictReason[] = [];
  if (partyStates.has(entry.nationality)) reasons.push({ kind: "nationality", state: entry.nationality });
  for (const state of entry.affiliationStates) if (partyStates.has(state)) reasons.push({ kind: "affiliation", state });
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
