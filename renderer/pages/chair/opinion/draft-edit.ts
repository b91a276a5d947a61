/**
 * Edits of the chair's opinion draft as pure functions of the draft (the
 * worker's DraftState): a withholding mark set, changed or removed, and one
 * claim's choice changed. Each returns a new draft; marks keep their order.
 */
import type { ClaimId } from "../../../../shared/case/model";
import type { WithholdingMark, WithholdingReason } from "../../../../shared/opinion/withholding";
import type { DraftState, StoredClaimChoice } from "../../../../shared/worker/contract";

/** The mark of `pointer`, if any. */
export const markOf = (draft: Pick<DraftState, "marks">, pointer: string): WithholdingMark | undefined => draft.marks.find((m) => m.pointer === pointer);

/** `pointer` marked with `reason` (in place when already marked, else at the end), or unmarked with null. */
export function setMark(draft: DraftState, pointer: string, reason: WithholdingReason | null): DraftState {
  const at = draft.marks.findIndex((m) => m.pointer === pointer);
  if (reason === null) return at < 0 ? draft : { ...draft, marks: draft.marks.filter((_, i) => i !== at) };
  const mark = { pointer, reason };
  return { ...draft, marks: at < 0 ? [...draft.marks, mark] : draft.marks.map((m, i) => (i === at ? mark : m)) };
}

/** The chair's choice for `claim` (empty: everything follows the panel and the default aggregate). */
export const choiceOf = (draft: Pick<DraftState, "choices">, claim: ClaimId): StoredClaimChoice => draft.choices.claims.find((c) => c.claim === claim) ?? { claim };

/**
 * `claim`'s choice with `change` applied: a field set to undefined follows
 * the panel again (and is left out); a choice with nothing left is removed.
 */
export function setChoice(draft: DraftState, claim: ClaimId, change: Partial<Omit<StoredClaimChoice, "claim">>): DraftState {
  const merged: Record<string, unknown> = { ...choiceOf(draft, claim), ...change };
  const next = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as StoredClaimChoice;
  const others = draft.choices.claims.filter((c) => c.claim !== claim);
  const keep = Object.keys(next).length > 1;
  const at = draft.choices.claims.findIndex((c) => c.claim === claim);
  const claims = !keep ? others : at < 0 ? [...draft.choices.claims, next] : draft.choices.claims.map((c) => (c.claim === claim ? next : c));
  return { ...draft, choices: { ...draft.choices, claims } };
}
