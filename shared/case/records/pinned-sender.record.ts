/**
 * A secretariat key a panelist has pinned (trust on first use of its
 * packets), with the last packet number seen from it. Found by a keyed id of
 * the fingerprint (PinnedSenderRecord.keyedId): an unkeyed digest of a known fingerprint
 * would tell anyone with the disk which secretariat is pinned.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import type { RecordIdUpgrade } from "../../vault/index-upgrade";
import { defineRecord } from "../../vault/record-kind";

/** Secretariat keys a panelist has pinned, by a keyed id of the fingerprint. */
export const SENDERS_TABLE = "packet-senders";

export const PinnedSenderSchema = z.strictObject({
  fingerprint: z.string(),
  signingKey: z.string(),
  pinnedAt: TimestampSchema,
  lastSequence: z.number().int().nonnegative(),
  lastPacketId: z.string().optional(),
});
export type PinnedSender = z.infer<typeof PinnedSenderSchema>;

export const PinnedSenderRecord = defineRecord({ table: SENDERS_TABLE, version: 1, schema: PinnedSenderSchema, idPurpose: "packet-sender" });

// Loose on purpose: an older record may miss a field added since, and must move to its keyed id all the same.
const KeyedOnFingerprint = z.object({ fingerprint: z.string().min(1) });

/** For the upgrade from the first index format (vault/index-upgrade.ts): from a SHA-256 of the fingerprint to its keyed id. */
export const SENDER_ID_UPGRADE: RecordIdUpgrade = { table: SENDERS_TABLE, purpose: PinnedSenderRecord.idPurpose, keyOf: (value) => KeyedOnFingerprint.safeParse(value).data?.fingerprint };
