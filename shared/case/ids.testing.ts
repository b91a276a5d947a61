/** Ids for tests, `id-000…n` (the shape of every case object's id), each branded as the kind a test needs. */
import { CaseIdSchema, ClaimIdSchema, EvidenceIdSchema, ExpertIdSchema, type CaseId, type ClaimId, type EvidenceId, type ExpertId } from "./model";

const raw = (n: number): string => `id-${String(n).padStart(16, "0")}`;
export const testCaseId = (n: number): CaseId => CaseIdSchema.parse(raw(n));
export const testClaimId = (n: number): ClaimId => ClaimIdSchema.parse(raw(n));
export const testEvidenceId = (n: number): EvidenceId => EvidenceIdSchema.parse(raw(n));
export const testExpertId = (n: number): ExpertId => ExpertIdSchema.parse(raw(n));
