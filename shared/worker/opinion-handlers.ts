/**
 * The chair's opinion draft (issue 15, "Drafting"): `opinion:load` answers
 * the stored draft (or the defaults: the median for every claim, the panel's
 * findings, regions released, the evidence marked TLP:RED or
 * TLP:AMBER+STRICT withholdable) with the opinion recomputed by
 * draftFromStatistics from the statistics of the final round the chair
 * holds; `opinion:save` recomputes the opinion from the choices given,
 * checks every mark against it (withholding.ts checkMarks) and stores the
 * draft, or refuses as a value with nothing written.
 */
import { randomShuffle } from "../crypto/sodium";
import { fromUtf8 } from "../encoding/bytes";
import { cryptoRandom } from "../formats/selective-disclosure";
import { importIdentityCard } from "../identity/identity-card";
import { draftForCommentFileName, MAX_COMMENT_ROUNDS, sealDraftForComment } from "../opinion/draft-exchange";
import { concealDraft } from "../opinion/payload";
import { SentDraftsRecord, type SentDraft, type SentDrafts } from "../opinion/records/sent-draft.record";
import { parsePointer } from "../formats/json-pointer";
import { chairHolding, type ChairHolding } from "../merge/chair-case";
import type { MergeError } from "../merge/merge-error";
import { statisticsOf, type PanelStatistics } from "../merge/statistics";
import { draftFromStatistics, type DraftError, type Opinion } from "../opinion/opinion";
import { DEFAULT_CHOICES, draftChoicesOf, OpinionDraftRecord, type OpinionDraft } from "../opinion/records/opinion-draft.record";
import { checkMarks, defaultMarks, estimateRegionPointers, type WithholdingMark, type WithholdingReason } from "../opinion/withholding";
import { err, ok, type Result } from "../result";
import { timestampOf } from "../identity/identity-details";
import { withIdentities } from "./case-kit";
import type { WorkerError } from "./contracts/envelope";
import type { DraftRefusal, DraftState, OpinionHandlers, OpinionSaved, OpinionView, SentForComment } from "./contracts/opinion";
import { mergeRefused } from "./merge-handlers";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

/** The statistics of the final round: the latest, up to the one open, of which the chair holds a counted scoresheet. */
export function finalStatistics(holding: Pick<ChairHolding, "received" | "held" | "round">): Result<PanelStatistics, MergeError> {
  for (let round = holding.round; round >= 1; round--) {
    const statistics = statisticsOf(holding.received, holding.held, round);
    if (statistics.ok || statistics.error.kind !== "nothing-submitted") return statistics;
  }
  return err({ kind: "nothing-submitted" });
}

/** Whether `pointer` names the region of a released estimate (/estimates/i/values/j/region). */
export function isEstimateRegion(pointer: string): boolean {
  const t = parsePointer(pointer);
  return t !== undefined && t.length === 5 && t[0] === "estimates" && t[2] === "values" && t[4] === "region";
}

/** Stored marks as the chair edits them: the estimates' regions as one group, with the reason of the first. */
export function splitMarks(marks: readonly WithholdingMark[]): Pick<DraftState, "marks" | "regionsWithheld"> {
  const region = marks.find((m) => isEstimateRegion(m.pointer));
  return { marks: marks.filter((m) => !isEstimateRegion(m.pointer)), regionsWithheld: region?.reason ?? null };
}

/** The marks of `draft` for `opinion`: its own, and the region of every released estimate when the group is marked. */
export function marksFor(draft: Pick<DraftState, "marks" | "regionsWithheld">, opinion: Opinion): WithholdingMark[] {
  const reason: WithholdingReason | null = draft.regionsWithheld;
  return [...draft.marks.filter((m) => !isEstimateRegion(m.pointer)), ...(reason === null ? [] : estimateRegionPointers(opinion).map((pointer) => ({ pointer, reason })))];
}

/** Why a draft cannot be sent for comment, besides the draft's own problems. */
type SendRefusal = { readonly kind: "deadline-passed" } | { readonly kind: "no-members" } | { readonly kind: "too-many-rounds" };


export function createOpinionHandlers({ withVault, clock }: VaultAccess): OpinionHandlers {
  const opinionOf = (holding: ChairHolding, statistics: PanelStatistics, draft: Pick<DraftState, "choices" | "reasoning">, at: Date): Result<Opinion, DraftError> =>
    draftFromStatistics(holding.received, statistics, draftChoicesOf(draft.choices, draft.reasoning, at), randomShuffle);

  /** The draft as stored (or the defaults, before the first save: the panel's findings, TLP:RED and AMBER+STRICT evidence withholdable), and the opinion it makes now. */
  const currentDraft = (holding: ChairHolding, statistics: PanelStatistics, stored: OpinionDraft | undefined, now: Date): { draft: DraftState; opinion: Result<Opinion, DraftError> } => {
    const base = stored ? { choices: stored.choices, reasoning: stored.reasoning } : { choices: DEFAULT_CHOICES, reasoning: "" };
    const opinion = opinionOf(holding, statistics, base, now);
    const marks = stored ? splitMarks(stored.marks) : { marks: opinion.ok ? defaultMarks(opinion.value, holding.received.case) : [], regionsWithheld: null };
    return { draft: { ...base, ...marks }, opinion };
  };

  return {
    "opinion:load": ({ caseId }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<OpinionView, WorkerError>> => {
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const statistics = finalStatistics(holding.value);
          if (!statistics.ok) return mergeRefused(statistics.error);
          const stored = await OpinionDraftRecord.findKeyed(v, [caseId]);
          if (!stored.ok) return refused(stored.error);
          if (stored.value && stored.value.caseId !== caseId) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
          const { draft, opinion } = currentDraft(holding.value, statistics.value, stored.value, clock());
          const checked = opinion.ok ? checkMarks(opinion.value, marksFor(draft, opinion.value)) : undefined;
          const { received } = holding.value;
          return ok({
            outcome: "draft",
            round: statistics.value.round,
            rubric: statistics.value.rubric,
            claims: received.case.claims.map((c) => ({ claim: c.id, statement: c.statement, catchAll: c.catchAll === true })),
            draft,
            updatedAt: stored.value?.updatedAt ?? null,
            opinion: opinion.ok ? opinion.value : null,
            problem: opinion.ok ? null : opinion.error,
            stale: checked && !checked.ok ? checked.error : [],
          });
        }),
      ),

    "opinion:send-for-comment": ({ caseId, deadline, note }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<SentForComment, WorkerError>> => {
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const statistics = finalStatistics(holding.value);
          if (!statistics.ok) return mergeRefused(statistics.error);
          const { received, chair } = holding.value;
          const now = clock();
          const invalid = (refusal: SendRefusal | DraftRefusal): Result<SentForComment, WorkerError> => ok({ outcome: "invalid", refusal });
          if (Date.parse(deadline) <= now.getTime()) return invalid({ kind: "deadline-passed" });
          const stored = await OpinionDraftRecord.findKeyed(v, [caseId]);
          if (!stored.ok) return refused(stored.error);
          const { draft, opinion } = currentDraft(holding.value, statistics.value, stored.value, now);
          if (!opinion.ok) return invalid({ kind: "draft", error: opinion.error });
          const concealed = concealDraft(opinion.value, marksFor(draft, opinion.value), { random: cryptoRandom });
          if (!concealed.ok) {
            if (concealed.error.kind === "marks") return invalid({ kind: "marks", problems: [...concealed.error.problems] });
            if (concealed.error.kind === "invalid-opinion") return invalid({ kind: "draft", error: { kind: "invalid-draft", issues: concealed.error.issues } });
            throw new Error(`a checked opinion could not be concealed: ${concealed.error.error.kind}`);
          }
          const members = received.roster.filter((p) => p.role === "member");
          if (members.length === 0) return invalid({ kind: "no-members" });
          const sentBefore = await SentDraftsRecord.findKeyed(v, [caseId]);
          if (!sentBefore.ok) return refused(sentBefore.error);
          const earlier = sentBefore.value?.sent ?? [];
          const round = earlier.length + 1;
          if (round > MAX_COMMENT_ROUNDS) return invalid({ kind: "too-many-rounds" });
          const files = [];
          for (const person of members) {
            // The roster's cards were verified when the packet was imported; one that no longer reads is a damaged store.
            const card = importIdentityCard(person.cardFile);
            if (!card.ok || card.value.fingerprint !== person.fingerprint) return ok({ outcome: "refused", error: { kind: "store-damaged" } });
            const input = { caseId: received.case.id, round, recipient: person.fingerprint, deadline: new Date(deadline), ...(note ? { note } : {}) };
            const bytes = await sealDraftForComment(concealed.value, input, chair.signing, { member: card.value.agePublicKey, chair: chair.encryption.publicKey }, now);
            const fileName = draftForCommentFileName({ caseId: input.caseId, round, recipient: { fingerprint: person.fingerprint } });
            files.push({ seat: person.fingerprint, displayName: person.displayName, file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) } });
          }
          const { sha256, bytes, disclosures, decoys } = concealed.value;
          const sentAt = timestampOf(now);
          const entry: SentDraft = {
            round,
            payload: fromUtf8(bytes) ?? "",
            sha256,
            disclosures: disclosures.map((d) => ({ pointer: d.pointer, encoded: d.encoded, reason: d.reason })),
            decoys: [...decoys],
            deadline: timestampOf(new Date(deadline)),
            ...(note ? { note } : {}),
            seats: members.map((p) => p.fingerprint),
            sentAt,
          };
          const record: SentDrafts = { format: "attribution-panel/sent-opinion-drafts", version: 1, caseId: received.case.id, sent: [...earlier, entry] };
          const change = SentDraftsRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] }, { event: "opinion-draft-sent", detail: { case: caseId, round, sha256, seats: members.length } });
          return written.ok ? ok({ outcome: "sent", round, sha256, files }) : refused(written.error);
        }),
      ),

    "opinion:save": ({ caseId, draft }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<OpinionSaved, WorkerError>> => {
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const statistics = finalStatistics(holding.value);
          if (!statistics.ok) return mergeRefused(statistics.error);
          const now = clock();
          const opinion = opinionOf(holding.value, statistics.value, draft, now);
          if (!opinion.ok) return ok({ outcome: "invalid", refusal: { kind: "draft", error: opinion.error } });
          const marks = checkMarks(opinion.value, marksFor(draft, opinion.value));
          if (!marks.ok) return ok({ outcome: "invalid", refusal: { kind: "marks", problems: marks.error } });
          const updatedAt = timestampOf(now);
          const record: OpinionDraft = {
            format: "attribution-panel/chair-opinion-draft",
            version: 1,
            caseId: holding.value.received.case.id,
            choices: draft.choices,
            reasoning: draft.reasoning,
            marks: marks.value,
            updatedAt,
          };
          const change = OpinionDraftRecord.changeKeyed(v, [caseId], record);
          if (!change.ok) return refused(change.error);
          const written = await v.write({ put: [change.value] });
          return written.ok ? ok({ outcome: "saved", updatedAt, opinion: opinion.value }) : refused(written.error);
        }),
      ),
  };
}
