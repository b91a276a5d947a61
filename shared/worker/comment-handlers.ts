/**
 * A member's comments on the chair's draft opinion (issue 15, "Drafting",
 * last bullet, member side). `comment:import-draft` opens the chair's draft
 * for comment with the identity holding a member seat on the roster of the
 * case the member holds (draft-exchange.ts openDraftForComment: signed by
 * that roster's chair, for this case and seat) and keeps it, every comment
 * round (records/received-draft.record.ts); `comment:load` answers the latest
 * with the answer being written; `comment:save` autosaves that answer;
 * `comment:answer` signs the member's separate or dissenting opinion (if
 * any) naming the draft digest, seals the answer to the chair
 * (draft-exchange-answer.ts) and records that it was sent. An answer after
 * the deadline is still sealed, and flagged late: the chair decides what to
 * do with it. Refusals the member can act on are values; nothing is stored.
 */
import { loadReceivedCase, type ReceivedCase } from "../case/case-records";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { unreadableArchive } from "../formats/signed-archive";
import { importIdentityCard } from "../identity/identity-card";
import { timestampOf } from "../identity/identity-details";
import type { PersonalIdentity } from "../identity/identity";
import { rosterSeats, sha256Hex } from "../opinion/co-signature";
import { draftAnswerFileName, sealDraftAnswer } from "../opinion/draft-exchange-answer";
import { openDraftForComment, type DraftForCommentError } from "../opinion/draft-exchange";
import { MAX_PARAGRAPHS, ReasoningParagraphSchema, reasoningParagraphs } from "../opinion/opinion";
import {
  CommentAnswerDraftRecord,
  ReceivedDraftsRecord,
  type CommentAnswerDraft,
  type ReceivedDraft,
  type ReceivedDrafts,
  type SentAnswer,
} from "../opinion/records/received-draft.record";
import { signSeparateOpinion } from "../opinion/separate-opinion";
import { ok, type Result } from "../result";
import { seatOf } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import { withIdentities } from "./case-kit";
import type { CommentAnswered, CommentHandlers, CommentImport, CommentImportRefusal, ReceivedDraftView } from "./contracts/comment";
import type { WorkerError } from "./contracts/envelope";
import { refused, refusedWith } from "./refusal";
import type { VaultAccess } from "./vault-session";

export async function loadReceived(v: UnlockedVault, caseId: string): Promise<Result<ReceivedCase, WorkerError>> {
  const r = await loadReceivedCase(v, caseId);
  if (!r.ok && r.error.kind === "missing") return refusedWith({ kind: "scoring", error: { kind: "case-not-received" } });
  return r.ok ? r : refused(r.error);
}

/** The member seat this vault holds on the case's roster, if any. */
export function memberSeat(received: ReceivedCase, identities: readonly PersonalIdentity[]) {
  const seat = seatOf(received, identities);
  return seat?.role === "member" ? seat : undefined;
}

/** Why a draft for comment did not open, in the terms the member can act on. */
export function commentRefusal(e: DraftForCommentError): CommentImportRefusal {
  switch (e.kind) {
    case "not-from-chair":
    case "other-case":
    case "not-for-this-seat":
      return { kind: e.kind };
    case "invalid-content":
      return { kind: "unreadable", reason: e.reason === "file-too-large" ? "damaged" : e.reason === "wrong-files" ? "not-a-draft-for-comment" : "invalid-draft" };
    case "draft-not-canonical":
    case "invalid-draft":
    case "disclosures":
    case "undisclosed-parts":
    case "disclosure-mismatch":
      return { kind: "unreadable", reason: "invalid-draft" };
    default:
      return { kind: "unreadable", reason: unreadableArchive(e, "not-a-draft-for-comment") };
  }
}

export const viewOf = (d: ReceivedDraft): ReceivedDraftView => ({
  round: d.round,
  sha256: d.sha256,
  opinion: d.opinion,
  withholdable: d.request.disclosures.map((x) => ({ pointer: x.pointer, reason: x.reason })),
  deadline: d.request.deadline,
  note: d.request.note ?? null,
  signer: d.signer,
  importedAt: d.importedAt,
  answers: d.answers,
});

const paragraphs = (markdown: string): string[] => reasoningParagraphs(markdown);
/** Whether the paragraphs fit an answer and a separate opinion (each paragraph's length, their number). */
const fits = (ps: readonly string[]): boolean => ps.length <= MAX_PARAGRAPHS && ps.every((p) => ReasoningParagraphSchema.safeParse(p).success);

export function createCommentHandlers({ withVault, clock }: VaultAccess): CommentHandlers {
  return {
    "comment:import-draft": ({ caseId, file }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const bytes = new Uint8Array(await file.arrayBuffer());
        return withIdentities(v, async (identities): Promise<Result<CommentImport, WorkerError>> => {
          const refusal = (r: CommentImportRefusal): Result<CommentImport, WorkerError> => ok({ outcome: "refused", refusal: r });
          const seat = memberSeat(received.value, identities);
          if (!seat) return refusal({ kind: "not-on-roster" });
          const key = { kind: "age", identity: seat.identity.encryption.secretKey, myRecipient: encodeRecipient(seat.identity.encryption.publicKey) } as const;
          const roster = rosterSeats(received.value.roster);
          const opened = await openDraftForComment(bytes, key, { roster, caseId: received.value.case.id, seat: seat.fingerprint });
          if (!opened.ok) return refusal(commentRefusal(opened.error));
          const o = opened.value;
          const held = await ReceivedDraftsRecord.findKeyed(v, [caseId]);
          if (!held.ok) return refused(held.error);
          const drafts = held.value?.drafts ?? [];
          const same = drafts.find((d) => d.round === o.request.round);
          if (same && same.sha256 === o.draftSha256) return ok({ outcome: "already-held", draft: viewOf(same) });
          if (same) return refusal({ kind: "round-conflict", round: o.request.round });
          const entry: ReceivedDraft = {
            round: o.request.round,
            payload: fromUtf8(o.draftBytes) ?? "",
            sha256: o.draftSha256,
            request: o.request,
            opinion: o.opinion,
            signer: o.signer.fingerprint,
            importedAt: timestampOf(clock()),
            answers: [],
          };
          const record: ReceivedDrafts = {
            format: "attribution-panel/received-opinion-drafts",
            version: 1,
            caseId: received.value.case.id,
            drafts: [...drafts, entry].sort((a, b) => a.round - b.round),
          };
          const change = ReceivedDraftsRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] }, { event: "opinion-draft-received", detail: { case: caseId, round: entry.round, sha256: entry.sha256 } });
          return written.ok ? ok({ outcome: "imported", draft: viewOf(entry) }) : refused(written.error);
        });
      }),

    "comment:load": ({ caseId }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const held = await ReceivedDraftsRecord.findKeyed(v, [caseId]);
        if (!held.ok) return refused(held.error);
        const answer = await CommentAnswerDraftRecord.findKeyed(v, [caseId]);
        if (!answer.ok) return refused(answer.error);
        const drafts = held.value?.drafts ?? [];
        const latest = drafts.at(-1);
        return ok({ draft: latest ? viewOf(latest) : null, rounds: drafts.map((d) => d.round), answer: answer.value ?? null });
      }),

    "comment:save": ({ caseId, comments, opinion }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const savedAt = timestampOf(clock());
        const record: CommentAnswerDraft = { format: "attribution-panel/comment-answer-draft", version: 1, caseId: received.value.case.id, comments, opinion, savedAt };
        const change = CommentAnswerDraftRecord.changeKeyed(v, [caseId], record);
        if (!change.ok) return refused(change.error);
        const written = await v.write({ put: [change.value] });
        return written.ok ? ok({ savedAt }) : refused(written.error);
      }),

    "comment:answer": ({ caseId, round, comments, opinion }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const invalid = (refusal: Extract<CommentAnswered, { outcome: "invalid" }>["refusal"]): Result<CommentAnswered, WorkerError> => ok({ outcome: "invalid", refusal });
        const held = await ReceivedDraftsRecord.findKeyed(v, [caseId]);
        if (!held.ok) return refused(held.error);
        const drafts = held.value?.drafts ?? [];
        const draft = drafts.find((d) => d.round === round);
        if (!draft) return invalid({ kind: "no-draft" });
        const commentParagraphs = paragraphs(comments);
        const opinionParagraphs = opinion ? paragraphs(opinion.text) : [];
        if (opinion && opinionParagraphs.length === 0) return invalid({ kind: "opinion-empty" });
        if (!fits(commentParagraphs) || !fits(opinionParagraphs)) return invalid({ kind: "too-long" });
        if (commentParagraphs.length === 0 && !opinion) return invalid({ kind: "empty" });
        return withIdentities(v, async (identities): Promise<Result<CommentAnswered, WorkerError>> => {
          const seat = memberSeat(received.value, identities);
          if (!seat) return invalid({ kind: "not-on-roster" });
          const chair = received.value.roster.find((p) => p.role === "chair");
          const card = chair ? importIdentityCard(chair.cardFile) : undefined;
          if (!card?.ok) return invalid({ kind: "no-chair-key" });
          const now = clock();
          // The digest of the draft as kept (the stored digest was computed from the same bytes when it was imported).
          const draftSha256 = sha256Hex(utf8(draft.payload));
          const separateOpinion = opinion
            ? signSeparateOpinion({ caseId: received.value.case.id, seat: "member", kind: opinion.kind, draftSha256, text: opinionParagraphs }, seat.identity.signing, now)
            : undefined;
          const input = { caseId: received.value.case.id, round, draftSha256, comments: commentParagraphs, ...(separateOpinion ? { separateOpinion } : {}) };
          const bytes = await sealDraftAnswer(input, seat.identity.signing, [card.value.agePublicKey], now);
          const sha256 = sha256Hex(bytes);
          const fileName = draftAnswerFileName({ caseId: input.caseId, round, seat: { fingerprint: seat.fingerprint } }, false);
          const sent: SentAnswer = {
            sha256,
            fileName,
            answeredAt: timestampOf(now),
            late: now.getTime() > Date.parse(draft.request.deadline),
            opinion: opinion?.kind ?? "none",
            ...(separateOpinion ? { separateOpinion: { statement: fromUtf8(separateOpinion.bytes) ?? "", signature: separateOpinion.signature } } : {}),
          };
          const record: ReceivedDrafts = {
            format: "attribution-panel/received-opinion-drafts",
            version: 1,
            caseId: received.value.case.id,
            drafts: drafts.map((d) => (d.round === round ? { ...d, answers: [...d.answers, sent] } : d)),
          };
          const change = ReceivedDraftsRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] }, { event: "opinion-draft-answered", detail: { case: caseId, round, sha256, opinion: sent.opinion, late: sent.late } });
          if (!written.ok) return refused(written.error);
          return ok({ outcome: "answered", sha256, sent, file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } });
        });
      }),
  };
}
