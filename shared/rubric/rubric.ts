/**
 * The judgment rubric as data (versioned, validated), so a secretariat can
 * define its own; a case packet carries the one its panel uses. The default
 * follows the conventions analysts already use (see DESIGN.md): ICD 203
 * likelihood terms, IPCC-style confidence, Healey's spectrum of state
 * responsibility, Tallinn Manual 2.0 legal bases, ACH consistency codes and
 * the Admiralty grading.
 *
 * Languages: a rubric travels in signed packets, so it carries ids, never
 * the interface's words. A term of the catalog (the ids below, which the
 * interface names in every language) carries its id only; a secretariat's
 * own term carries its label per language (`{ "en": …, "fr": … }`, at least
 * one language). `localizedText` picks the label to show; see README
 * ("Languages").
 */
import { z } from "../validation/zod";

/** The languages a rubric's own labels may be written in: the six UN languages, in the UN's order. */
export const RUBRIC_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type RubricLanguage = (typeof RUBRIC_LANGUAGES)[number];

/** ICD 203 expressions of likelihood, least to most likely. */
export const LIKELIHOOD_TERMS = ["almost-no-chance", "very-unlikely", "unlikely", "roughly-even-chance", "likely", "very-likely", "almost-certain"] as const;
/** Analytic confidence. */
export const CONFIDENCE_LEVELS = ["low", "moderate", "high"] as const;
/** The evidence a confidence rests on (IPCC: limited, medium, robust). */
export const EVIDENCE_BASIS_LEVELS = ["limited", "medium", "robust"] as const;
/** How far sources and analysts agree (IPCC: low, medium, high). */
export const AGREEMENT_LEVELS = ["low", "medium", "high"] as const;
/** Healey's spectrum of state responsibility, least to most responsible. */
export const STATE_RESPONSIBILITY_LEVELS = [
  "state-prohibited",
  "state-prohibited-but-inadequate",
  "state-ignored",
  "state-encouraged",
  "state-shaped",
  "state-coordinated",
  "state-ordered",
  "state-rogue-conducted",
  "state-executed",
  "state-integrated",
] as const;
/** Tallinn Manual 2.0 bases for attributing conduct to a state (rules 15–17, 6–7). */
export const LEGAL_BASES = ["state-organ", "instructions-direction-control", "acknowledged-adopted", "due-diligence", "not-attributable"] as const;
/** Analysis of Competing Hypotheses: how an evidence item bears on a claim. */
export const CONSISTENCY_TERMS = ["very-consistent", "consistent", "neutral", "inconsistent", "very-inconsistent", "not-applicable"] as const;
/** The ACH notation of each consistency term (a code, written the same in every language). */
export const CONSISTENCY_CODE: Readonly<Record<(typeof CONSISTENCY_TERMS)[number], string>> = {
  "very-consistent": "CC",
  consistent: "C",
  neutral: "N",
  inconsistent: "I",
  "very-inconsistent": "II",
  "not-applicable": "NA",
};

/** The catalog: per scale, the term ids the interface names in every language. */
export const CATALOG_TERMS = {
  likelihood: LIKELIHOOD_TERMS,
  confidence: CONFIDENCE_LEVELS,
  evidenceBasis: EVIDENCE_BASIS_LEVELS,
  agreement: AGREEMENT_LEVELS,
  stateResponsibility: STATE_RESPONSIBILITY_LEVELS,
  legalBasis: LEGAL_BASES,
  consistency: CONSISTENCY_TERMS,
} as const;
export type RubricScale = keyof typeof CATALOG_TERMS;
export const RUBRIC_SCALES = Object.keys(CATALOG_TERMS) as RubricScale[];
export type CatalogTerm<S extends RubricScale> = (typeof CATALOG_TERMS)[S][number];

export const isCatalogTerm = <S extends RubricScale>(scale: S, id: string): id is CatalogTerm<S> => (CATALOG_TERMS[scale] as readonly string[]).includes(id);

export const DEFAULT_RUBRIC_ID = "default-v1";

const Label = z.string().trim().min(1).max(200);

/** A label in one or more of the UN languages, e.g. `{ "en": "Likely", "fr": "Probable" }`. */
export const LocalizedTextSchema = z
  .strictObject({ ar: Label.optional(), zh: Label.optional(), en: Label.optional(), fr: Label.optional(), ru: Label.optional(), es: Label.optional() })
  .refine((text) => RUBRIC_LANGUAGES.some((l) => text[l] !== undefined), { params: { reason: "rubric-no-language" } });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

/**
 * The label to show in `language`: that language's, else English, else the
 * first one written in the order of RUBRIC_LANGUAGES (Arabic, Chinese,
 * English, French, Russian, Spanish); `language` says which one was picked,
 * so the interface can mark text shown in another language (`lang`).
 */
export function localizedText(text: LocalizedText, language: string): { text: string; language: RubricLanguage } {
  const order: RubricLanguage[] = [...RUBRIC_LANGUAGES.filter((l) => l === language), "en", ...RUBRIC_LANGUAGES];
  for (const l of order) {
    const value = text[l];
    if (value !== undefined) return { text: value, language: l };
  }
  // The schema requires one language; a value built without it is a bug.
  throw new RangeError("a localized text without any language");
}

/** A term: its id, and its own label unless the id is a catalog term of its scale. */
const Term = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), label: LocalizedTextSchema.optional() });
export type RubricTerm = z.infer<typeof Term>;

/**
 * A rubric as stored or received by an earlier version, read as this one
 * writes it: labels were one English string. The default rubric's terms and
 * title drop them (the catalog names them); any other label becomes
 * `{ "en": … }`.
 */
export function readLegacyRubric(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const rubric = value as Record<string, unknown>;
  const isDefault = rubric["id"] === DEFAULT_RUBRIC_ID;
  const out: Record<string, unknown> = { ...rubric };
  if (typeof rubric["title"] === "string") {
    if (isDefault) delete out["title"];
    else out["title"] = { en: rubric["title"] };
  }
  for (const scale of RUBRIC_SCALES) {
    const terms = rubric[scale];
    if (!Array.isArray(terms)) continue;
    out[scale] = terms.map((term: unknown) => {
      if (typeof term !== "object" || term === null) return term;
      const { label, ...rest } = term as Record<string, unknown>;
      if (typeof label !== "string") return term;
      return isDefault && typeof rest["id"] === "string" && isCatalogTerm(scale, rest["id"]) ? rest : { ...rest, label: { en: label } };
    });
  }
  return out;
}

/** How a rubric asks a question: not at all, optionally, or as a condition of submission. */
export const REQUIREMENTS = ["off", "optional", "required"] as const;
export type Requirement = (typeof REQUIREMENTS)[number];
const RequirementSchema = z.enum(REQUIREMENTS);

/**
 * The questions a rubric may ask besides the likelihood (term and best
 * estimate), which every rubric asks of every claim. Per claim: the IDEA
 * protocol's lowest and highest plausible values, analytic confidence with
 * its basis, state responsibility, legal basis, a rationale; per evidence
 * item and claim, the ACH matrix; once per scoresheet: civilian harm,
 * proportionality, an overall rationale.
 */
export const RUBRIC_QUESTIONS = ["range", "confidence", "stateResponsibility", "legalBasis", "claimRationale", "ach", "civilianHarm", "proportionality", "overallRationale"] as const;
export type RubricQuestion = (typeof RUBRIC_QUESTIONS)[number];
export const RubricAsksSchema = z.strictObject(Object.fromEntries(RUBRIC_QUESTIONS.map((q) => [q, RequirementSchema])) as Record<RubricQuestion, typeof RequirementSchema>);
export type RubricAsks = z.infer<typeof RubricAsksSchema>;

/** What the default rubric asks: everything, the ranges and the two questions about a response optional. */
export const DEFAULT_ASKS: RubricAsks = {
  range: "optional",
  confidence: "required",
  stateResponsibility: "required",
  legalBasis: "required",
  claimRationale: "required",
  ach: "required",
  civilianHarm: "optional",
  proportionality: "optional",
  overallRationale: "required",
};

/** How far (in percentage points) the best estimates of a case's claims may sum away from 100 before the scoresheet warns. */
export const DEFAULT_SUM_TOLERANCE = 5;

/**
 * A rubric of format version 1 (before a rubric said what it asks) read as
 * version 2: its first revision, asking what the default rubric asks.
 */
export function readRubricV1(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const rubric = value as Record<string, unknown>;
  if (rubric["version"] !== 1) return value;
  return { ...rubric, version: 2, revision: 1, asks: DEFAULT_ASKS, sumTolerance: DEFAULT_SUM_TOLERANCE };
}

export const RUBRIC_FORMAT = "attribution-panel/rubric";
export const RUBRIC_FORMAT_VERSION = 2;
export const RubricIdSchema = z.string().regex(/^[a-z0-9-]{1,100}$/);

const CurrentRubricSchema = z
  .strictObject({
    format: z.literal(RUBRIC_FORMAT),
    version: z.literal(RUBRIC_FORMAT_VERSION),
    id: RubricIdSchema,
    /** Which edition of this rubric: a rubric a sent packet used is frozen, and editing it makes the next revision. */
    revision: z.number().int().min(1).max(1_000_000),
    /** A secretariat's rubric names itself; the default one is named by the interface. */
    title: LocalizedTextSchema.optional(),
    asks: RubricAsksSchema,
    /** Percentage points the claims' best estimates may sum away from 100 before the scoresheet warns. */
    sumTolerance: z.number().min(0).max(50),
    likelihood: z
      .array(Term.extend({ low: z.number().min(0).max(100), high: z.number().min(0).max(100) }))
      .min(2)
      .max(20),
    confidence: z.array(Term).min(2).max(10),
    evidenceBasis: z.array(Term).min(2).max(10),
    agreement: z.array(Term).min(2).max(10),
    stateResponsibility: z.array(Term).min(2).max(20),
    legalBasis: z.array(Term).min(2).max(20),
    consistency: z.array(Term.extend({ code: z.string().min(1).max(4) })).min(2).max(10),
  })
  .superRefine((r, ctx) => {
    if (r.title === undefined && r.id !== DEFAULT_RUBRIC_ID) ctx.addIssue({ code: "custom", path: ["title"], params: { reason: "rubric-title-required" } });
    for (const scale of RUBRIC_SCALES) {
      const terms: readonly RubricTerm[] = r[scale];
      terms.forEach((t, i) => {
        if (t.label === undefined && !isCatalogTerm(scale, t.id)) ctx.addIssue({ code: "custom", path: [scale, i, "label"], params: { reason: "rubric-label-required", subject: t.id } });
      });
      const ids = terms.map((t) => t.id);
      if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: [scale], params: { reason: "rubric-duplicate-term" } });
    }
    r.likelihood.forEach((t, i) => {
      if (t.low > t.high) ctx.addIssue({ code: "custom", path: ["likelihood", i], params: { reason: "rubric-range-inverted", subject: t.id } });
      const next = r.likelihood[i + 1];
      if (next && next.low < t.low) ctx.addIssue({ code: "custom", path: ["likelihood", i + 1], params: { reason: "rubric-likelihood-order" } });
    });
  });
export type Rubric = z.infer<typeof CurrentRubricSchema>;
/** A rubric as read from a packet or the vault: an earlier version's labels (readLegacyRubric) and format version 1 (readRubricV1) migrated. */
export const RubricSchema = z.preprocess((value) => readRubricV1(readLegacyRubric(value)), CurrentRubricSchema);

const ids = (list: readonly string[]) => list.map((id) => ({ id }));
const ICD_203_RANGES: Readonly<Record<(typeof LIKELIHOOD_TERMS)[number], readonly [number, number]>> = {
  "almost-no-chance": [1, 5],
  "very-unlikely": [5, 20],
  unlikely: [20, 45],
  "roughly-even-chance": [45, 55],
  likely: [55, 80],
  "very-likely": [80, 95],
  "almost-certain": [95, 99],
};

/** The default rubric: catalog terms only (ids, no labels), named in the interface's language. */
export const DEFAULT_RUBRIC: Rubric = {
  format: RUBRIC_FORMAT,
  version: RUBRIC_FORMAT_VERSION,
  id: DEFAULT_RUBRIC_ID,
  revision: 1,
  asks: DEFAULT_ASKS,
  sumTolerance: DEFAULT_SUM_TOLERANCE,
  likelihood: LIKELIHOOD_TERMS.map((id) => ({ id, low: ICD_203_RANGES[id][0], high: ICD_203_RANGES[id][1] })),
  confidence: ids(CONFIDENCE_LEVELS),
  evidenceBasis: ids(EVIDENCE_BASIS_LEVELS),
  agreement: ids(AGREEMENT_LEVELS),
  stateResponsibility: ids(STATE_RESPONSIBILITY_LEVELS),
  legalBasis: ids(LEGAL_BASES),
  consistency: CONSISTENCY_TERMS.map((id) => ({ id, code: CONSISTENCY_CODE[id] })),
};
