/**
 * The contract of case packets: the secretariat exports one per panelist and
 * keeps an outbox of what was sent; the panelist imports packets into the
 * inbox and reads the case received. Answered by packet-handlers.ts.
 */
import { z } from "../../validation/zod";
import { ReceivedCaseSchema } from "../../case/records/received-case.record";
import { TlpSchema } from "../../case/model";
import { OutboxEntrySchema } from "../../case/records/outbox.record";
import { PacketProblemSchema } from "../problem";
import { Empty, FileInput, Id, type HandlersOf } from "./common";

export const PacketExportSchema = z.strictObject({ fileName: z.string(), mediaType: z.string(), blob: z.instanceof(Blob), sequence: z.number(), packetId: z.string(), recipient: z.string(), outbox: OutboxEntrySchema });

export const InboxImportSchema = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("imported"),
    caseId: z.string(),
    title: z.string(),
    sequence: z.number(),
    senderFingerprint: z.string(),
    newlyPinned: z.boolean(),
    /** When it replaced an earlier packet of the case: that one's number and how many changes the reader lists. */
    replaced: z.strictObject({ sequence: z.number(), changes: z.number() }).optional(),
  }),
  z.strictObject({ outcome: z.literal("confirm-signer"), fingerprint: z.string(), fingerprintGroups: z.array(z.string()), signingKey: z.string() }),
  z.strictObject({ outcome: z.literal("refused"), problem: PacketProblemSchema }),
]);
export type InboxImport = z.infer<typeof InboxImportSchema>;

export const ReceivedSummarySchema = z.strictObject({ caseId: z.string(), title: z.string(), marking: TlpSchema, deadline: z.string(), importedAt: z.string(), sequence: z.number(), senderFingerprint: z.string(), evidence: z.number() });
export type ReceivedSummary = z.infer<typeof ReceivedSummarySchema>;

export const packetMethods = {
  /** `signer`: the signing-key fingerprint of the person's identity that signs the packet (never "the first identity"). */
  "packet:export": { request: z.strictObject({ caseId: Id, memberId: Id, signer: z.string().max(100) }), response: PacketExportSchema },
  "packet:outbox": { request: z.strictObject({ caseId: Id }), response: z.array(OutboxEntrySchema) },
  "inbox:import": {
    request: z.strictObject({ file: FileInput, confirmSigner: z.string().max(200).optional(), confirmSequence: z.number().int().positive().optional() }),
    response: InboxImportSchema,
  },
  "inbox:list": { request: Empty, response: z.array(ReceivedSummarySchema) },
  "inbox:get": { request: z.strictObject({ caseId: Id }), response: ReceivedCaseSchema },
} as const;

export type PacketHandlers = HandlersOf<typeof packetMethods>;
