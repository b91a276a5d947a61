/**
 * Why the secretariat's rubrics refused an operation, as values; the
 * interface words each one (renderer/i18n/problems/rubric.ts).
 */
import type { Issue } from "../validation/issues";

export type RubricError =
  /** The rubric does not pass its schema: the issues name the fields (shown next to them). */
  | { readonly kind: "invalid-rubric"; readonly issues: readonly Issue[] }
  /** A new rubric's id is not lowercase letters, digits and hyphens (1–100, not starting or ending with a hyphen). */
  | { readonly kind: "invalid-id"; readonly rubricId: string }
  /** Ids starting with "default" belong to the app's own rubrics. */
  | { readonly kind: "id-reserved"; readonly rubricId: string }
  /** A rubric of this id exists, or existed (ids are never reused, and a retired rubric keeps its id). */
  | { readonly kind: "id-taken"; readonly rubricId: string }
  | { readonly kind: "unknown-rubric"; readonly rubricId: string }
  | { readonly kind: "no-such-revision"; readonly rubricId: string; readonly revision: number }
  /** The default rubric is built in: it can be duplicated, never changed or retired. */
  | { readonly kind: "read-only" }
  /** A retired rubric can be neither edited nor chosen for a panel until it is restored. */
  | { readonly kind: "retired"; readonly rubricId: string }
  /** The rubric was saved elsewhere since this edit began (from `baseRevision`): its latest revision is now `latest`. */
  | { readonly kind: "stale"; readonly rubricId: string; readonly baseRevision: number; readonly latest: number }
  /** The vault holds no more revisions of one rubric than this. */
  | { readonly kind: "too-many-revisions"; readonly rubricId: string; readonly limit: number };
