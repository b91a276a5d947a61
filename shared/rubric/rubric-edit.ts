/**
 * Editing a rubric, as pure functions the secretariat's rubric editor calls
 * (renderer/pages/secretariat/rubrics): terms added from the catalog or of
 * the secretariat's own, moved, removed and changed; labels per language;
 * and where each of the schema's issues belongs on the form. The draft
 * being edited has the rubric's shape but need not be valid: the schema
 * says what is wrong when it is saved (and, on the form, as it is edited).
 */
import type { Issue } from "../validation/issues";
import { CATALOG_TERMS, CONSISTENCY_CODE, DEFAULT_RUBRIC, isCatalogTerm, RUBRIC_LANGUAGES, type LocalizedText, type Rubric, type RubricLanguage, type RubricScale, type RubricTerm } from "./rubric";

/** A term of any scale, with the likelihood band and the ACH code where its scale has them. */
export type EditedTerm = RubricTerm & { readonly low?: number; readonly high?: number; readonly code?: string };

/** The terms of `scale`, as one list type. */
export const termsOf = (rubric: Rubric, scale: RubricScale): readonly EditedTerm[] => rubric[scale];

const withTerms = (rubric: Rubric, scale: RubricScale, terms: readonly EditedTerm[]): Rubric => ({ ...rubric, [scale]: terms }) as Rubric;

/** An own term's id: what the schema takes (lowercase letters, digits, hyphens; up to 60). */
const TERM_ID = /^[a-z0-9-]{1,60}$/;

/** Why `id` cannot be a new own term of `scale`: not an id, the id of a catalog term (add that from the catalog), or already in the scale. */
export function ownTermIdProblem(rubric: Rubric, scale: RubricScale, id: string): "format" | "catalog" | "taken" | undefined {
  if (!TERM_ID.test(id)) return "format";
  if (isCatalogTerm(scale, id)) return "catalog";
  return termsOf(rubric, scale).some((t) => t.id === id) ? "taken" : undefined;
}

/** The catalog's terms of `scale` the rubric does not list (yet), in the catalog's order. */
export const missingCatalogTerms = (rubric: Rubric, scale: RubricScale): string[] => (CATALOG_TERMS[scale] as readonly string[]).filter((id) => !termsOf(rubric, scale).some((t) => t.id === id));

/** A new term's band: from the end of the last one to 100, so the terms stay least to most likely. */
const nextBand = (rubric: Rubric): { low: number; high: number } => {
  const last = rubric.likelihood[rubric.likelihood.length - 1];
  const low = last && Number.isFinite(last.high) ? last.high : 0;
  return { low, high: Math.max(low, 100) };
};

/** A catalog term added at the end, with the default rubric's band or code where its scale has one. */
export function addCatalogTerm(rubric: Rubric, scale: RubricScale, id: string): Rubric {
  if (!isCatalogTerm(scale, id)) throw new RangeError(`${id} is not a catalog term of ${scale}`);
  const fromDefault = termsOf(DEFAULT_RUBRIC, scale).find((t) => t.id === id);
  const term: EditedTerm = scale === "likelihood" ? { id, low: fromDefault?.low ?? 0, high: fromDefault?.high ?? 100 } : scale === "consistency" ? { id, code: CONSISTENCY_CODE[id as keyof typeof CONSISTENCY_CODE] } : { id };
  return withTerms(rubric, scale, [...termsOf(rubric, scale), term]);
}

/** An own term added at the end, with its labels to be written (a likelihood term takes the band after the last one; an ACH term an empty code). */
export function addOwnTerm(rubric: Rubric, scale: RubricScale, id: string): Rubric {
  const term: EditedTerm = scale === "likelihood" ? { id, label: {}, ...nextBand(rubric) } : scale === "consistency" ? { id, label: {}, code: "" } : { id, label: {} };
  return withTerms(rubric, scale, [...termsOf(rubric, scale), term]);
}

export function removeTerm(rubric: Rubric, scale: RubricScale, index: number): Rubric {
  return withTerms(rubric, scale, termsOf(rubric, scale).filter((_, i) => i !== index));
}

/** The term at `index` moved by `by` places (−1: up), if it stays in the list. */
export function moveTerm(rubric: Rubric, scale: RubricScale, index: number, by: -1 | 1): Rubric {
  const terms = [...termsOf(rubric, scale)];
  const to = index + by;
  if (to < 0 || to >= terms.length || index < 0 || index >= terms.length) return rubric;
  const [term] = terms.splice(index, 1);
  terms.splice(to, 0, term as EditedTerm);
  return withTerms(rubric, scale, terms);
}

/** The term at `index` with `change` applied (its band, code or labels). */
export function changeTerm(rubric: Rubric, scale: RubricScale, index: number, change: Partial<Pick<EditedTerm, "low" | "high" | "code" | "label">>): Rubric {
  return withTerms(
    rubric,
    scale,
    termsOf(rubric, scale).map((t, i) => (i === index ? { ...t, ...change } : t)),
  );
}

/** `text` with its label in `language` set to `value`; an empty value removes that language. */
export function withLabel(text: LocalizedText | undefined, language: RubricLanguage, value: string): LocalizedText {
  const next: Partial<Record<RubricLanguage, string>> = {};
  for (const l of RUBRIC_LANGUAGES) {
    const v = l === language ? value : text?.[l];
    if (v !== undefined && v !== "") next[l] = v;
  }
  return next as LocalizedText;
}

/** A rubric written from scratch: the default's scales and questions, with its own id and title. */
export const newRubric = (id: string, title: LocalizedText): Rubric => ({ ...DEFAULT_RUBRIC, id, revision: 1, title });

/**
 * Where an issue is shown on the editor: the title, the sum tolerance, one
 * question (`asks.range`), a scale as a whole (`likelihood`), or one of its
 * terms (`likelihood.2`, whatever inside the term the issue is about);
 * anything else is `form`, shown above the form.
 */
export function issuePlace(issue: Issue): string {
  const [head, next] = issue.path;
  if (head === "title" || head === "sumTolerance") return head;
  if (head === "asks" && typeof next === "string") return `asks.${next}`;
  if (typeof head === "string" && Object.hasOwn(CATALOG_TERMS, head)) return typeof next === "number" ? `${head}.${next}` : head;
  return "form";
}

/** The issues grouped by where they are shown (issuePlace). */
export function issuesByPlace(issues: readonly Issue[]): ReadonlyMap<string, readonly Issue[]> {
  const places = new Map<string, Issue[]>();
  for (const issue of issues) {
    const place = issuePlace(issue);
    places.set(place, [...(places.get(place) ?? []), issue]);
  }
  return places;
}
