/**
 * How the audit chain can break (audit-log.ts checks it), on its own so the
 * worker contract can name the reasons without loading the log's code.
 * "truncated": the log ends before the head the record index names (an older
 * head put back, the entries after it deleted).
 */
export const AUDIT_BREAKS = ["missing", "tampered", "malformed", "out-of-sequence", "hash-mismatch", "unexpected-entry", "head-missing", "head-tampered", "truncated"] as const;
export type AuditBreak = (typeof AUDIT_BREAKS)[number];
