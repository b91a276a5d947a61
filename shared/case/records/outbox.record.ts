/**
 * The secretariat's packet outbox: one table holding two kinds of record,
 * the packet counter (one record, at OUTBOX_COUNTER_ID) and one entry per
 * packet exported (by packet id). Each kind has its own definition; the
 * counter's fixed id is never a packet id (those are random, 22 characters).
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { RubricIdSchema } from "../../rubric/rubric";
import { defineRecord } from "../../vault/record-kind";
import { CaseIdSchema, ExpertIdSchema } from "../model";

/** The secretariat's packet counter and the log of packets sent. */
export const OUTBOX_TABLE = "packet-outbox";
export const OUTBOX_COUNTER_ID = "packet-counter-v1";

export const OutboxCounterSchema = z.strictObject({ lastSequence: z.number().int().nonnegative() });
export const OutboxCounterRecord = defineRecord({ table: OUTBOX_TABLE, version: 1, schema: OutboxCounterSchema });

export const SentPacketSchema = z.strictObject({
  packetId: z.string(),
  caseId: CaseIdSchema,
  memberId: ExpertIdSchema,
  recipientFingerprint: z.string(),
  sequence: z.number().int().positive(),
  createdAt: TimestampSchema,
});
export type SentPacket = z.infer<typeof SentPacketSchema>;

/** A packet sent; records written before the outbox kept names and hashes parse too (the new fields are optional). */
export const OutboxEntrySchema = SentPacketSchema.extend({
  recipientName: z.string().max(1000).optional(),
  fileName: z.string().max(1000).optional(),
  /** SHA-256 (hex) of the whole packet file, as produced. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  size: z.number().int().nonnegative().optional(),
  writtenAt: TimestampSchema.optional(),
  /** The rubric and revision the packet carried (recorded since the secretariat's own rubrics). */
  rubricId: RubricIdSchema.optional(),
  rubricRevision: z.number().int().min(1).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;
export const OutboxEntryRecord = defineRecord({ table: OUTBOX_TABLE, version: 1, schema: OutboxEntrySchema });
