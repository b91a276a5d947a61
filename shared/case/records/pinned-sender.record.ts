/**
 * A secretariat key a panelist has pinned (trust on first use of its
 * packets), with the last packet number seen from it. Found by a keyed id of
 * the fingerprint (senderRecordId): an unkeyed digest of a known fingerprint
 * would tell anyone with the disk which secretariat is pinned.
 */
import { z } from "../../validation/zod";
import type { Result } from "../../result";
import { TimestampSchema } from "../../identity/identity-details";
import type { RecordIdUpgrade } from "../../vault/index-upgrade";
import { defineRecord } from "../../vault/record-kind";
import type { UnlockedVault } from "../../vault/unlocked-vault";
import type { VaultError } from "../../vault/vault-error";

/** Secretariat keys a panelist has pinned, by a keyed id of the fingerprint. */
export const SENDERS_TABLE = "packet-senders";
const SENDER_ID_PURPOSE = "packet-sender";

export const PinnedSenderSchema = z.strictObject({
  fingerprint: z.string(),
  signingKey: z.string(),
  pinnedAt: TimestampSchema,
  lastSequence: z.number().int().nonnegative(),
  lastPacketId: z.string().optional(),
});
export type PinnedSender = z.infer<typeof PinnedSenderSchema>;

export const PinnedSenderRecord = defineRecord({ table: SENDERS_TABLE, version: 1, schema: PinnedSenderSchema });

/** The record id of the pinned sender with this fingerprint. */
export const senderRecordId = (v: Pick<UnlockedVault, "keyedId">, fingerprint: string): Result<string, VaultError> => v.keyedId(SENDER_ID_PURPOSE, fingerprint);

// Loose on purpose: an older record may miss a field added since, and must move to its keyed id all the same.
const KeyedOnFingerprint = z.object({ fingerprint: z.string().min(1) });

/** For the upgrade from the first index format (vault/index-upgrade.ts): from a SHA-256 of the fingerprint to its keyed id. */
export const SENDER_ID_UPGRADE: RecordIdUpgrade = { table: SENDERS_TABLE, purpose: SENDER_ID_PURPOSE, keyOf: (value) => KeyedOnFingerprint.safeParse(value).data?.fingerprint };
