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
import type { DraftState, OpinionHandlers, OpinionSaved, OpinionView } from "./contracts/opinion";
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

const mergeRefused = (e: MergeError): Result<{ readonly outcome: "refused"; readonly error: MergeError }, WorkerError> => (e.kind === "vault-failed" ? refused(e.error) : ok({ outcome: "refused", error: e }));

export function createOpinionHandlers({ withVault, clock }: VaultAccess): OpinionHandlers {
  const opinionOf = (holding: ChairHolding, statistics: PanelStatistics, draft: Pick<DraftState, "choices" | "reasoning">, at: Date): Result<Opinion, DraftError> =>
    draftFromStatistics(holding.received, statistics, draftChoicesOf(draft.choices, draft.reasoning, at), randomShuffle);

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
          const now = clock();
          const base = stored.value ? { choices: stored.value.choices, reasoning: stored.value.reasoning } : { choices: DEFAULT_CHOICES, reasoning: "" };
          const opinion = opinionOf(holding.value, statistics.value, base, now);
          const marks = stored.value ? splitMarks(stored.value.marks) : { marks: opinion.ok ? defaultMarks(opinion.value, holding.value.received.case) : [], regionsWithheld: null };
          const draft: DraftState = { ...base, ...marks };
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
