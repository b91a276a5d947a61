/**
 * A secretariat's own rubric with every revision of it (the default rubric
 * is built in, never stored). Found by a keyed id of the rubric id
 * (RubricRecordKind.keyedId), so the disk does not show the secretariat's rubric names.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { defineRecord } from "../../vault/record-kind";
import { RubricIdSchema, RubricSchema } from "../rubric";

export const RUBRICS_TABLE = "rubrics";
/** More revisions of one rubric than any secretariat makes; a bound so a record stays small enough to read at once. */
export const MAX_RUBRIC_REVISIONS = 1000;

const RevisionNumber = z.number().int().min(1).max(MAX_RUBRIC_REVISIONS);

export const RubricRevisionSchema = z.strictObject({
  rubric: RubricSchema,
  savedAt: TimestampSchema,
  /** When a sent packet first carried this revision; from then on it is frozen. Null while it may be edited in place. */
  frozenAt: TimestampSchema.nullable(),
  /** How many packets carried it. */
  packets: z.number().int().nonnegative(),
});
export type RubricRevision = z.infer<typeof RubricRevisionSchema>;

export const RubricRecordSchema = z
  .strictObject({
    format: z.literal("attribution-panel/rubric-record"),
    version: z.literal(1),
    id: RubricIdSchema,
    createdAt: TimestampSchema,
    /** The rubric and revision this one was duplicated from; null when written from scratch. */
    from: z.strictObject({ id: RubricIdSchema, revision: RevisionNumber }).nullable(),
    /** When it was retired (hidden from the panel's choice); null while it may be chosen. */
    retiredAt: TimestampSchema.nullable(),
    /** Every revision, oldest first: revision n at position n − 1. */
    revisions: z.array(RubricRevisionSchema).min(1).max(MAX_RUBRIC_REVISIONS),
  })
  .superRefine((record, ctx) => {
    record.revisions.forEach((r, i) => {
      if (r.rubric.id !== record.id || r.rubric.revision !== i + 1) ctx.addIssue({ code: "custom", path: ["revisions", i, "rubric"] });
      // Only the latest revision may still be open: a new one is made only once the one before is frozen.
      if (i < record.revisions.length - 1 && r.frozenAt === null) ctx.addIssue({ code: "custom", path: ["revisions", i, "frozenAt"] });
    });
  });
export type RubricRecord = z.infer<typeof RubricRecordSchema>;

export const RubricRecordKind = defineRecord({ table: RUBRICS_TABLE, version: 1, schema: RubricRecordSchema, idPurpose: "rubric" });
