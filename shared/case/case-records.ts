/**
 * Where the case work lives in the vault, and the records that only the
 * vault holds: the panel roster a packet carries, the case a panelist
 * received, the secretariats a panelist has pinned, and the secretariat's
 * packet counter.
 */
import { z } from "../validation/zod";
import type { Result } from "../result";
import { TimestampSchema } from "../identity/identity-details";
import { UnRegionSchema } from "../identity/un-regions";
import type { RecordIdUpgrade } from "../vault/index-upgrade";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { RubricSchema } from "../rubric/rubric";
import { CaseChangesSchema } from "./case-diff";
import { CaseIdSchema, CaseSchema } from "./model";

export const REGISTRY_TABLE = "registry";
export const CASES_TABLE = "cases";
export const PANELS_TABLE = "panels";
/** Unsaved edits of a case (and its panel), by case id. */
export const CASE_DRAFTS_TABLE = "case-drafts";
/** Cases received in packets (the panelist's side), by a keyed id of the case id (receivedCaseRecordId). */
export const RECEIVED_TABLE = "received-cases";
/** Secretariat keys a panelist has pinned, by a keyed id of the fingerprint (senderRecordId). */
export const SENDERS_TABLE = "packet-senders";
/** The secretariat's packet counter and the log of packets sent. */
export const OUTBOX_TABLE = "packet-outbox";
export const OUTBOX_COUNTER_ID = "packet-counter-v1";

export const CASE_PATH = "case.json";
export const PANEL_PATH = "panel.json";
export const RUBRIC_PATH = "rubric.json";
export const rosterPath = (index: number): string => `roster/${index}.card.json`;
export const attachmentPath = (sha256Hex: string): string => `attachments/${sha256Hex}`;

/*
 * Pinned senders and received cases are found by what they are about (a
 * fingerprint, a case id), so their ids are keyed: an HMAC under a subkey of
 * this vault's key (UnlockedVault.keyedId). Anyone with the disk can compute
 * an unkeyed digest of a known fingerprint, or read a case id that is the same
 * on every panelist's laptop, and learn which secretariat is pinned or which
 * case was received; a keyed id tells them nothing.
 */
const SENDER_ID_PURPOSE = "packet-sender";
const RECEIVED_ID_PURPOSE = "received-case";

/** The record id of the pinned sender with this fingerprint. */
export const senderRecordId = (v: Pick<UnlockedVault, "keyedId">, fingerprint: string): Result<string, VaultError> => v.keyedId(SENDER_ID_PURPOSE, fingerprint);
/** The record id of the received case with this case id. */
export const receivedCaseRecordId = (v: Pick<UnlockedVault, "keyedId">, caseId: string): Result<string, VaultError> => v.keyedId(RECEIVED_ID_PURPOSE, caseId);

// Loose on purpose: an older record may miss a field added since, and must move to its keyed id all the same.
const KeyedOnFingerprint = z.object({ fingerprint: z.string().min(1) });
const KeyedOnCase = z.object({ case: z.object({ id: z.string().min(1) }) });

/**
 * For the vault's upgrade from the first index format (vault/index-upgrade.ts):
 * these tables' records move from their unkeyed ids (a SHA-256 of the
 * fingerprint, the case id itself) to keyed ones.
 */
export const RECORD_ID_UPGRADES: readonly RecordIdUpgrade[] = [
  { table: SENDERS_TABLE, purpose: SENDER_ID_PURPOSE, keyOf: (value) => KeyedOnFingerprint.safeParse(value).data?.fingerprint },
  { table: RECEIVED_TABLE, purpose: RECEIVED_ID_PURPOSE, keyOf: (value) => KeyedOnCase.safeParse(value).data?.case.id },
];

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
    /** The SHA-256 of the manifest's signed bytes: what a scoresheet names as the packet it answers (absent in packets imported before scoring). */
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
    /** Every age recipient the packet was encrypted to (the panelist's and the secretariat's), as its signed manifest lists them. */
    recipients: z.array(z.string().max(200)).max(16).optional(),
  }),
  /** When this packet replaced an earlier one of the same case: that packet's number and what changed since. */
  changesSince: z.strictObject({ sequence: z.number().int().positive(), changes: CaseChangesSchema }).optional(),
});
export type ReceivedCase = z.infer<typeof ReceivedCaseSchema>;

/** The case received with this case id, found under its keyed id ("missing" when none was received). */
export async function loadReceivedCase(v: Pick<UnlockedVault, "keyedId" | "get">, caseId: string): Promise<Result<ReceivedCase, VaultError>> {
  const id = receivedCaseRecordId(v, caseId);
  return id.ok ? v.get(RECEIVED_TABLE, id.value, ReceivedCaseSchema) : id;
}

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

/** A seat of a roster as the packet's panel.json and the received case both list them. */
type Seated = { readonly role: "chair" | "member"; readonly fingerprint: string };

/**
 * The chair's seat: the one seat named as chair, wherever it stands in the
 * list (never "seat 0"); undefined when the roster names no chair or more
 * than one (a roster the secretariat's app never writes).
 */
export function chairSeat<S extends Seated>(roster: readonly S[]): S | undefined {
  const chairs = roster.filter((s) => s.role === "chair");
  return chairs.length === 1 ? chairs[0] : undefined;
}

/** The seat held by the identity with this signing-key fingerprint, if any. */
export function seatOf<S extends Seated>(roster: readonly S[], fingerprint: string): S | undefined {
  return roster.find((s) => s.fingerprint === fingerprint);
}
