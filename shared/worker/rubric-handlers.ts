/**
 * The secretariat's rubrics (shared/rubric/rubric-store.ts) behind the
 * worker contract: a store refusal becomes the "rubric" problem, a vault
 * failure the vault's.
 */
import { ok, type Result } from "../result";
import { createRubric, duplicateRubric, getRubric, listRubrics, restoreRubric, retireRubric, saveRubric, type RubricEntry, type RubricStoreError, type SaveOutcome } from "../rubric/rubric-store";
import { discardRubricDraft, keepRubricDraft, loadRubricDraft } from "../rubric/rubric-draft";
import type { WorkerError } from "./contracts/envelope";
import type { RubricHandlers } from "./contracts/rubric";
import { refused, refusedWith, type R } from "./refusal";
import type { VaultAccess } from "./vault-session";

/** A store failure as the worker reports it. */
export const rubricRefused = (e: RubricStoreError): Result<never, WorkerError> => (e.kind === "rubric-refused" ? refusedWith({ kind: "rubric", error: e.error }) : refused(e));

const answer = <T>(r: Result<T, RubricStoreError>): Result<T, WorkerError> => (r.ok ? r : rubricRefused(r.error));

export function createRubricHandlers({ withVault, clock }: VaultAccess): RubricHandlers {
  return {
    "rubric:list": () => withVault(async (v) => {
      const list = await listRubrics(v);
      return list.ok ? list : refused(list.error);
    }),
    "rubric:get": ({ id, revision }) => withVault(async (v) => answer(await getRubric(v, id, revision))),
    "rubric:save": ({ rubric, baseRevision }) =>
      withVault(async (v): R<{ entry: RubricEntry; revision: number; outcome: SaveOutcome | "created" }> => {
        if (baseRevision !== null) {
          // Saving deletes the editor's draft of the rubric in the same transaction.
          return answer(await saveRubric(v, rubric, baseRevision, clock()));
        }
        const created = await createRubric(v, rubric, clock());
        return created.ok ? ok({ entry: created.value, revision: 1, outcome: "created" }) : rubricRefused(created.error);
      }),
    "rubric:duplicate": ({ from, revision, id, title }) => withVault(async (v) => answer(await duplicateRubric(v, { from, revision, id, title }, clock()))),
    "rubric:retire": ({ id }) => withVault(async (v) => answer(await retireRubric(v, id, clock()))),
    "rubric:restore": ({ id }) => withVault(async (v) => answer(await restoreRubric(v, id, clock()))),
    "rubric:draft-get": ({ id }) =>
      withVault(async (v) => {
        const draft = await loadRubricDraft(v, id);
        return draft.ok ? ok(draft.value ?? null) : refused(draft.error);
      }),
    "rubric:draft-keep": ({ draft }) =>
      withVault(async (v) => {
        const kept = await keepRubricDraft(v, draft);
        if (kept.ok) return ok({ savedAt: kept.value.savedAt });
        return kept.error.kind === "draft-invalid" ? refusedWith({ kind: "rubric", error: { kind: "invalid-rubric", issues: kept.error.issues } }) : refused(kept.error);
      }),
    "rubric:draft-discard": ({ id }) =>
      withVault(async (v) => {
        const discarded = await discardRubricDraft(v, id);
        return discarded.ok ? ok({}) : refused(discarded.error);
      }),
  };
}
