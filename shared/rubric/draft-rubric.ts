/**
 * A rubric as the editor holds it, while the person types, and as its draft
 * is kept in the vault (shared/rubric/records/rubric-draft.record.ts): a
 * number field that holds no number (NaN while typing) is kept as null, and
 * read back as NaN. Pure, without zod, so the editor can use it directly.
 */
import type { Rubric } from "./rubric";

type Bound = number | null;
/** A term of a draft: what the editor's term holds, with its bounds as kept. */
export type DraftTermShape = { readonly id: string; readonly label?: Partial<Record<string, string>>; readonly low?: Bound; readonly high?: Bound; readonly code?: string };
/** The shape of a draft rubric: the rubric's fields, numbers possibly null (the record's schema checks it). */
export type DraftRubricShape = Omit<Rubric, "sumTolerance" | (typeof TERM_LISTS)[number]> & { readonly sumTolerance: Bound } & { readonly [S in (typeof TERM_LISTS)[number]]: readonly DraftTermShape[] };

const TERM_LISTS = ["likelihood", "confidence", "evidenceBasis", "agreement", "stateResponsibility", "legalBasis", "consistency"] as const;

const kept = (n: number): Bound => (Number.isFinite(n) ? n : null);
const typed = (n: Bound): number => (n === null ? Number.NaN : n);

function mapBounds<T extends { low?: unknown; high?: unknown }>(term: T, f: (n: never) => unknown): T {
  const out: Record<string, unknown> = { ...term };
  for (const key of ["low", "high"] as const) if (term[key] !== undefined) out[key] = f(term[key] as never);
  return out as T;
}

/** The editor's rubric as a draft's content. */
export function draftRubricOf(rubric: Rubric): DraftRubricShape {
  const out: Record<string, unknown> = { ...rubric, sumTolerance: kept(rubric.sumTolerance) };
  for (const list of TERM_LISTS) out[list] = (rubric[list] as readonly { low?: number; high?: number }[]).map((term) => mapBounds(term, kept));
  return out as DraftRubricShape;
}

/** A draft's content as the editor holds it (typed as a rubric, though it may break the rubric's checks). */
export function rubricOfDraft(draft: DraftRubricShape): Rubric {
  const out: Record<string, unknown> = { ...draft, sumTolerance: typed(draft.sumTolerance) };
  for (const list of TERM_LISTS) out[list] = draft[list].map((term) => mapBounds(term, typed));
  return out as Rubric;
}

/** Whether two rubrics as the editor holds them say the same (NaN equal to NaN). */
export function sameRubric(a: Rubric, b: Rubric): boolean {
  return JSON.stringify(draftRubricOf(a)) === JSON.stringify(draftRubricOf(b));
}
