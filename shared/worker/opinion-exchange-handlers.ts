/**
 * The chair's side of the opinion after drafting (issue 15): the members'
 * answers to the draft sent for comment, the final payload and its co-sign
 * requests, the co-signatures, and the sealed opinion for the secretariat.
 *
 * - `opinion:import-answers`: each file is opened with the chair's key
 *   against the roster held and the LATEST draft sent (openDraftAnswer); an
 *   answer to an earlier comment round is refused as such (its separate
 *   opinion names a draft that is no longer the one to sign). Accepted
 *   answers are kept, every one; a seat's latest counts.
 * - `opinion:prepare-cosign`: the final payload from the latest draft's
 *   exact bytes and the separate opinions of each seat's latest answer to
 *   it (buildPayload), signed by the chair (signPayload), checked as a
 *   member will check it (checkPayloadFiles with every disclosure), stored,
 *   and one co-sign request per member seat. Allowed again (a new payload,
 *   new salts) only while no co-signature is held.
 * - `opinion:import-cosignatures`: each return opened against the stored
 *   payload verified with all its disclosures (openCosignReturn); one per
 *   seat (the same file again is "already held", another statement of a
 *   seat that has signed is refused); a return after the deadline is kept
 *   and marked late, and is not sealed.
 * - `opinion:seal`: once every member co-signed, or after the deadline,
 *   the sealed opinion (sealOpinion) to the secretariat keys the case
 *   packet was encrypted to, with the co-signatures received by the
 *   deadline, every other member seat recorded as not signing, and the
 *   counted scoresheets of the opinion's round named as its inputs.
 *
 * Nothing is written for a refused file or request.
 */
import { chainOf } from "../merge/check-incoming";
import { chairHolding, type ChairHolding } from "../merge/chair-case";
import { openCosignReturn, sealCosignRequest, cosignRequestFileName, type CosignReturnError, type ArchiveKey } from "../opinion/cosign-exchange";
import { openDraftAnswer, type DraftAnswerError } from "../opinion/draft-exchange-answer";
import { buildPayload, signPayload } from "../opinion/payload";
import { checkStoredPayload, type OpenedPayload, type SignedPayload } from "../opinion/sealed-archive";
import { sealOpinion, sealedOpinionFileName } from "../opinion/sealed";
import { emptyExchange, OpinionExchangeRecord, type FinalPayload, type HeldAnswer, type HeldCoSignature, type OpinionExchange } from "../opinion/records/opinion-exchange.record";
import { SentDraftsRecord, type SentDraft } from "../opinion/records/sent-draft.record";
import type { RosterSeat } from "../opinion/co-signature";
import { CoSignatureSchema, rosterSeats, sha256Hex } from "../opinion/co-signature";
import { parseCanonicalJson } from "../formats/jcs";
import { SeparateOpinionSchema, type SeparateOpinionKind, type SignedSeparateOpinion } from "../opinion/separate-opinion";
import { cryptoRandom, disclosureDigest } from "../formats/selective-disclosure";
import { encodeRecipient, parseRecipient } from "../formats/age/age";
import { importIdentityCard } from "../identity/identity-card";
import { timestampOf } from "../identity/identity-details";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { unreadableArchive } from "../formats/signed-archive";
import { err, ok, type Result } from "../result";
import type { ArmoredSshSignature } from "../formats/sshsig";
import { withIdentities } from "./case-kit";
import type { WorkerError } from "./contracts/envelope";
import type { AnswersImport, CoSignaturesImport, AnswerRefusal, AnswerResult, CoSignRefusal, CoSignResult, ExchangeSeat, ExchangeView, OpinionExchangeHandlers, Prepared, Sealed } from "./contracts/opinion-exchange";
import { mergeRefused } from "./merge-handlers";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { MergeError } from "../merge/merge-error";
import type { AuditRequest } from "../vault/audit-log";

const rosterOf = (holding: ChairHolding): RosterSeat[] => rosterSeats(holding.received.roster);
const keyOf = (holding: ChairHolding): ArchiveKey => ({ kind: "age", identity: holding.chair.encryption.secretKey, myRecipient: encodeRecipient(holding.chair.encryption.publicKey) });
const bytesOf = async (file: Blob): Promise<Uint8Array> => new Uint8Array(await file.arrayBuffer());
const memberSeats = (holding: ChairHolding) => holding.received.roster.filter((p) => p.role === "member");
const nameOf = (holding: ChairHolding, seat: string): string => holding.received.roster.find((p) => p.fingerprint === seat)?.displayName ?? seat;

/** The payload the chair stored, as the archive files carry it. */
export const signedPayloadOf = (final: FinalPayload): SignedPayload => ({
  bytes: utf8(final.payload),
  signature: final.signature,
  draftDisclosures: final.draftDisclosures.map((d) => ({ pointer: d.pointer, encoded: d.encoded, reason: d.reason, digest: disclosureDigest(d.encoded) })),
  separateOpinionDisclosures: final.separateOpinionDisclosures.map((d) => ({ pointer: d.pointer, encoded: d.encoded, digest: disclosureDigest(d.encoded) })),
  decoys: final.decoys,
});

/** The stored payload checked as every recipient checks it: the chair's signature, every disclosure, nothing else hidden. */
export function openStoredPayload(final: FinalPayload, holding: ChairHolding): Result<OpenedPayload, "store-damaged"> {
  // disclosures.json as the requests carry it, straight from what is stored (no digest needed to check it).
  const disclosures = { draft: final.draftDisclosures.map((d) => ({ pointer: d.pointer, disclosure: d.encoded, reason: d.reason })), separateOpinions: final.separateOpinionDisclosures.map((d) => d.encoded), decoys: [...final.decoys] };
  const stored = { payload: final.payload, signature: final.signature, disclosures };
  const opened = checkStoredPayload(stored, { caseId: holding.received.case.id, payloadSha256: final.sha256 }, rosterOf(holding));
  return opened.ok ? opened : err("store-damaged");
}

export function answerRefusal(e: DraftAnswerError): AnswerRefusal {
  switch (e.kind) {
    case "not-on-roster":
      return { kind: "not-from-member" };
    case "other-case":
      return { kind: "other-case" };
    case "other-draft":
      return { kind: "other-draft" };
    case "separate-opinion":
    case "separate-opinion-by-another-seat":
      return { kind: "invalid-separate-opinion" };
    case "invalid-content":
      return { kind: "unreadable", reason: e.reason === "file-too-large" ? "damaged" : e.reason === "wrong-files" ? "not-this-kind" : e.reason === "not-signed-by-seat" ? "tampered" : "invalid-content" };
    default:
      return { kind: "unreadable", reason: unreadableArchive(e, "not-this-kind") };
  }
}

export function coSignRefusal(e: CosignReturnError): CoSignRefusal {
  switch (e.kind) {
    case "not-from-member":
    case "not-a-member":
      return { kind: "not-from-member" };
    case "other-case":
      return { kind: "other-case" };
    case "other-payload":
      return { kind: "other-payload" };
    case "co-signature":
    case "not-the-senders-statement":
      return { kind: "invalid-statement" };
    case "stance":
      return { kind: "stance", reason: e.reason };
    case "invalid-content":
      return { kind: "unreadable", reason: e.reason === "file-too-large" ? "damaged" : e.reason === "wrong-files" ? "not-this-kind" : "invalid-content" };
    default:
      return { kind: "unreadable", reason: unreadableArchive(e, "not-this-kind") };
  }
}

/** Each member seat's latest answer to `draft` (the one that counts), by seat. */
export function latestAnswers(answers: readonly HeldAnswer[], draft: SentDraft): Map<string, HeldAnswer> {
  const out = new Map<string, HeldAnswer>();
  for (const a of answers) {
    if (a.draftSha256 !== draft.sha256) continue;
    const before = out.get(a.seat);
    if (!before || Date.parse(a.answeredAt) >= Date.parse(before.answeredAt)) out.set(a.seat, a);
  }
  return out;
}

/** The co-signatures that count for sealing: those received by the deadline. */
const onTime = (exchange: OpinionExchange) => exchange.coSignatures.filter((c) => !c.late);

export function canSeal(exchange: OpinionExchange, members: readonly { readonly fingerprint: string }[], now: Date): boolean {
  if (!exchange.final) return false;
  const signed = new Set<string>(onTime(exchange).map((c): string => c.seat));
  return members.every((m) => signed.has(m.fingerprint)) || now.getTime() > Date.parse(exchange.final.deadline);
}

type Loaded = { readonly holding: ChairHolding; readonly latest: SentDraft | undefined; readonly sent: readonly SentDraft[]; readonly exchange: OpinionExchange };

export function createOpinionExchangeHandlers({ withVault, clock }: VaultAccess): OpinionExchangeHandlers {
  /** The holding, the drafts sent and the exchange held, for one case. */
  const load = async (v: UnlockedVault, caseId: string, identities: Parameters<typeof chairHolding>[2]): Promise<Result<Loaded, MergeError>> => {
    const holding = await chairHolding(v, caseId, identities);
    if (!holding.ok) return holding;
    const sent = await SentDraftsRecord.findKeyed(v, [caseId]);
    if (!sent.ok) return err({ kind: "vault-failed", error: sent.error });
    const stored = await OpinionExchangeRecord.findKeyed(v, [caseId]);
    if (!stored.ok) return err({ kind: "vault-failed", error: stored.error });
    if (stored.value && stored.value.caseId !== caseId) return err({ kind: "store-damaged" });
    return ok({ holding: holding.value, latest: sent.value?.sent.at(-1), sent: sent.value?.sent ?? [], exchange: stored.value ?? emptyExchange(holding.value.received.case.id) });
  };

  const write = async (v: UnlockedVault, caseId: string, exchange: OpinionExchange, audit: readonly AuditRequest[]) => {
    const change = OpinionExchangeRecord.changeKeyed(v, [caseId], exchange);
    if (!change.ok) return change;
    return v.write({ put: [change.value] }, [...audit]);
  };

  const viewOf = (l: Loaded, now: Date): ExchangeView => {
    const { holding, latest, exchange } = l;
    const answers = latest ? latestAnswers(exchange.answers, latest) : new Map<string, HeldAnswer>();
    const seats = memberSeats(holding).map((p): ExchangeSeat => {
      const a = answers.get(p.fingerprint);
      const c = exchange.coSignatures.find((x) => x.seat === p.fingerprint);
      const opinion = a?.separateOpinion;
      const parsed = opinion ? parseCanonicalJson(utf8(opinion.statement)) : undefined;
      const signed = parsed?.ok ? SeparateOpinionSchema.safeParse(parsed.value).data : undefined;
      return {
        seat: p.fingerprint,
        displayName: p.displayName,
        answer: a ? { round: a.round, answeredAt: a.answeredAt, comments: a.comments, separateOpinion: opinion && signed ? { kind: opinion.kind, text: signed.text, signedAt: signed.signedAt } : null } : null,
        coSignature: c ? { stance: c.stance, receivedAt: c.receivedAt, late: c.late } : null,
      };
    });
    const f = exchange.final;
    return {
      outcome: "exchange",
      draft: latest ? { round: latest.round, sha256: latest.sha256, deadline: latest.deadline } : null,
      seats,
      final: f ? { sha256: f.sha256, round: f.round, deadline: f.deadline, preparedAt: f.preparedAt, separateOpinions: f.separateOpinionDisclosures.length } : null,
      canSeal: canSeal(exchange, memberSeats(holding), now),
      sealed: exchange.sealed,
    };
  };

  return {
    "opinion:exchange": ({ caseId }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<ExchangeView, WorkerError>> => {
          const loaded = await load(v, caseId, identities);
          if (!loaded.ok) return mergeRefused(loaded.error);
          const l = loaded.value;
          return ok(viewOf(l, clock()));
        }),
      ),

    "opinion:import-answers": ({ caseId, files }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<AnswersImport, WorkerError>> => {
          const loaded = await load(v, caseId, identities);
          if (!loaded.ok) return mergeRefused(loaded.error);
          const l = loaded.value;
          const { holding, latest, sent } = l;
          const results: AnswerResult[] = [];
          let exchange = l.exchange;
          const audit: AuditRequest[] = [];
          for (const f of files) {
            const refuse = (refusal: AnswerRefusal) => results.push({ outcome: "refused", name: f.name, refusal });
            if (!latest) {
              refuse({ kind: "no-draft-sent" });
              continue;
            }
            const bytes = await bytesOf(f.file);
            const fileSha256 = sha256Hex(bytes);
            const opened = await openDraftAnswer(bytes, keyOf(holding), { roster: rosterOf(holding), caseId, draftSha256: latest.sha256 });
            if (!opened.ok) {
              const e = opened.error;
              const earlier = e.kind === "other-draft" ? sent.find((s) => s.sha256 === e.actual) : undefined;
              refuse(earlier ? { kind: "earlier-draft", answered: earlier.round, round: latest.round } : answerRefusal(e));
              continue;
            }
            const { answer, separateOpinion, role, signer } = opened.value;
            if (role !== "member") {
              refuse({ kind: "not-from-member" });
              continue;
            }
            const kind: SeparateOpinionKind | "none" = separateOpinion?.opinion.kind ?? "none";
            const base = { name: f.name, seat: signer.fingerprint, displayName: nameOf(holding, signer.fingerprint), opinion: kind };
            if (exchange.answers.some((a) => a.fileSha256 === fileSha256)) {
              results.push({ outcome: "already-held", ...base });
              continue;
            }
            const held: HeldAnswer = {
              round: answer.round,
              seat: signer.fingerprint as HeldAnswer["seat"],
              draftSha256: answer.draftSha256,
              comments: [...answer.comments],
              ...(separateOpinion ? { separateOpinion: { kind: separateOpinion.opinion.kind, statement: fromUtf8(separateOpinion.bytes) ?? "", signature: separateOpinion.signature } } : {}),
              answeredAt: answer.answeredAt,
              receivedAt: timestampOf(clock()),
              fileSha256,
            };
            exchange = { ...exchange, answers: [...exchange.answers, held] };
            audit.push({ event: "opinion-answer-imported", detail: { case: caseId, round: answer.round, seat: signer.fingerprint, opinion: kind, sha256: fileSha256 } });
            results.push({ outcome: "accepted", ...base });
          }
          if (audit.length > 0) {
            const written = await write(v, caseId, exchange, audit);
            if (!written.ok) return refused(written.error);
          }
          return ok({ outcome: "imported" as const, results });
        }),
      ),

    "opinion:prepare-cosign": ({ caseId, deadline }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<Prepared, WorkerError>> => {
          const loaded = await load(v, caseId, identities);
          if (!loaded.ok) return mergeRefused(loaded.error);
          const l = loaded.value;
          const { holding, latest, exchange } = l;
          const now = clock();
          const invalid = (refusal: Extract<Prepared, { outcome: "invalid" }>["refusal"]): Result<Prepared, WorkerError> => ok({ outcome: "invalid", refusal });
          if (!latest) return invalid({ kind: "no-draft-sent" });
          if (Date.parse(deadline) <= now.getTime()) return invalid({ kind: "deadline-passed" });
          if (exchange.coSignatures.length > 0) return invalid({ kind: "co-signatures-held", count: exchange.coSignatures.length });
          const opinions: SignedSeparateOpinion[] = [];
          for (const a of latestAnswers(exchange.answers, latest).values()) {
            if (a.separateOpinion) opinions.push({ bytes: utf8(a.separateOpinion.statement), signature: a.separateOpinion.signature as ArmoredSshSignature });
          }
          const built = buildPayload(utf8(latest.payload), opinions, rosterOf(holding), cryptoRandom);
          // Every input was checked when it was stored: a refusal here is a damaged store.
          if (!built.ok) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
          const signature = signPayload(built.value.bytes, holding.chair.signing);
          const members = memberSeats(holding);
          const final: FinalPayload = {
            round: latest.round,
            payload: fromUtf8(built.value.bytes) ?? "",
            sha256: built.value.sha256,
            signature,
            draftDisclosures: latest.disclosures,
            separateOpinionDisclosures: built.value.disclosures.map((d) => ({ pointer: d.pointer, encoded: d.encoded })),
            decoys: [...latest.decoys, ...built.value.decoys],
            deadline: timestampOf(new Date(deadline)),
            seats: members.map((p) => p.fingerprint),
            preparedAt: timestampOf(now),
          };
          // What every member will check, checked first.
          const opened = openStoredPayload(final, holding);
          if (!opened.ok) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
          const payload = signedPayloadOf(final);
          const files = [];
          for (const p of members) {
            const card = importIdentityCard(p.cardFile);
            const key = card.ok ? parseRecipient(card.value.ageRecipient) : undefined;
            if (!key?.ok || !card.ok || card.value.fingerprint !== p.fingerprint) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
            const bytes = await sealCosignRequest({ caseId, payload, recipient: { fingerprint: p.fingerprint, encryptionKey: key.value }, deadline: new Date(deadline) }, holding.chair.signing, now);
            files.push({ seat: p.fingerprint, displayName: p.displayName, file: { fileName: cosignRequestFileName(caseId, p.fingerprint), mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } });
          }
          const written = await write(v, caseId, { ...exchange, final }, [{ event: "opinion-cosign-requested", detail: { case: caseId, round: latest.round, sha256: final.sha256, seats: members.length, separateOpinions: opinions.length } }]);
          if (!written.ok) return refused(written.error);
          return ok({ outcome: "prepared", sha256: final.sha256, files });
        }),
      ),

    "opinion:import-cosignatures": ({ caseId, files }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<CoSignaturesImport, WorkerError>> => {
          const loaded = await load(v, caseId, identities);
          if (!loaded.ok) return mergeRefused(loaded.error);
          const l = loaded.value;
          const { holding } = l;
          let exchange = l.exchange;
          const final = exchange.final;
          const results: CoSignResult[] = [];
          const audit: AuditRequest[] = [];
          const payload = final ? openStoredPayload(final, holding) : undefined;
          if (payload && !payload.ok) return mergeRefused({ kind: "store-damaged" });
          for (const f of files) {
            const refuse = (refusal: CoSignRefusal) => results.push({ outcome: "refused", name: f.name, refusal });
            if (!final || !payload) {
              refuse({ kind: "not-prepared" });
              continue;
            }
            const bytes = await bytesOf(f.file);
            const fileSha256 = sha256Hex(bytes);
            const opened = await openCosignReturn(bytes, keyOf(holding), { roster: rosterOf(holding), payload: payload.value.verified });
            if (!opened.ok) {
              refuse(coSignRefusal(opened.error));
              continue;
            }
            const { statement, signature } = opened.value;
            const statementText = fromUtf8(opened.value.bytes) ?? "";
            const same = exchange.coSignatures.find((c) => c.seat === statement.fingerprint);
            const now = clock();
            const late = now.getTime() > Date.parse(final.deadline);
            const base = { name: f.name, seat: statement.fingerprint, displayName: nameOf(holding, statement.fingerprint), stance: statement.stance };
            if (same) {
              if (same.statement === statementText) results.push({ outcome: "already-held", ...base, late: same.late });
              else refuse({ kind: "already-signed" });
              continue;
            }
            const held: HeldCoSignature = { seat: statement.fingerprint as HeldCoSignature["seat"], stance: statement.stance, statement: statementText, signature, fileSha256, receivedAt: timestampOf(now), late };
            exchange = { ...exchange, coSignatures: [...exchange.coSignatures, held] };
            audit.push({ event: "opinion-cosignature-imported", detail: { case: caseId, seat: statement.fingerprint, stance: statement.stance, late, sha256: fileSha256 } });
            results.push({ outcome: "accepted", ...base, late });
          }
          if (audit.length > 0) {
            const written = await write(v, caseId, exchange, audit);
            if (!written.ok) return refused(written.error);
          }
          return ok({ outcome: "imported" as const, results });
        }),
      ),

    "opinion:seal": ({ caseId }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<Sealed, WorkerError>> => {
          const loaded = await load(v, caseId, identities);
          if (!loaded.ok) return mergeRefused(loaded.error);
          const l = loaded.value;
          const { holding, exchange } = l;
          const final = exchange.final;
          const invalid = (refusal: Extract<Sealed, { outcome: "invalid" }>["refusal"]): Result<Sealed, WorkerError> => ok({ outcome: "invalid", refusal });
          if (!final) return invalid({ kind: "not-prepared" });
          const now = clock();
          const members = memberSeats(holding);
          const coSignatures = onTime(exchange);
          const missing = members.filter((m) => !coSignatures.some((c) => c.seat === m.fingerprint)).length;
          if (missing > 0 && now.getTime() <= Date.parse(final.deadline)) return invalid({ kind: "waiting", missing, deadline: final.deadline });
          const opened = openStoredPayload(final, holding);
          if (!opened.ok) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
          // The secretariat: every key the case packet was encrypted to besides the chair's own.
          const mine = encodeRecipient(holding.chair.encryption.publicKey);
          const secretariat = (holding.received.packet.recipients ?? []).filter((r) => r !== mine).map(parseRecipient);
          const key = secretariat[0];
          if (key === undefined || !key.ok) return invalid({ kind: "no-secretariat-key" });
          const round = opened.value.verified.document["round"];
          const inputsRound = typeof round === "number" ? round : holding.round;
          const scoresheets = holding.received.roster.flatMap((p) => chainOf(holding.held, p.fingerprint, inputsRound).at(-1)?.sha256 ?? []);
          const bytes = await sealOpinion(
            {
              caseId,
              payload: signedPayloadOf(final),
              coSignatures: coSignatures.map((c) => ({ statement: CoSignatureSchema.parse(JSON.parse(c.statement)), bytes: utf8(c.statement), signature: c.signature })),
              roster: rosterOf(holding),
              deadline: new Date(final.deadline),
              inputs: { round: inputsRound, scoresheets: scoresheets as never },
            },
            holding.chair.signing,
            key.value,
            now,
          );
          const sha256 = sha256Hex(bytes);
          const fileName = sealedOpinionFileName(caseId);
          const written = await write(v, caseId, { ...exchange, sealed: { sealedAt: timestampOf(now), sha256, fileName } }, [
            { event: "opinion-sealed", detail: { case: caseId, sha256, coSigned: coSignatures.length, notSigned: missing } },
          ]);
          if (!written.ok) return refused(written.error);
          return ok({ outcome: "sealed", sha256, file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, coSigned: coSignatures.length, notSigned: missing });
        }),
      ),
  };
}
