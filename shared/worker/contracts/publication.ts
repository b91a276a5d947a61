/**
 * The contract of verifying a publication (issue 16, "Verifying"): the Verify
 * page hands the worker the files of a publication folder (or one file: its
 * .zip, or opinion.json alone) and gets back everything shared/publication/verify.ts checked. It
 * needs no vault and no identity. Answered by shared/worker/publication-handlers.ts.
 */
import { z } from "../../validation/zod";
import { MAX_FILES } from "../../publication/publication";
import type { PublicationReport } from "../../publication/verify";
import { WithholdingReasonSchema } from "../../opinion/withholding";
import { ExportFileSchema, FileInput, Id, type HandlersOf } from "./common";

const obj = z.strictObject;

/** A publication larger than this is refused before anything is read (its PDFs are the largest part). */
export const MAX_PUBLICATION_BYTES = 512 * 1024 * 1024;

export const PublicationCheckSchema = z.discriminatedUnion("outcome", [
  /** Nothing to verify: no opinion.json, not JSON, not a publication, or too large. */
  obj({ outcome: z.literal("unusable"), reason: z.enum(["no-opinion-json", "not-json", "not-a-publication", "too-large", "bad-path", "bad-zip"]) }),
  // The report is made by verify.ts in this worker, from the files alone; the page only shows it.
  obj({ outcome: z.literal("checked"), report: z.custom<PublicationReport>((v) => typeof v === "object" && v !== null && typeof (v as { valid?: unknown }).valid === "boolean") }),
]);
export type PublicationCheck = z.infer<typeof PublicationCheckSchema>;

/** A part of the sealed opinion the chair marked withholdable, shown to the secretariat to decide on. */
export const WithholdablePartSchema = obj({
  pointer: z.string(),
  reason: WithholdingReasonSchema,
  /** What it is, by where it sits in the opinion. */
  kind: z.enum(["evidence", "reasoning", "roster", "estimate", "other"]),
  /** The position within its list (evidence item, paragraph, seat, claim's estimates), counted from 1. */
  position: z.number().int().min(1).optional(),
  /** Its content in short (a title, a paragraph, a name, a value), for the secretariat's eyes only. */
  preview: z.string(),
  /** Inside another withholdable part: withheld with it. */
  inside: z.string().optional(),
});
export type WithholdablePartView = z.infer<typeof WithholdablePartSchema>;

export const PublishSchema = z.discriminatedUnion("outcome", [
  obj({ outcome: z.literal("published"), file: ExportFileSchema, sha256: z.string(), released: z.number().int(), withheld: z.number().int(), report: PublicationCheckSchema.options[1].shape.report }),
  /** The release asked to withhold a part the chair did not mark, or a signer that is not one of the vault's identities. */
  obj({ outcome: z.literal("refused"), reason: z.enum(["no-sealed-opinion", "not-withholdable", "unknown-signer", "would-not-verify"]) }),
]);
export type Publish = z.infer<typeof PublishSchema>;

export const publicationMethods = {
  "publication:verify": {
    request: obj({
      // Paths as the folder has them (relative, "/" separated); checked in the handler so a bad one is a sentence, not a crash.
      files: z.array(obj({ path: z.string().max(1000), file: FileInput })).min(1).max(MAX_FILES + 100),
      scope: z.enum(["folder", "opinion-json"]),
    }),
    response: PublicationCheckSchema,
  },
  /** The parts of the latest sealed opinion of a case that may be withheld, each with what it is. */
  "publication:withholdable": { request: obj({ caseId: Id }), response: obj({ parts: z.array(WithholdablePartSchema).nullable() }) },
  /** Publishes the latest sealed opinion withholding exactly `withhold`, the statement signed by `signer`: the folder as one .zip. */
  "publication:publish": { request: obj({ caseId: Id, withhold: z.array(z.string().max(1000)).max(20_000), signer: z.string().max(100) }), response: PublishSchema },
} as const;

export type PublicationHandlers = HandlersOf<typeof publicationMethods>;
