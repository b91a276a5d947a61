/**
 * Where ids of case objects are made: minted fresh (128 random bits, as every
 * record id), or read from outside (a route, a form, another record) through
 * their schema. The brands come from model.ts; nothing else gives them, so a
 * string becomes a ClaimId only by being checked as one.
 */
import { newRecordId } from "../vault/record-slot";
import { AttachmentIdSchema, CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, ExpertIdSchema, type AttachmentId, type CaseId, type ClaimId, type EvidenceId, type ExpertId } from "./model";

export const newCaseId = (): CaseId => CaseIdSchema.parse(newRecordId());
export const newClaimId = (): ClaimId => ClaimIdSchema.parse(newRecordId());
export const newEvidenceId = (): EvidenceId => EvidenceIdSchema.parse(newRecordId());
export const newExpertId = (): ExpertId => ExpertIdSchema.parse(newRecordId());

/** The id as a claim's (or an evidence item's), or undefined when it is not one (a route parameter, say). */
export const asClaimId = (id: string): ClaimId | undefined => ClaimIdSchema.safeParse(id).data;
export const asEvidenceId = (id: string): EvidenceId | undefined => EvidenceIdSchema.safeParse(id).data;

/** The id of an attachment this vault just made (attachments.ts mints them in the same shape): an invariant, so a wrong one throws. */
export const attachmentIdOf = (info: { readonly id: string }): AttachmentId => AttachmentIdSchema.parse(info.id);
