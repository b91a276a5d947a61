/**
 * Claims without a statement. A new case starts with one empty claim (the
 * editor shows a placeholder in the field, never as its text); older vaults
 * stored template text instead, which counts as blank too. A case with a
 * blank claim can be saved while it is drafted, never sent.
 */
import type { Claim } from "./model";

/** Template text earlier versions stored as a claim's statement. */
export const TEMPLATE_STATEMENTS: ReadonlySet<string> = new Set(["(state the first hypothesis)", "New claim"]);

/** Whether a statement says nothing yet: empty, spaces, or template text. */
export const isBlankStatement = (statement: string): boolean => statement.trim() === "" || TEMPLATE_STATEMENTS.has(statement.trim());

export type BlankClaim = { readonly claimId: string; /** 1-based, as the editor numbers claims. */ readonly position: number };

/** The claims (catch-all excepted) that have no statement yet, in order. */
export function blankClaims(claims: readonly Pick<Claim, "id" | "statement" | "catchAll">[]): BlankClaim[] {
  return claims.flatMap((c, i) => (!c.catchAll && isBlankStatement(c.statement) ? [{ claimId: c.id, position: i + 1 }] : []));
}

/** A case that cannot be sent yet: this claim (the first blank one) has no statement. */
export type BlankClaimError = { readonly kind: "blank-claim" } & BlankClaim;
