/**
 * A rubric as the editor holds it while the person types, and its draft as
 * kept in the vault (shared/rubric/records/rubric-draft.record.ts): a number
 * field that holds no number (NaN while typing) is kept as null, and read
 * back as NaN. Also what the editor keeps and offers: the draft record of
 * its edits, and whether a draft read back is worth offering. Pure (no
 * vault, no worker), so the editor can use it directly.
 */
import type { DraftRubric, RubricDraft } from "./records/rubric-draft.record";
import { RUBRIC_SCALES, type Rubric } from "./rubric";

type Bound = number | null;

const kept = (n: number): Bound => (Number.isFinite(n) ? n : null);
const typed = (n: Bound): number => (n === null ? Number.NaN : n);

function mapBounds<T extends { low?: unknown; high?: unknown }>(term: T, f: (n: never) => unknown): T {
  const out: Record<string, unknown> = { ...term };
  for (const key of ["low", "high"] as const) if (term[key] !== undefined) out[key] = f(term[key] as never);
  return out as T;
}

/** The editor's rubric as a draft's content. */
export function draftRubricOf(rubric: Rubric): DraftRubric {
  const out: Record<string, unknown> = { ...rubric, sumTolerance: kept(rubric.sumTolerance) };
  for (const scale of RUBRIC_SCALES) out[scale] = (rubric[scale] as readonly { low?: number; high?: number }[]).map((term) => mapBounds(term, kept));
  return out as DraftRubric;
}

/** A draft's content as the editor holds it (typed as a rubric, though it may break the rubric's checks). */
export function rubricOfDraft(draft: DraftRubric): Rubric {
  const out: Record<string, unknown> = { ...draft, sumTolerance: typed(draft.sumTolerance) };
  for (const scale of RUBRIC_SCALES) out[scale] = draft[scale].map((term) => mapBounds(term, typed));
  return out as Rubric;
}

/** Whether two rubrics as the editor holds them say the same (NaN equal to NaN). */
export function sameRubric(a: Rubric, b: Rubric): boolean {
  return JSON.stringify(draftRubricOf(a)) === JSON.stringify(draftRubricOf(b));
}

/** The draft record of the editor's `rubric`, begun from revision `baseRevision` of rubric `rubricId`, as kept at `savedAt`. */
export function rubricDraftRecord(rubricId: string, baseRevision: number, savedAt: string, rubric: Rubric): RubricDraft {
  return { format: "attribution-panel/rubric-draft", version: 1, rubricId, baseRevision, savedAt, rubric: draftRubricOf(rubric) };
}

/**
 * The draft to offer when rubric `saved` is opened: the one kept, unless
 * there is none or it says what the rubric says now (whatever revision it
 * was begun from).
 */
export function draftToOffer(kept: RubricDraft | null | undefined, saved: Rubric): RubricDraft | undefined {
  if (!kept) return undefined;
  return sameRubric({ ...rubricOfDraft(kept.rubric), revision: saved.revision }, saved) ? undefined : kept;
}
