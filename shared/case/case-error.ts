/**
 * Every reason case work (the registry, cases, panels, drafts, packets sent)
 * is refused, as values; the interface words each one
 * (renderer/i18n/problems/case.ts).
 */
import type { CardError } from "../identity/identity-card";
import type { Issue } from "../validation/issues";
import type { UnknownCountryField } from "./case-countries";
import type { Violation } from "./composition";
import type { StixError } from "./stix";

export type CaseError =
  | { readonly kind: "malformed-record"; readonly record: "case" | "panel" | "registry-entry"; readonly issues: readonly Issue[] }
  | { readonly kind: "registry-card-invalid"; readonly name: string }
  | { readonly kind: "no-panel" }
  /** `names`: the display name of each person the violations name, by id. */
  | { readonly kind: "panel-invalid"; readonly violations: readonly Violation[]; readonly names: Readonly<Record<string, string>> }
  | { readonly kind: "not-on-panel" }
  | { readonly kind: "unknown-rubric"; readonly rubricId: string }
  | { readonly kind: "attachment-missing"; readonly name: string; readonly title: string }
  | { readonly kind: "attachment-mismatch"; readonly name: string; readonly title: string }
  | { readonly kind: "invalid-card"; readonly error: CardError }
  | { readonly kind: "fingerprint-mismatch" }
  | { readonly kind: "already-enrolled"; readonly name: string }
  | { readonly kind: "unknown-nationality"; readonly nationality: string; readonly name: string }
  | { readonly kind: "unknown-state-code"; readonly codes: readonly string[] }
  | { readonly kind: "invalid-entry"; readonly issues: readonly Issue[] }
  | { readonly kind: "on-a-panel" }
  | { readonly kind: "invalid-case"; readonly issues: readonly Issue[] }
  | { readonly kind: "custody-rewritten"; readonly title: string }
  | { readonly kind: "attachment-unknown"; readonly title: string; readonly name: string }
  | { readonly kind: "no-such-evidence" }
  /** The first errors of the bundle (at most 20) and how many there were. */
  | { readonly kind: "invalid-stix"; readonly errors: readonly StixError[]; readonly total: number }
  | { readonly kind: "invalid-panel"; readonly issues: readonly Issue[] }
  | { readonly kind: "unknown-country-codes"; readonly fields: readonly UnknownCountryField[] }
  | { readonly kind: "no-identity" }
  /** None of the person's identities has the signing-key fingerprint the request named (shared/identity/acting-identity.ts). */
  | { readonly kind: "identity-not-found"; readonly fingerprint: string }
  | { readonly kind: "draft-invalid"; readonly issues: readonly Issue[] }
  | { readonly kind: "draft-for-another-case" }
  /** `position`: 1-based, as the editor numbers claims. */
  | { readonly kind: "blank-claim"; readonly position: number }
  | { readonly kind: "outbox-entry-missing" }
  /** `detail`: the technical cause, shown inside the sentence. */
  | { readonly kind: "export-failed"; readonly detail: string };
