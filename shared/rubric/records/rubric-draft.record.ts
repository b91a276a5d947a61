/**
 * Unsaved edits of a secretariat's rubric, one draft per rubric, found by a
 * keyed id of the rubric id (like the rubric itself, so the disk does not
 * show rubric names). A draft holds what the person typed, even what the
 * rubric's own checks would refuse (an empty label, a bound not yet a
 * number, stored as null): its schema checks the shape, and the rubric is
 * checked in full when it is saved.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { RUBRIC_FORMAT, RUBRIC_FORMAT_VERSION, RUBRIC_LANGUAGES, RubricAsksSchema, RubricIdSchema } from "../rubric";
import { MAX_RUBRIC_REVISIONS } from "./rubric.record";

export const RUBRIC_DRAFTS_TABLE = "rubric-drafts";

/** Free text as typed: bounded, nothing else. */
const Typed = z.string().max(2000);
const DraftLabel = z.partialRecord(z.enum(RUBRIC_LANGUAGES), Typed);
/** A number field as typed: a number, or null while it holds none. */
const DraftNumber = z.number().nullable();
const DraftTerm = z.strictObject({ id: Typed, label: DraftLabel.optional(), low: DraftNumber.optional(), high: DraftNumber.optional(), code: Typed.optional() });
const DraftTerms = z.array(DraftTerm).max(100);

export const DraftRubricSchema = z.strictObject({
  format: z.literal(RUBRIC_FORMAT),
  version: z.literal(RUBRIC_FORMAT_VERSION),
  id: RubricIdSchema,
  revision: z.number().int().min(1).max(1_000_000),
  title: DraftLabel.optional(),
  asks: RubricAsksSchema,
  sumTolerance: DraftNumber,
  likelihood: DraftTerms,
  confidence: DraftTerms,
  evidenceBasis: DraftTerms,
  agreement: DraftTerms,
  stateResponsibility: DraftTerms,
  legalBasis: DraftTerms,
  consistency: DraftTerms,
});
export type DraftRubric = z.infer<typeof DraftRubricSchema>;

export const RubricDraftSchema = z.strictObject({
  format: z.literal("attribution-panel/rubric-draft"),
  version: z.literal(1),
  rubricId: RubricIdSchema,
  /** The revision the edits began from: a draft of an older revision than the latest is offered as such. */
  baseRevision: z.number().int().min(1).max(MAX_RUBRIC_REVISIONS),
  /** When the draft was last written. */
  savedAt: TimestampSchema,
  rubric: DraftRubricSchema,
});
export type RubricDraft = z.infer<typeof RubricDraftSchema>;

export const RubricDraftRecord = defineRecord({ table: RUBRIC_DRAFTS_TABLE, version: 1, schema: RubricDraftSchema, idPurpose: "rubric-draft" });
