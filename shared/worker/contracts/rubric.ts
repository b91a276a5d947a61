/**
 * The contract of the secretariat's rubrics (shared/rubric/rubric-store.ts):
 * list, read a revision, create or edit, duplicate, retire and restore.
 * Answered by rubric-handlers.ts. Ids and rubrics arrive as the person
 * typed them and are checked by the store, which answers with a rubric
 * refusal (the schema's issues, or why the id cannot be taken).
 */
import { z } from "../../validation/zod";
import { RubricIdSchema, RubricSchema } from "../../rubric/rubric";
import { MAX_RUBRIC_REVISIONS } from "../../rubric/records/rubric.record";
import { RubricDraftSchema } from "../../rubric/records/rubric-draft.record";
import { Empty, type HandlersOf } from "./common";

const Revision = z.number().int().min(1).max(MAX_RUBRIC_REVISIONS);
/** A new rubric's id, as typed (the store says what is wrong with it). */
const NewId = z.string().max(200);

export const RubricEntrySchema = z.strictObject({
  id: RubricIdSchema,
  builtIn: z.boolean(),
  createdAt: z.string().nullable(),
  from: z.strictObject({ id: RubricIdSchema, revision: Revision }).nullable(),
  retiredAt: z.string().nullable(),
  revisions: z.array(z.strictObject({ revision: Revision, savedAt: z.string().nullable(), frozenAt: z.string().nullable(), packets: z.number().int().nonnegative() })).min(1),
  latest: RubricSchema,
});
export type RubricEntryView = z.infer<typeof RubricEntrySchema>;

export const rubricMethods = {
  "rubric:list": { request: Empty, response: z.array(RubricEntrySchema) },
  /** The latest revision, or `revision`. */
  "rubric:get": { request: z.strictObject({ id: RubricIdSchema, revision: Revision.optional() }), response: z.strictObject({ entry: RubricEntrySchema, rubric: RubricSchema }) },
  /**
   * Create (`baseRevision` null: the id must be new) or edit (`baseRevision`: the revision the edit began from;
   * the latest is changed in place until a sent packet used it, else the edit becomes the next revision).
   */
  "rubric:save": {
    request: z.strictObject({ rubric: z.unknown(), baseRevision: Revision.nullable() }),
    response: z.strictObject({ entry: RubricEntrySchema, revision: Revision, outcome: z.enum(["created", "unchanged", "edited", "new-revision"]) }),
  },
  "rubric:duplicate": { request: z.strictObject({ from: RubricIdSchema, revision: Revision.optional(), id: NewId, title: z.unknown() }), response: RubricEntrySchema },
  "rubric:retire": { request: z.strictObject({ id: RubricIdSchema }), response: RubricEntrySchema },
  "rubric:restore": { request: z.strictObject({ id: RubricIdSchema }), response: RubricEntrySchema },
  /** The editor's draft of a rubric's unsaved edits (shared/rubric/rubric-draft.ts), or null; saving the rubric deletes it. */
  "rubric:draft-get": { request: z.strictObject({ id: RubricIdSchema }), response: RubricDraftSchema.nullable() },
  "rubric:draft-keep": { request: z.strictObject({ draft: z.unknown() }), response: z.strictObject({ savedAt: z.string() }) },
  "rubric:draft-discard": { request: z.strictObject({ id: RubricIdSchema }), response: Empty },
} as const;

export type RubricHandlers = HandlersOf<typeof rubricMethods>;
