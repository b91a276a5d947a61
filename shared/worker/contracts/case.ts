/**
 * The contract of the secretariat's cases: create, edit (with an encrypted
 * draft of unsaved changes), attach files to evidence, import STIX bundles,
 * delete; the sample case; each case's panel. Answered by case-handlers.ts.
 */
import { z } from "../../validation/zod";
import { CaseDraftSchema } from "../../case/records/case-draft.record";
import { CaseSchema, PanelSchema, TlpSchema } from "../../case/model";
import { Empty, FileInput, Id, type HandlersOf } from "./common";

export const CaseSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  marking: TlpSchema,
  deadline: z.string(),
  updated: z.string(),
  claims: z.number(),
  evidence: z.number(),
  attachments: z.number(),
  panel: z.boolean(),
  /** When the case's unsaved draft was last kept, if it has one. */
  draftSavedAt: z.string().optional(),
});
export type CaseSummary = z.infer<typeof CaseSummarySchema>;

export const StixResultSchema = z.strictObject({ case: CaseSchema, claims: z.number(), evidence: z.number(), skipped: z.record(z.string(), z.number()), /** Claims' state codes no country has, left out. */ unknownStates: z.array(z.string()) });

export const caseMethods = {
  "case:list": { request: Empty, response: z.array(CaseSummarySchema) },
  "case:create": { request: z.strictObject({ title: z.string().max(200) }), response: CaseSchema },
  "case:get": { request: z.strictObject({ id: Id }), response: CaseSchema },
  // The case is checked by the service, which answers with a case refusal (invalid-case, with the first issues).
  "case:save": { request: z.strictObject({ case: z.unknown() }), response: CaseSchema },
  "case:delete": { request: z.strictObject({ id: Id }), response: Empty },
  "case:load-sample": { request: Empty, response: CaseSchema },
  "case:attach": { request: z.strictObject({ caseId: Id, evidenceId: Id, file: FileInput }), response: CaseSchema },
  "case:import-stix": { request: z.strictObject({ caseId: Id, file: FileInput }), response: StixResultSchema },
  "panel:get": { request: z.strictObject({ caseId: Id }), response: PanelSchema.nullable() },
  "panel:save": { request: z.strictObject({ panel: z.unknown() }), response: PanelSchema },
  "case:draft-get": { request: z.strictObject({ caseId: Id }), response: CaseDraftSchema.nullable() },
  // The draft is checked by the service; an empty one (nothing unsaved) deletes the stored draft.
  "case:draft-keep": { request: z.strictObject({ draft: z.unknown() }), response: z.strictObject({ savedAt: z.string().nullable() }) },
  "case:draft-discard": { request: z.strictObject({ caseId: Id }), response: Empty },
} as const;

export type CaseHandlers = HandlersOf<typeof caseMethods>;
