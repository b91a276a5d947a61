/**
 * A case received in a packet (the panelist's side), with the roster, rubric
 * and packet it came in. Found by a keyed id of the case id
 * (ReceivedCaseRecord.keyedId): anyone with the disk could read a case id that is
 * the same on every panelist's laptop and learn which case was received; a
 * keyed id (an HMAC under a subkey of this vault's key) tells them nothing.
 */
import { z } from "../../validation/zod";
import { TimestampSchema } from "../../identity/identity-details";
import { UnRegionSchema } from "../../identity/un-regions";
import type { RecordIdUpgrade } from "../../vault/index-upgrade";
import { defineRecord } from "../../vault/record-kind";
import { RubricSchema } from "../../rubric/rubric";
import { CaseChangesSchema } from "../case-diff";
import { CaseSchema, SeatIdSchema } from "../model";

/** Cases received in packets, by a keyed id of the case id. */
export const RECEIVED_TABLE = "received-cases";

export const RosterPersonSchema = z.strictObject({
  role: z.enum(["chair", "member"]),
  displayName: z.string(),
  region: UnRegionSchema,
  nationality: z.string(),
  affiliation: z.string(),
  fingerprint: SeatIdSchema,
  cardFile: z.string().max(16 * 1024),
});
export type RosterPerson = z.infer<typeof RosterPersonSchema>;

export const ReceivedCaseSchema = z.strictObject({
  format: z.literal("attribution-panel/received-case"),
  version: z.literal(1),
  /** Attachment ids rewritten to this vault's; an "imported" custody event appended per attachment. */
  case: CaseSchema,
  roster: z.array(RosterPersonSchema),
  rubric: RubricSchema,
  deadline: TimestampSchema,
  packet: z.strictObject({
    packetId: z.string(),
    sequence: z.number().int().positive(),
    createdAt: z.string(),
    senderFingerprint: z.string(),
    senderKey: z.string(),
    importedAt: TimestampSchema,
    files: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    /** The SHA-256 of the manifest's signed bytes: what a scoresheet names as the packet it answers (absent in packets imported before scoring). */
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** The digest of the packet's content (packet.ts packetContentSha256), the same in every seat's packet of one export: what a scoresheet names as the case it scored (absent in packets imported before it was kept). */
    contentSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** Every age recipient the packet was encrypted to (the panelist's and the secretariat's), as its signed manifest lists them. */
    recipients: z.array(z.string().max(200)).max(16).optional(),
  }),
  /** When this packet replaced an earlier one of the same case: that packet's number and what changed since. */
  changesSince: z.strictObject({ sequence: z.number().int().positive(), changes: CaseChangesSchema }).optional(),
});
export type ReceivedCase = z.infer<typeof ReceivedCaseSchema>;

/** A packet imported by a version that did not keep everything a scoresheet names (or encrypts to): importing the same packet again completes it. */
export const packetLacksDigests = (packet: ReceivedCase["packet"]): boolean => packet.manifestSha256 === undefined || packet.contentSha256 === undefined || packet.recipients === undefined;

export const ReceivedCaseRecord = defineRecord({ table: RECEIVED_TABLE, version: 1, schema: ReceivedCaseSchema, idPurpose: "received-case" });

// Loose on purpose: an older record may miss a field added since, and must move to its keyed id all the same.
const KeyedOnCase = z.object({ case: z.object({ id: z.string().min(1) }) });

/** For the upgrade from the first index format (vault/index-upgrade.ts): from the case id itself to its keyed id. */
export const RECEIVED_ID_UPGRADE: RecordIdUpgrade = { table: RECEIVED_TABLE, purpose: ReceivedCaseRecord.idPurpose, keyOf: (value) => KeyedOnCase.safeParse(value).data?.case.id };
