/**
 * The secretariat imports the chair's sealed opinion (issue 15, "Sealing").
 * The roster it is checked against comes from the secretariat's own records:
 * the case's panel (chair and members) and each seat's card in the expert
 * registry, never from the file. Each of the vault's identities is tried in
 * turn (the file is encrypted to the identity that sent the packets); the
 * file is verified whole (openSealedOpinion: the chair seat signed the
 * archive and the payload, every disclosure fits and nothing else is
 * hidden, every co-signature verifies against its member seat, names this
 * payload and fits it, every member seat is accounted for), and only then
 * kept, with everything the publication will need. The same file again is
 * "already held"; a later sealed opinion of the same case is kept beside
 * the earlier ones, and the latest is the one shown.
 */
import { loadPanel, loadRegistry } from "../case/case-store";
import { encodeRecipient } from "../formats/age/age";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { sha256Hex, type RosterSeat } from "../opinion/co-signature";
import { openSealedOpinion, type SealedOpinionError } from "../opinion/sealed";
import { SealedOpinionsRecord, MAX_SEALED_PER_CASE, type HeldSealedOpinion, type SealedOpinions } from "../opinion/records/sealed-opinion.record";
import { unreadableArchive } from "../formats/signed-archive";
import { timestampOf } from "../identity/identity-details";
import { parseCanonicalJson } from "../formats/jcs";
import { CoSignatureSchema } from "../opinion/co-signature";
import { SeparateOpinionSchema } from "../opinion/separate-opinion";
import { ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { caseRefused, withIdentities } from "./case-kit";
import type { WorkerError } from "./contracts/envelope";
import type { SealedImport, SealedRefusal, SealedView, SecretariatOpinionHandlers } from "./contracts/secretariat-opinion";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";
import { SeparateOpinionEntrySchema } from "../opinion/payload";
import { parseDisclosure } from "../formats/selective-disclosure";

type Seat = RosterSeat & { readonly displayName: string };

export function sealedRefusal(e: SealedOpinionError): SealedRefusal {
  switch (e.kind) {
    case "not-from-chair":
      return { kind: "not-from-chair" };
    case "other-round":
    case "undisclosed-parts":
    case "payload":
      return { kind: "invalid-opinion" };
    case "co-signature":
    case "co-signature-seat":
      return { kind: "invalid-co-signature" };
    case "duplicate-seat":
    case "signed-and-not-signed":
    case "not-a-member":
    case "seat-unaccounted":
      return { kind: "seats-inconsistent" };
    case "sealed-before-deadline":
      return { kind: "sealed-before-deadline" };
    case "invalid-content":
      return e.reason === "wrong-files" || e.reason === "file-too-large" ? { kind: "unreadable", reason: e.reason === "wrong-files" ? "not-a-sealed-opinion" : "damaged" } : { kind: "invalid-opinion" };
    default:
      return { kind: "unreadable", reason: unreadableArchive(e, "not-a-sealed-opinion") };
  }
}

/** The case's roster from the secretariat's own records: the panel's seats and each seat's registry card. */
async function rosterOf(v: UnlockedVault, caseId: string): Promise<Result<Seat[] | undefined, WorkerError>> {
  const panel = await loadPanel(v, caseId);
  if (!panel.ok) return caseRefused(panel.error);
  if (!panel.value) return ok(undefined);
  const registry = await loadRegistry(v);
  if (!registry.ok) return caseRefused(registry.error);
  const byId = new Map(registry.value.map((e) => [e.entry.id, e]));
  const seats: Seat[] = [];
  for (const id of [panel.value.chairId, ...panel.value.memberIds]) {
    const expert = byId.get(id);
    // A seat whose expert left the registry cannot be checked: the roster is incomplete, so nothing verifies against it.
    if (!expert) return ok(undefined);
    seats.push({ role: id === panel.value.chairId ? "chair" : "member", fingerprint: expert.card.fingerprint, displayName: expert.entry.displayName });
  }
  return ok(seats);
}

/** What the secretariat sees of a held sealed opinion. */
export function sealedView(held: HeldSealedOpinion, roster: readonly Seat[], count: number): SealedView {
  const nameOf = (fingerprint: string) => roster.find((s) => s.fingerprint === fingerprint)?.displayName ?? fingerprint;
  const stances = new Map(held.coSignatures.map((c) => {
    const statement = CoSignatureSchema.parse(JSON.parse(c.statement));
    return [statement.fingerprint as string, statement.stance] as const;
  }));
  // Each separate opinion's disclosure is an array element, {statement, signature}; it was verified on import.
  const separateOpinions = held.disclosures.separateOpinions.flatMap((encoded) => {
    const parsed = parseDisclosure(encoded);
    const entry = parsed.ok ? SeparateOpinionEntrySchema.safeParse(parsed.value.value) : undefined;
    const json = entry?.success ? parseCanonicalJson(utf8(entry.data.statement)) : undefined;
    const opinion = json?.ok ? SeparateOpinionSchema.safeParse(json.value) : undefined;
    return opinion?.success ? [{ displayName: nameOf(opinion.data.fingerprint), kind: opinion.data.kind }] : [];
  });
  return {
    fileSha256: held.fileSha256,
    importedAt: held.importedAt,
    payloadSha256: held.seal.payloadSha256,
    sealedAt: held.seal.sealedAt,
    deadline: held.seal.deadline,
    chair: { displayName: nameOf(held.signer), fingerprint: held.signer },
    seats: roster.filter((s) => s.role === "member").map((s) => ({ displayName: s.displayName, fingerprint: s.fingerprint, stance: stances.get(s.fingerprint) ?? "not-signed" })),
    separateOpinions,
    withholdable: held.disclosures.draft.map((d) => ({ pointer: d.pointer, reason: d.reason })),
    inputs: { round: held.seal.inputs.round, scoresheets: held.seal.inputs.scoresheets.length },
    held: count,
  };
}

export function createSecretariatOpinionHandlers({ withVault, clock }: VaultAccess): SecretariatOpinionHandlers {
  return {
    "secretariat:sealed-opinion": ({ caseId }) =>
      withVault(async (v): Promise<Result<{ sealed: SealedView | null }, WorkerError>> => {
        const stored = await SealedOpinionsRecord.findKeyed(v, [caseId]);
        if (!stored.ok) return refused(stored.error);
        const latest = stored.value?.sealed.at(-1);
        if (!latest || !stored.value) return ok({ sealed: null });
        const roster = await rosterOf(v, caseId);
        if (!roster.ok) return roster;
        return ok({ sealed: sealedView(latest, roster.value ?? [], stored.value.sealed.length) });
      }),

    "secretariat:import-sealed-opinion": ({ caseId, file }) =>
      withVault(async (v) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const roster = await rosterOf(v, caseId);
        if (!roster.ok) return roster;
        const refusal = (r: SealedRefusal): Result<SealedImport, WorkerError> => ok({ outcome: "refused", refusal: r });
        if (!roster.value) return refusal({ kind: "no-panel" });
        const seats = roster.value;
        return withIdentities(v, async (identities): Promise<Result<SealedImport, WorkerError>> => {
          let last: SealedRefusal = { kind: "unreadable", reason: "not-addressed-to-you" };
          for (const identity of identities) {
            const key = { kind: "age", identity: identity.encryption.secretKey, myRecipient: encodeRecipient(identity.encryption.publicKey) } as const;
            const opened = await openSealedOpinion(bytes, key, seats);
            if (!opened.ok) {
              last = sealedRefusal(opened.error);
              // Only "not for this key" tries the next identity; any other refusal is the file's.
              if (opened.error.kind === "not-addressed-to-you") continue;
              return refusal(last);
            }
            const o = opened.value;
            if (o.seal.caseId !== caseId) return refusal({ kind: "other-case" });
            const stored = await SealedOpinionsRecord.findKeyed(v, [caseId]);
            if (!stored.ok) return refused(stored.error);
            const earlier = stored.value?.sealed ?? [];
            const fileSha256 = sha256Hex(bytes);
            const same = earlier.find((h) => h.fileSha256 === fileSha256);
            if (same) return ok({ outcome: "already-held", sealed: sealedView(same, seats, earlier.length) });
            const held: HeldSealedOpinion = {
              fileSha256,
              importedAt: timestampOf(clock()),
              payload: fromUtf8(o.bytes) ?? "",
              signature: o.signature,
              disclosures: o.disclosures,
              seal: o.seal,
              coSignatures: o.coSignatures.map((c) => ({ statement: fromUtf8(c.bytes) ?? "", signature: c.signature })),
              signer: o.signer.fingerprint,
            };
            const record: SealedOpinions = { format: "attribution-panel/received-sealed-opinions", version: 1, caseId: o.seal.caseId, sealed: [...earlier, held].slice(-MAX_SEALED_PER_CASE) };
            const change = SealedOpinionsRecord.changeKeyed(v, [caseId], record);
            if (!change.ok) return refused(change.error);
            const written = await v.write(
              { put: [change.value] },
              { event: "sealed-opinion-imported", detail: { case: caseId, sha256: fileSha256, payload: o.seal.payloadSha256, coSigned: o.coSignatures.length, notSigned: o.seal.notSigned.length } },
            );
            return written.ok ? ok({ outcome: "imported", sealed: sealedView(held, seats, record.sealed.length) }) : refused(written.error);
          }
          return refusal(last);
        });
      }),
  };
}
