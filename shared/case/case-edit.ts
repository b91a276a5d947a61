/**
 * The case editor's edits, as pure functions from one draft of a case to
 * the next. A draft may break the case's own checks while it is typed (an
 * empty title, a claim without a statement); the vault checks the whole case
 * when it is saved. Ids of new claims and items are given by the caller.
 */
import type { Case, Claim, Evidence, SECTORS } from "./model";

export type PartyRole = keyof Case["parties"];
type Sector = (typeof SECTORS)[number];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `c` with a new, empty claim `id`, placed before the catch-all (which always stays last). */
export function withNewClaim(c: Case, id: Claim["id"]): Case {
  const claim: Claim = { id, statement: "", catchAll: false };
  return { ...c, claims: [...c.claims.filter((x) => !x.catchAll), claim, ...c.claims.filter((x) => x.catchAll)] };
}

/** `c` with the statement of claim `claimId` replaced. */
export function withClaimStatement(c: Case, claimId: Claim["id"], statement: string): Case {
  return { ...c, claims: c.claims.map((x) => (x.id === claimId ? { ...x, statement } : x)) };
}

/** `c` with claim `claimId` attributed to `state` (a country code), or to no state when `state` is "". */
export function withClaimState(c: Case, claimId: Claim["id"], state: string): Case {
  return {
    ...c,
    claims: c.claims.map((x) => {
      if (x.id !== claimId) return x;
      const { attributedState: _drop, ...rest } = x;
      return state ? { ...rest, attributedState: state } : rest;
    }),
  };
}

/** `c` without claim `claimId`; the catch-all is never removed. */
export function withoutClaim(c: Case, claimId: Claim["id"]): Case {
  return { ...c, claims: c.claims.filter((x) => x.id !== claimId || x.catchAll) };
}

/** `c` with `sector` among its affected sectors (once), or without it. */
export function withSector(c: Case, sector: Sector, affected: boolean): Case {
  const others = c.sectors.filter((s) => s !== sector);
  return { ...c, sectors: affected ? [...others, sector] : others };
}

/** `c` with the states of one party role replaced (each once, in the order given). */
export function withParties(c: Case, role: PartyRole, states: readonly string[]): Case {
  return { ...c, parties: { ...c.parties, [role]: [...new Set(states)] } };
}

/** A new evidence item as the editor adds it: nothing written, graded as unknown (F6), marked AMBER until someone decides. */
export function blankEvidence(id: Evidence["id"]): Evidence {
  return { id, kind: "other", title: "", description: "", sourceDescription: "", grading: { reliability: "F", credibility: "6" }, marking: "AMBER", attachments: [], custody: [] };
}

/** `c` with a blank evidence item `id` at the end. */
export function withNewEvidence(c: Case, id: Evidence["id"]): Case {
  return { ...c, evidence: [...c.evidence, blankEvidence(id)] };
}

/** `c` with evidence item `id` changed by `change` (its id stays). */
export function withEvidenceEdit(c: Case, id: Evidence["id"], change: (item: Evidence) => Evidence): Case {
  return { ...c, evidence: c.evidence.map((e) => (e.id === id ? { ...change(e), id } : e)) };
}

/**
 * `c` without evidence item `id`, and the item to open in its place: the
 * one that took its place in the list, or the one before it when it was
 * last (undefined when none is left).
 */
export function withoutEvidence(c: Case, id: Evidence["id"]): { readonly case: Case; readonly open: Evidence["id"] | undefined } {
  const at = c.evidence.findIndex((e) => e.id === id);
  const rest = c.evidence.filter((e) => e.id !== id);
  return { case: { ...c, evidence: rest }, open: at < 0 ? undefined : (rest[at] ?? rest[at - 1])?.id };
}

/** Whether an item of the draft is new (not in the saved case), edited, or as saved. */
export function evidenceEditState(item: Evidence, saved: readonly Evidence[]): "new" | "edited" | "unchanged" {
  const before = saved.find((e) => e.id === item.id);
  if (!before) return "new";
  return same(before, item) ? "unchanged" : "edited";
}
