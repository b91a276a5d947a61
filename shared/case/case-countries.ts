/**
 * The states a case names (its parties, the state each claim attributes the
 * campaign to) must be country codes: a code no country has ("SW" for
 * Switzerland) would escape the conflict-of-interest check against the
 * experts' nationalities. Stored cases are read whatever they hold (earlier
 * versions checked only the shape); a case is saved only once every code is
 * known. Values only: the interface words them.
 */
import { unknownCountryCodes } from "../identity/countries";
import type { Case } from "./model";

export type PartyRole = "accusing" | "accused" | "affected";

/** One field of the case holding codes that are not country codes. */
export type UnknownCountryField =
  | { readonly field: "parties"; readonly role: PartyRole; readonly codes: readonly string[] }
  | { readonly field: "attributed-state"; readonly claimId: string; /** 1-based, as the editor numbers claims. */ readonly position: number; readonly codes: readonly string[] };

/** A case that cannot be saved: these fields name codes no country has. */
export type UnknownCountriesError = { readonly kind: "unknown-country-codes"; readonly fields: readonly UnknownCountryField[] };

const ROLES: readonly PartyRole[] = ["accusing", "accused", "affected"];

/** Every field of `c` with an unknown country code, parties first, then claims in order; empty when all are known. */
export function unknownCaseCountries(c: Pick<Case, "parties" | "claims">): UnknownCountryField[] {
  const parties = ROLES.flatMap((role): UnknownCountryField[] => {
    const codes = unknownCountryCodes(c.parties[role]);
    return codes.length > 0 ? [{ field: "parties", role, codes }] : [];
  });
  const claims = c.claims.flatMap((claim, i): UnknownCountryField[] => {
    const codes = claim.attributedState === undefined ? [] : unknownCountryCodes([claim.attributedState]);
    return codes.length > 0 ? [{ field: "attributed-state", claimId: claim.id, position: i + 1, codes }] : [];
  });
  return [...parties, ...claims];
}
