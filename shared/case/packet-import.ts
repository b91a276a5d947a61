/**
 * The panelist's (and the chair's) side of a case packet: verify it, then
 * write it into the vault all at once.
 *
 * Before anything is written: the packet must decrypt with this person's
 * key, its manifest's signature must verify, its signer must be pinned (the
 * first packet from a secretariat is refused as "unknown signer" until the
 * person confirms that fingerprint, which pins it) and its sequence number
 * must be above that of the packet of the same case last imported from that
 * signer (the same number is "already imported", a lower one a replay).
 * A packet that replaces an earlier one of the case is stored with what
 * changed since (case-diff.ts). Attachments are
 * then staged as they stream by (pending chunks, which the sweep at unlock
 * removes after a crash) and every file's size and SHA-256 is checked; only
 * when the whole packet checks out are the case, the roster, the pin and
 * the attachments written, in one transaction. A failure at any point
 * leaves the vault as it was.
 */
import { z } from "../validation/zod";
import { concatBytes, fromUtf8 } from "../encoding/bytes";
import { manifestSha256 } from "../formats/signed-archive";
import { importIdentityCard } from "../identity/identity-card";
import { timestampOf } from "../identity/identity-details";
import { err, ok, type Result } from "../result";
import { RubricSchema } from "../rubric/rubric";
import type { AttachmentWriter, StagedAttachment } from "../vault/attachments";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { PinnedSenderRecord } from "./records/pinned-sender.record";
import { packetLacksDigests, ReceivedCaseRecord } from "./records/received-case.record";
import type { VaultError } from "../vault/vault-error";
import { issuesOf, type Issue } from "../validation/issues";
import {
  CASE_PATH,
  chairSeat,
  PANEL_PATH,
  PanelRosterSchema,
  loadReceivedCase,
  RUBRIC_PATH,
  type PinnedSender,
  type ReceivedCase,
  type RosterPerson,
} from "./case-records";
import { countChanges, diffCases } from "./case-diff";
import { blankClaims } from "./claim-text";
import { CaseSchema, type Case } from "./model";
import { MAX_SEQUENCE_JUMP, openPacket, packetContentSha256, packetPart, type Manifest, type PacketError } from "./packet";

/** How an authentic packet's content does not hold together: values, worded by the interface. `path`: a file in the packet. */
export type PacketContentProblem =
  | { readonly reason: "not-utf8" | "not-json" | "unknown-file" | "file-too-large" | "file-missing" | "card-invalid" | "card-not-listed"; readonly path: string }
  | { readonly reason: "invalid"; readonly path: string; readonly issues: Issue[] }
  | { readonly reason: "attachment-before-case" | "case-mismatch" | "rubric-mismatch" | "not-on-panel" }
  | { readonly reason: "attachment-not-listed"; readonly sha256: string }
  | { readonly reason: "attachment-size-mismatch"; readonly name: string }
  /** `title`: the evidence item that lists the attachment. */
  | { readonly reason: "attachment-missing"; readonly name: string; readonly title: string };

export type PacketImportError =
  | PacketError
  | ({ readonly kind: "invalid-content" } & PacketContentProblem)
  /** The case has claims without a statement (1-based positions): a panelist cannot score them. The secretariat's app never sends one; a packet that has them is refused whole. */
  | { readonly kind: "blank-claims"; readonly positions: number[] }
  /** The roster names no chair (`chairs` 0) or several: nobody, or nobody in particular, would receive the scoresheets. */
  | { readonly kind: "chair-count"; readonly chairs: number }
  | { readonly kind: "vault-failed"; readonly error: VaultError };
const vaultFailed = (error: VaultError) => err({ kind: "vault-failed", error } as const);

export type Recipient = {
  /** This person's X25519 secret key (the caller wipes it afterwards). */
  readonly secretKey: Uint8Array;
  readonly ageRecipient: string;
  readonly fingerprint: string;
  readonly displayName: string;
};

export type ImportOptions = {
  /** The fingerprint the person confirmed for a signer not yet pinned. */
  readonly confirmSigner?: string;
  /** The packet number the person confirmed after being told it jumps far beyond the last one seen (sequence-jump). */
  readonly confirmSequence?: number;
  readonly signal?: AbortSignal;
  readonly now: Date;
};

const MAX_CASE_BYTES = 64 * 1024 * 1024;
const MAX_SMALL_JSON_BYTES = 1024 * 1024;

class ImportRefused extends Error {
  constructor(readonly error: PacketImportError) {
    super("packet import refused");
  }
}
const refuse = (error: PacketImportError): never => {
  throw new ImportRefused(error);
};
const invalid = (problem: PacketContentProblem): never => refuse({ kind: "invalid-content", ...problem });

function parseJson<S extends z.ZodType>(path: string, bytes: Uint8Array, schema: S): z.infer<S> {
  const text = fromUtf8(bytes) ?? invalid({ reason: "not-utf8", path });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid({ reason: "not-json", path });
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : invalid({ reason: "invalid", path, issues: issuesOf(parsed.error, 5) });
}

/** The pinned signers, by fingerprint. */
async function loadPins(v: UnlockedVault): Promise<Result<Map<string, PinnedSender>, VaultError>> {
  const ids = await PinnedSenderRecord.list(v);
  if (!ids.ok) return ids;
  const pins = new Map<string, PinnedSender>();
  for (const id of ids.value) {
    const pin = await PinnedSenderRecord.get(v, id);
    if (!pin.ok) return pin;
    pins.set(pin.value.fingerprint, pin.value);
  }
  return ok(pins);
}

export async function importPacket(v: UnlockedVault, packet: ReadableStream<Uint8Array>, me: Recipient, options: ImportOptions): Promise<Result<ReceivedCase, PacketImportError>> {
  const pins = await loadPins(v);
  if (!pins.ok) return vaultFailed(pins.error);
  const existing = await v.attachments.list();
  if (!existing.ok) return vaultFailed(existing.error);
  const stored = new Map(existing.value.map((a) => [a.sha256, a.id]));

  const json = new Map<string, Uint8Array[]>();
  const staged: StagedAttachment[] = [];
  /** Local attachment id of every SHA-256 the packet carried. */
  const localIds = new Map<string, string>();
  let theCase: Case | undefined;
  let writing: { kind: "json"; path: string } | { kind: "attachment"; sha: string; writer: AttachmentWriter | undefined } | undefined;
  let bytes = 0;
  let committed = false;
  /** The case as this vault held it before this packet, if it did. */
  let previous: ReceivedCase | undefined;

  try {
    const opened = await openPacket(
      packet,
      me.secretKey,
      async (manifest, signer) => {
        const prior = await loadReceivedCase(v, manifest.caseId);
        if (!prior.ok && prior.error.kind !== "missing") refuse({ kind: "vault-failed", error: prior.error });
        previous = prior.ok ? prior.value : undefined;
        const last = previous?.packet;
        // A received case belongs to the secretariat that first sent it: no other key may replace it, pinned or not.
        if (last && last.senderFingerprint !== signer.fingerprint) return err({ kind: "case-from-other-sender", owner: last.senderFingerprint, sender: signer.fingerprint });
        const pin = pins.value.get(signer.fingerprint);
        if (!pin && options.confirmSigner !== signer.fingerprint) return err({ kind: "unknown-signer", fingerprint: signer.fingerprint, signingKey: manifest.sender.signingKey, manifest });
        // Freshness is per case: the packet must be newer than the one of this case last imported from this secretariat.
        if (last) {
          // The same packet again completes a record kept by a version that did not keep its digests; otherwise it is already here.
          const completes = manifest.sequence === last.sequence && manifest.packetId === last.packetId && packetLacksDigests(last);
          if (manifest.sequence === last.sequence && !completes) return err({ kind: "already-imported", sequence: manifest.sequence, importedAt: last.importedAt });
          if (manifest.sequence < last.sequence) return err({ kind: "replayed", sequence: manifest.sequence, lastSeen: last.sequence });
        }
        // A number far beyond any seen from this secretariat would make its later, ordinary packets look old.
        // (The first packet from a secretariat has nothing to be compared with: its number may be anything.)
        const lastSeen = Math.max(last?.sequence ?? 0, pin?.lastSequence ?? 0);
        if ((last || pin) && manifest.sequence - lastSeen > MAX_SEQUENCE_JUMP && options.confirmSequence !== manifest.sequence) {
          return err({ kind: "sequence-jump", sequence: manifest.sequence, lastSeen });
        }
        return ok(undefined);
      },
      {
        async begin(path, size) {
          if (options.signal?.aborted) refuse({ kind: "cancelled" });
          const part = packetPart(path) ?? invalid({ reason: "unknown-file", path });
          if (part.kind !== "attachment") {
            if (size > (part.kind === "case" ? MAX_CASE_BYTES : MAX_SMALL_JSON_BYTES)) invalid({ reason: "file-too-large", path });
            json.set(path, []);
            writing = { kind: "json", path };
            return;
          }
          const sha = part.sha256;
          const c = theCase ?? invalid({ reason: "attachment-before-case" });
          const ref = c.evidence.flatMap((e) => e.attachments).find((a) => a.sha256 === sha) ?? invalid({ reason: "attachment-not-listed", sha256: sha });
          if (ref.size !== size) invalid({ reason: "attachment-size-mismatch", name: ref.name });
          const known = stored.get(sha);
          if (known) {
            // Already in this vault (an earlier packet of the same case): the bytes are checked as they pass, not stored twice.
            localIds.set(sha, known);
            writing = { kind: "attachment", sha, writer: undefined };
            return;
          }
          const writer = await v.attachments.stage({ name: ref.name, mediaType: ref.mediaType, size });
          if (!writer.ok) refuse({ kind: "vault-failed", error: writer.error });
          writing = { kind: "attachment", sha, writer: writer.ok ? writer.value : undefined };
        },
        async data(chunk) {
          if (options.signal?.aborted) refuse({ kind: "cancelled" });
          bytes += chunk.length;
          if (writing?.kind === "json") json.get(writing.path)?.push(chunk.slice());
          else await writing?.writer?.write(chunk);
        },
        async end(path) {
          const current = writing;
          writing = undefined;
          if (current?.kind === "json") {
            if (path === CASE_PATH) {
              theCase = parseJson(CASE_PATH, concatBytes(...(json.get(CASE_PATH) ?? [])), CaseSchema);
              json.delete(CASE_PATH);
              // Defence in depth: export refuses a blank claim, and so does import (before any attachment is staged).
              const blank = blankClaims(theCase.claims);
              if (blank.length > 0) refuse({ kind: "blank-claims", positions: blank.map((b) => b.position) });
            }
            return;
          }
          if (!current?.writer) return;
          const finished = await current.writer.finish();
          if (!finished.ok) refuse({ kind: "vault-failed", error: finished.error });
          if (finished.ok) {
            staged.push(finished.value);
            localIds.set(current.sha, finished.value.id);
          }
        },
      },
      { ...(options.signal ? { signal: options.signal } : {}), myRecipient: me.ageRecipient },
    );
    if (!opened.ok) return opened;
    const fresh = receivedCase(opened.value, theCase, json, localIds, me, options.now, bytes);
    // The same packet imported again (to complete an older record) keeps what the earlier import said had changed.
    const again = previous?.packet.sequence === fresh.packet.sequence;
    const changesSince = again ? previous?.changesSince : previous && { sequence: previous.packet.sequence, changes: diffCases(asSent(previous), asSent(fresh)) };
    const received: ReceivedCase = changesSince ? { ...fresh, changesSince } : fresh;
    const pinned = pins.value.get(opened.value.sender.fingerprint);
    const pin: PinnedSender = {
      fingerprint: opened.value.sender.fingerprint,
      signingKey: opened.value.sender.signingKey,
      pinnedAt: pinned?.pinnedAt ?? timestampOf(options.now),
      lastSequence: Math.max(opened.value.sequence, pinned?.lastSequence ?? 0),
      lastPacketId: opened.value.packetId,
    };
    const receivedId = ReceivedCaseRecord.keyedId(v, received.case.id);
    if (!receivedId.ok) return vaultFailed(receivedId.error);
    const senderId = PinnedSenderRecord.keyedId(v, pin.fingerprint);
    if (!senderId.ok) return vaultFailed(senderId.error);
    const written = await v.write(
      {
        put: [
          ReceivedCaseRecord.change(receivedId.value, received),
          PinnedSenderRecord.change(senderId.value, pin),
        ],
        attachments: staged,
      },
      {
        event: "packet-imported",
        detail: {
          case: received.case.id,
          packet: opened.value.packetId,
          sequence: opened.value.sequence,
          sender: pin.fingerprint,
          newlyPinned: !pinned,
          replaces: again ? null : (previous?.packet.sequence ?? null),
          changes: !again && received.changesSince ? countChanges(received.changesSince.changes) : null,
        },
      },
    );
    if (!written.ok) return vaultFailed(written.error);
    committed = true;
    return ok(received);
  } catch (e) {
    if (e instanceof ImportRefused) return err(e.error);
    throw e;
  } finally {
    if (!committed) {
      if (writing?.kind === "attachment") await writing.writer?.abandon().catch(() => undefined);
      for (const s of staged) await s.discard().catch(() => undefined);
    }
  }
}

/**
 * The case as the secretariat sent it, for comparing two packets: without
 * the "imported" custody events this vault appended on import (one per
 * attachment, at the end of each item's custody).
 */
function asSent(r: ReceivedCase): Case {
  return { ...r.case, evidence: r.case.evidence.map((e) => ({ ...e, custody: e.custody.slice(0, e.custody.length - e.attachments.length) })) };
}

/** The verified files as the record this vault keeps; throws ImportRefused on content that does not hold together. */
function receivedCase(manifest: Manifest, c: Case | undefined, json: Map<string, Uint8Array[]>, localIds: Map<string, string>, me: Recipient, now: Date, bytes: number): ReceivedCase {
  const file = (path: string) => concatBytes(...(json.get(path) ?? invalid({ reason: "file-missing", path })));
  if (!c) return invalid({ reason: "file-missing", path: CASE_PATH });
  const roster = parseJson(PANEL_PATH, file(PANEL_PATH), PanelRosterSchema);
  const rubric = parseJson(RUBRIC_PATH, file(RUBRIC_PATH), RubricSchema);
  if (c.id !== manifest.caseId || roster.caseId !== manifest.caseId) invalid({ reason: "case-mismatch" });
  if (roster.rubricId !== rubric.id) invalid({ reason: "rubric-mismatch" });
  if (!chairSeat(roster.seats)) refuse({ kind: "chair-count", chairs: roster.seats.filter((s) => s.role === "chair").length });
  const people: RosterPerson[] = roster.seats.map((seat) => {
    const card = importIdentityCard(file(seat.card));
    if (!card.ok) return invalid({ reason: "card-invalid", path: seat.card });
    if (card.value.fingerprint !== seat.fingerprint) return invalid({ reason: "card-not-listed", path: seat.card });
    const { displayName, region, nationality, affiliation } = card.value.card;
    return { role: seat.role, displayName, region, nationality, affiliation, fingerprint: seat.fingerprint, cardFile: card.value.file };
  });
  if (!people.some((p) => p.fingerprint === me.fingerprint)) invalid({ reason: "not-on-panel" });

  const time = timestampOf(now);
  const note = `Case packet ${manifest.packetId} (number ${manifest.sequence}) from ${manifest.sender.fingerprint}; SHA-256 checked against the signed manifest.`;
  const evidence = c.evidence.map((e) => {
    const attachments = e.attachments.map((a) => ({ ...a, id: localIds.get(a.sha256) ?? invalid({ reason: "attachment-missing", name: a.name, title: e.title }) }));
    const remap = (id: string | undefined) => (id === undefined ? undefined : attachments[e.attachments.findIndex((a) => a.id === id)]?.id);
    const custody = e.custody.map((event) => {
      const { attachmentId, ...rest } = event;
      const mapped = remap(attachmentId);
      return mapped ? { ...rest, attachmentId: mapped } : rest;
    });
    for (const a of attachments) custody.push({ action: "imported", actor: me.displayName, time, sha256: a.sha256, attachmentId: a.id, note });
    return { ...e, attachments, custody };
  });
  return {
    format: "attribution-panel/received-case",
    version: 1,
    case: CaseSchema.parse({ ...c, evidence }),
    roster: people,
    rubric,
    deadline: roster.deadline,
    packet: {
      packetId: manifest.packetId,
      sequence: manifest.sequence,
      createdAt: manifest.createdAt,
      senderFingerprint: manifest.sender.fingerprint,
      senderKey: manifest.sender.signingKey,
      importedAt: time,
      files: manifest.files.length,
      bytes,
      // The manifest was verified in its canonical form, so these are its signed bytes.
      manifestSha256: manifestSha256(manifest),
      contentSha256: packetContentSha256(manifest.files),
      recipients: [...manifest.recipients],
    },
  };
}
