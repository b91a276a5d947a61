/**
 * The case work's vault records (each defined once in records/, re-exported
 * here), the paths of a case packet's files, the panel roster a packet
 * carries, and how a roster names its seats.
 */
import { z } from "../validation/zod";
import { ok, type Result } from "../result";
import { TimestampSchema } from "../identity/identity-details";
import type { RecordIdUpgrade } from "../vault/index-upgrade";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { CaseIdSchema, SeatIdSchema } from "./model";
import { RECEIVED_ID_UPGRADE, ReceivedCaseRecord, type ReceivedCase } from "./records/received-case.record";
import { SENDER_ID_UPGRADE } from "./records/pinned-sender.record";

// Each record kind is defined once, in records/ (table, schema, version, migrations, keyed id); re-exported here for the stores and tests that import them from this module.
export { CASES_TABLE } from "./records/case.record";
export { CASE_DRAFTS_TABLE } from "./records/case-draft.record";
export { packetLacksDigests, RECEIVED_TABLE, ReceivedCaseSchema, type ReceivedCase, type RosterPerson } from "./records/received-case.record";
export { PinnedSenderSchema, SENDERS_TABLE, type PinnedSender } from "./records/pinned-sender.record";
export { OUTBOX_TABLE } from "./records/outbox.record";

export const CASE_PATH = "case.json";
export const PANEL_PATH = "panel.json";
export const RUBRIC_PATH = "rubric.json";
export const rosterPath = (index: number): string => `roster/${index}.card.json`;
export const attachmentPath = (sha256Hex: string): string => `attachments/${sha256Hex}`;

/**
 * For the vault's upgrade from the first index format (vault/index-upgrade.ts):
 * these tables' records move from their unkeyed ids (a SHA-256 of the
 * fingerprint, the case id itself) to keyed ones.
 */
export const RECORD_ID_UPGRADES: readonly RecordIdUpgrade[] = [SENDER_ID_UPGRADE, RECEIVED_ID_UPGRADE];

export const PanelRosterSchema = z.strictObject({
  format: z.literal("attribution-panel/panel-roster"),
  version: z.literal(1),
  caseId: CaseIdSchema,
  rubricId: z.string().min(1).max(100),
  deadline: TimestampSchema,
  seats: z
    .array(z.strictObject({ role: z.enum(["chair", "member"]), fingerprint: SeatIdSchema, card: z.string().regex(/^roster\/\d{1,3}\.card\.json$/) }))
    .min(1)
    .max(51),
});
export type PanelRoster = z.infer<typeof PanelRosterSchema>;

/** The case received with this case id, found under its keyed id ("missing" when none was received). */
export async function loadReceivedCase(v: Pick<UnlockedVault, "keyedId" | "get">, caseId: string): Promise<Result<ReceivedCase, VaultError>> {
  return ReceivedCaseRecord.getKeyed(v, [caseId]);
}

/** Every case received, in the vault's order (the first failure to read one is the answer). */
export async function loadReceivedCases(v: Pick<UnlockedVault, "list" | "get">): Promise<Result<ReceivedCase[], VaultError>> {
  const ids = await ReceivedCaseRecord.list(v);
  if (!ids.ok) return ids;
  const out: ReceivedCase[] = [];
  for (const id of ids.value) {
    const r = await ReceivedCaseRecord.get(v, id);
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}

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
