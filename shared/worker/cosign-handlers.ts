/**
 * A member's co-signing (issue 15, "Co-signing", member side).
 *
 * - `cosign:import-request`: the chair's request is opened with the member
 *   seat's key against the roster of the case the member holds
 *   (openCosignRequest): signed by the chair seat, for this case and this
 *   seat, the payload signed by the chair and verified with EVERY
 *   disclosure (nothing hidden but listed decoys), and the member's own
 *   separate or dissenting opinion, the one their latest answer carried,
 *   in it byte for byte (or, if that answer carried none, none of theirs
 *   in it). Kept with the rest of the member's requests for the case.
 * - `cosign:sign`: the co-signature statement (co-signature.ts) for the
 *   latest request, with a stance that fits the payload (a dissent names
 *   the member's dissent in it by its digest, a concurrence with a
 *   separate opinion names theirs, a plain concurrence needs none of
 *   theirs in it), sealed to the chair's key from the roster. Once signed,
 *   the statement stands: asking again saves the same statement again.
 */
import { encodeRecipient } from "../formats/age/age";
import { unreadableArchive } from "../formats/signed-archive";
import { fromUtf8, utf8 } from "../encoding/bytes";
import type { ArmoredSshSignature } from "../formats/sshsig";
import { importIdentityCard } from "../identity/identity-card";
import { timestampOf } from "../identity/identity-details";
import { CoSignatureSchema, rosterSeats, sha256Hex, signCoSignature, type Stance } from "../opinion/co-signature";
import { cosignReturnFileName, openCosignRequest, sealCosignReturn, type CosignRequestError } from "../opinion/cosign-exchange";
import { OpinionSchema } from "../opinion/opinion";
import { ReceivedCosignRecord, type ReceivedCosign, type ReceivedCosignRequest } from "../opinion/records/received-cosign.record";
import { ReceivedDraftsRecord } from "../opinion/records/received-draft.record";
import { checkStoredPayload } from "../opinion/sealed-archive";
import { SEPARATE_OPINIONS_KEY } from "../opinion/payload";
import type { SignedSeparateOpinion } from "../opinion/separate-opinion";
import type { ReceivedCase } from "../case/case-records";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { withIdentities } from "./case-kit";
import { loadReceived, memberSeat } from "./comment-handlers";
import type { CosignHandlers, CosignImport, CosignImportRefusal, CosignRequestView, CosignSigned } from "./contracts/cosign";
import type { WorkerError } from "./contracts/envelope";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

export function cosignRefusal(e: CosignRequestError): CosignImportRefusal {
  switch (e.kind) {
    case "not-from-chair":
    case "other-case":
    case "not-for-this-seat":
    case "opinion-not-sent":
      return { kind: e.kind };
    case "my-opinion":
      return { kind: "my-opinion", problem: e.error.kind };
    case "invalid-content":
      return { kind: "unreadable", reason: e.reason === "file-too-large" ? "damaged" : e.reason === "wrong-files" ? "not-a-cosign-request" : "invalid-opinion" };
    case "undisclosed-parts":
    case "payload":
      return { kind: "unreadable", reason: "invalid-opinion" };
    default:
      return { kind: "unreadable", reason: unreadableArchive(e, "not-a-cosign-request") };
  }
}

/** The member's own separate opinion as their latest answer sent it (undefined: their latest answer carried none, or they sent none). */
async function myLatestOpinion(v: UnlockedVault, caseId: string): Promise<Result<SignedSeparateOpinion | undefined, WorkerError>> {
  const held = await ReceivedDraftsRecord.findKeyed(v, [caseId]);
  if (!held.ok) return refused(held.error);
  const answers = (held.value?.drafts ?? []).flatMap((d) => d.answers).sort((a, b) => Date.parse(a.answeredAt) - Date.parse(b.answeredAt));
  const latest = answers.at(-1)?.separateOpinion;
  return ok(latest ? { bytes: utf8(latest.statement), signature: latest.signature as ArmoredSshSignature } : undefined);
}

/** The stances that fit what the payload carries for `seat`. */
export function allowedStances(kinds: readonly { readonly seat: string; readonly kind: "separate" | "dissent" }[], seat: string): Stance[] {
  const own = kinds.find((k) => k.seat === seat);
  if (own === undefined) return ["concur"];
  return own.kind === "dissent" ? ["dissent"] : ["concur-separate"];
}

/** A stored request read back: checked again as on import (the stored text is what was checked), as the member sees it. */
function viewOf(request: ReceivedCosignRequest, received: ReceivedCase, seat: string): Result<CosignRequestView & { readonly mineSha256?: string }, "store-damaged"> {
  const roster = rosterSeats(received.roster);
  const opened = checkStoredPayload(request, { caseId: received.case.id, payloadSha256: request.sha256 }, roster);
  if (!opened.ok) return err("store-damaged");
  const verified = opened.value.verified;
  const { [SEPARATE_OPINIONS_KEY]: _, ...rest } = verified.document;
  const opinion = OpinionSchema.safeParse(rest);
  if (!opinion.success) return err("store-damaged");
  const nameOf = (fingerprint: string) => received.roster.find((p) => p.fingerprint === fingerprint)?.displayName ?? fingerprint;
  const mine = verified.separateOpinions.find((e) => e.opinion.fingerprint === seat);
  const separateOpinions = verified.separateOpinions.map((e) => ({ seat: e.opinion.fingerprint, displayName: nameOf(e.opinion.fingerprint), kind: e.opinion.kind, text: e.opinion.text, mine: e.opinion.fingerprint === seat }));
  return ok({
    sha256: request.sha256,
    deadline: request.deadline,
    importedAt: request.importedAt,
    opinion: opinion.data,
    withholdable: request.disclosures.draft.map((d) => ({ pointer: d.pointer, reason: d.reason })),
    separateOpinions,
    stances: allowedStances(separateOpinions, seat),
    signed: request.signed ? { stance: request.signed.stance, signedAt: request.signed.signedAt, late: request.signed.late, fileName: request.signed.fileName } : null,
    ...(mine ? { mineSha256: sha256Hex(mine.bytes) } : {}),
  });
}

/** The view without what only the worker needs. */
const shown = ({ mineSha256: _, ...view }: CosignRequestView & { readonly mineSha256?: string }): CosignRequestView => view;

export function createCosignHandlers({ withVault, clock }: VaultAccess): CosignHandlers {
  /** A stored request that no longer verifies: its record was altered outside the app. */
  const damaged = (): Result<never, WorkerError> => refused({ kind: "malformed", table: ReceivedCosignRecord.table, id: "", detail: "payload-unverified" });

  return {
    "cosign:load": ({ caseId }) =>
      withVault(async (v): Promise<Result<{ request: CosignRequestView | null }, WorkerError>> => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const held = await ReceivedCosignRecord.findKeyed(v, [caseId]);
        if (!held.ok) return refused(held.error);
        const latest = held.value?.requests.at(-1);
        if (!latest) return ok({ request: null });
        return withIdentities(v, async (identities): Promise<Result<{ request: CosignRequestView | null }, WorkerError>> => {
          const seat = memberSeat(received.value, identities);
          const view = viewOf(latest, received.value, seat?.fingerprint ?? "");
          return view.ok ? ok({ request: shown(view.value) }) : damaged();
        });
      }),

    "cosign:import-request": ({ caseId, file }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const bytes = new Uint8Array(await file.arrayBuffer());
        return withIdentities(v, async (identities): Promise<Result<CosignImport, WorkerError>> => {
          const refusal = (r: CosignImportRefusal): Result<CosignImport, WorkerError> => ok({ outcome: "refused", refusal: r });
          const seat = memberSeat(received.value, identities);
          if (!seat) return refusal({ kind: "not-on-roster" });
          const mine = await myLatestOpinion(v, caseId);
          if (!mine.ok) return mine;
          const key = { kind: "age", identity: seat.identity.encryption.secretKey, myRecipient: encodeRecipient(seat.identity.encryption.publicKey) } as const;
          const roster = rosterSeats(received.value.roster);
          const opened = await openCosignRequest(bytes, key, { roster, caseId: received.value.case.id, seat: seat.fingerprint, ...(mine.value ? { mine: mine.value } : {}) });
          if (!opened.ok) return refusal(cosignRefusal(opened.error));
          const o = opened.value;
          const held = await ReceivedCosignRecord.findKeyed(v, [caseId]);
          if (!held.ok) return refused(held.error);
          const requests = held.value?.requests ?? [];
          const same = requests.find((r) => r.sha256 === o.payload.sha256);
          const entry: ReceivedCosignRequest = same ?? {
            payload: fromUtf8(o.bytes) ?? "",
            sha256: o.payload.sha256,
            signature: o.signature,
            disclosures: o.disclosures,
            deadline: timestampOf(new Date(o.deadline)),
            signer: o.payload.signer.fingerprint,
            importedAt: timestampOf(clock()),
          };
          const view = viewOf(entry, received.value, seat.fingerprint);
          if (!view.ok) return refusal({ kind: "unreadable", reason: "invalid-opinion" });
          if (same) return ok({ outcome: "already-held", request: shown(view.value) });
          const record: ReceivedCosign = { format: "attribution-panel/received-cosign-requests", version: 1, caseId: received.value.case.id, requests: [...requests, entry].slice(-50) };
          const change = ReceivedCosignRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] }, { event: "cosign-request-received", detail: { case: caseId, sha256: entry.sha256 } });
          return written.ok ? ok({ outcome: "imported", request: shown(view.value) }) : refused(written.error);
        });
      }),

    "cosign:sign": ({ caseId, stance }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const invalid = (refusal: Extract<CosignSigned, { outcome: "invalid" }>["refusal"]): Result<CosignSigned, WorkerError> => ok({ outcome: "invalid", refusal });
        const held = await ReceivedCosignRecord.findKeyed(v, [caseId]);
        if (!held.ok) return refused(held.error);
        const requests = held.value?.requests ?? [];
        const latest = requests.at(-1);
        const stored = held.value;
        if (!latest || !stored) return invalid({ kind: "no-request" });
        return withIdentities(v, async (identities): Promise<Result<CosignSigned, WorkerError>> => {
          const seat = memberSeat(received.value, identities);
          if (!seat) return invalid({ kind: "not-on-roster" });
          const chair = received.value.roster.find((p) => p.role === "chair");
          const card = chair ? importIdentityCard(chair.cardFile) : undefined;
          if (!card?.ok) return invalid({ kind: "no-chair-key" });
          const view = viewOf(latest, received.value, seat.fingerprint);
          if (!view.ok) return damaged();
          if (latest.signed && latest.signed.stance !== stance) return invalid({ kind: "already-signed" });
          if (!view.value.stances.includes(stance)) return invalid({ kind: "stance-not-allowed" });
          const now = clock();
          // Once signed, the statement stands: the same bytes are sealed again.
          const statement = latest.signed
            ? { statement: CoSignatureSchema.parse(JSON.parse(latest.signed.statement)), bytes: utf8(latest.signed.statement), signature: latest.signed.signature as ArmoredSshSignature }
            : signCoSignature(
                {
                  payloadSha256: latest.sha256 as never,
                  caseId: received.value.case.id,
                  seat: "member",
                  stance,
                  ...(stance === "concur" || view.value.mineSha256 === undefined ? {} : { opinion: view.value.mineSha256 as never }),
                },
                seat.identity.signing,
                now,
              );
          const bytes = await sealCosignReturn(statement, seat.identity.signing, card.value.agePublicKey, now);
          const fileName = cosignReturnFileName(received.value.case.id, seat.fingerprint);
          const signed = latest.signed ?? { stance, statement: fromUtf8(statement.bytes) ?? "", signature: statement.signature, signedAt: timestampOf(now), late: now.getTime() > Date.parse(latest.deadline), fileName };
          const entry = { ...latest, signed };
          const record: ReceivedCosign = { ...stored, requests: [...requests.slice(0, -1), entry] };
          const change = ReceivedCosignRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] }, { event: "cosign-signed", detail: { case: caseId, sha256: latest.sha256, stance, late: signed.late } });
          if (!written.ok) return refused(written.error);
          const after = viewOf(entry, received.value, seat.fingerprint);
          if (!after.ok) return damaged();
          return ok({ outcome: "signed", request: shown(after.value), file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } });
        });
      }),
  };
}
