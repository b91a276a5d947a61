/**
 * Unsaved edits of a secretariat's rubric, kept in the vault (encrypted like
 * every record) so that a crash or a closed window loses nothing: the
 * editor keeps its draft shortly after each change, offers it when the
 * rubric is opened again, and saving the rubric or discarding the draft
 * deletes it. One draft per rubric.
 */
import { issuesOf, type Issue } from "../validation/issues";
import { err, ok, type Result } from "../result";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { RubricDraftRecord, RubricDraftSchema, type RubricDraft } from "./records/rubric-draft.record";

export { RubricDraftSchema, type RubricDraft } from "./records/rubric-draft.record";

export type RubricDraftError = VaultError | { readonly kind: "draft-invalid"; readonly issues: readonly Issue[] };

/** The draft of rubric `rubricId`, or undefined when there is none. */
export async function loadRubricDraft(v: UnlockedVault, rubricId: string): Promise<Result<RubricDraft | undefined, VaultError>> {
  return RubricDraftRecord.findKeyed(v, [rubricId]);
}

/** Keeps `candidate` as the draft of its rubric, replacing any earlier one. */
export async function keepRubricDraft(v: UnlockedVault, candidate: unknown): Promise<Result<RubricDraft, RubricDraftError>> {
  const parsed = RubricDraftSchema.safeParse(candidate);
  if (!parsed.success) return err({ kind: "draft-invalid", issues: issuesOf(parsed.error, 6) });
  const draft = parsed.data;
  if (draft.rubric.id !== draft.rubricId) return err({ kind: "draft-invalid", issues: [{ code: "custom", path: ["rubric", "id"] }] });
  const id = RubricDraftRecord.keyedId(v, draft.rubricId);
  if (!id.ok) return id;
  const written = await RubricDraftRecord.put(v, id.value, draft);
  return written.ok ? ok(draft) : written;
}

/** Deletes the draft of rubric `rubricId` (nothing happens when there is none). */
export async function discardRubricDraft(v: UnlockedVault, rubricId: string): Promise<Result<void, VaultError>> {
  const id = RubricDraftRecord.keyedId(v, rubricId);
  return id.ok ? RubricDraftRecord.delete(v, id.value) : id;
}
