/**
 * Where the case work lives in the vault, and the records that only the
 * vault holds: the panel roster a packet carries, the case a panelist
 * received, the secretariats a panelist has pinned, and the secretariat's
 * packet counter.
 */
import { z } from "../validation/zod";
import { sha256 } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { TimestampSchema } from "../identity/identity-details";
import { UnRegionSchema } from "../identity/un-regions";
import { toBase64Url } from "../vault/record-slot";
import { RubricSchema } from "../rubric/rubric";
import { CaseChangesSchema } from "./case-diff";
import { CaseIdSchema, CaseSchema } from "./model";

export const REGISTRY_TABLE = "registry";
export const CASES_TABLE = "cases";
export const PANELS_TABLE = "panels";
/** Unsaved edits of a case (and its panel), by case id. */
export const CASE_DRAFTS_TABLE = "case-drafts";
/** Cases received in packets (the panelist's side), by case id. */
export const RECEIVED_TABLE = "received-cases";
/** Secretariat keys a panelist has pinned, by a digest of the fingerprint. */
export const SENDERS_TABLE = "packet-senders";
/** The secretariat's packet counter and the log of packets sent. */
export const OUTBOX_TABLE = "packet-outbox";
export const OUTBOX_COUNTER_ID = "packet-counter-v1";

export const CASE_PATH = "case.json";
export const PANEL_PATH = "panel.json";
export const RUBRIC_PATH = "rubric.json";
export const rosterPath = (index: number): string => `roster/${index}.card.json`;
export const attachmentPath = (sha256Hex: string): string => `attachments/${sha256Hex}`;

/** The record id of a pinned sender: its fingerprint digested into an id-shaped string. */
export const senderRecordId = (fingerprint: string): string => toBase64Url(sha256(utf8(`attribution-panel/packet-sender/v1\n${fingerprint}`)));

export const PanelRosterSchema = z.strictObject({
  format: z.literal("attribution-panel/panel-roster"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  rubricId: z.string().min(1).max(100),
  deadline: TimestampSchema,
  seats: z
    .array(z.strictObject({ role: z.enum(["chair", "member"]), fingerprint: z.string().max(100), card: z.string().regex(/^roster\/\d{1,3}\.card\.json$/) }))
    .min(1)
    .max(51),
});
export type PanelRoster = z.infer<typeof PanelRosterSchema>;

export const RosterPersonSchema = z.strictObject({
  role: z.enum(["chair", "member"]),
  displayName: z.string(),
  region: UnRegionSchema,
  nationality: z.string(),
  affiliation: z.string(),
  fingerprint: z.string(),
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
  }),
  /** When this packet replaced an earlier one of the same case: that packet's number and what changed since. */
  changesSince: z.strictObject({ sequence: z.number().int().positive(), changes: CaseChangesSchema }).optional(),
});
export type ReceivedCase = z.infer<typeof ReceivedCaseSchema>;

export const PinnedSenderSchema = z.strictObject({
  fingerprint: z.string(),
  signingKey: z.string(),
  pinnedAt: TimestampSchema,
  lastSequence: z.number().int().nonnegative(),
  lastPacketId: z.string().optional(),
});
export type PinnedSender = z.infer<typeof PinnedSenderSchema>;

export const OutboxCounterSchema = z.strictObject({ lastSequence: z.number().int().nonnegative() });
export const SentPacketSchema = z.strictObject({
  packetId: z.string(),
  caseId: CaseIdSchema,
  memberId: CaseIdSchema,
  recipientFingerprint: z.string(),
  sequence: z.number().int().positive(),
  createdAt: TimestampSchema,
});
export type SentPacket = z.infer<typeof SentPacketSchema>;
