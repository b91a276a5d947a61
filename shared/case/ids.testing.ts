/** Ids for tests, `id-000…n` (the shape of every case object's id), each branded as the kind a test needs. */
import { AttachmentIdSchema, CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, ExpertIdSchema, type AttachmentId, type CaseId, type ClaimId, type EvidenceId, type ExpertId } from "./model";

const raw = (n: number): string => `id-${String(n).padStart(16, "0")}`;
export const testCaseId = (n: number): CaseId => CaseIdSchema.parse(raw(n));
export const testClaimId = (n: number): ClaimId => ClaimIdSchema.parse(raw(n));
export const testEvidenceId = (n: number): EvidenceId => EvidenceIdSchema.parse(raw(n));
export const testExpertId = (n: number): ExpertId => ExpertIdSchema.parse(raw(n));
export const testAttachmentId = (n: number): AttachmentId => AttachmentIdSchema.parse(raw(n));
