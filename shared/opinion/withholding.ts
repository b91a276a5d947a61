/**
 * What may be withheld from the opinion (issue 15, "Drafting"): the chair
 * marks, at drafting time, each part the secretariat may later withhold
 * (any field, a paragraph of the reasoning, an evidence item, a roster
 * detail, the region of an estimate), with the reason category it would be
 * withheld for. A mark is an RFC 6901 JSON pointer into the opinion
 * opinion: the selective-disclosure payload
 * (shared/formats/selective-disclosure.ts) replaces exactly the value it
 * points at by a salted digest, so the pointer must name a value that
 * exists, and one the verifier does not need to read the rest (the format,
 * the version, the case).
 *
 * By default, evidence marked TLP:RED or TLP:AMBER+STRICT is withholdable
 * (reason: third-party confidentiality, since a TLP marking is the
 * originator's restriction on sharing); the chair may change the reason or
 * remove the mark.
 */
import { z } from "../validation/zod";
import type { Case, Tlp } from "../case/model";
import { parsePointer, pointerOf, resolvePointer, type JsonPointer } from "../formats/json-pointer";
import { err, ok, type Result } from "../result";
import type { Opinion } from "./opinion";

export const WITHHOLDING_REASONS = ["sources-and-methods", "personal-data", "ongoing-proceedings", "third-party-confidentiality"] as const;
export const WithholdingReasonSchema = z.enum(WITHHOLDING_REASONS);
export type WithholdingReason = z.infer<typeof WithholdingReasonSchema>;

/** An RFC 6901 pointer, as json-pointer.ts reads one. */
export const JsonPointerSchema = z
  .string()
  .max(1000)
  .refine((p) => parsePointer(p) !== undefined);

export const WithholdingMarkSchema = z.strictObject({ pointer: JsonPointerSchema, reason: WithholdingReasonSchema });
export type WithholdingMark = z.infer<typeof WithholdingMarkSchema>;

/** Markings whose evidence is withholdable by default. */
export const WITHHELD_BY_DEFAULT: readonly Tlp[] = ["RED", "AMBER+STRICT"];
export const DEFAULT_EVIDENCE_REASON: WithholdingReason = "third-party-confidentiality";

/** Top-level fields a reader needs to make sense of the rest: never withheld. */
export const NEVER_WITHHELD = ["format", "version", "caseId"] as const;

/** Evidence items of the opinion whose marking (in the opinion or in the case) is TLP:RED or TLP:AMBER+STRICT, each marked withholdable. */
export function defaultMarks(opinion: Pick<Opinion, "evidence">, caseFile: Pick<Case, "evidence">): WithholdingMark[] {
  const inCase = new Map<string, Tlp>(caseFile.evidence.map((e) => [e.id, e.marking]));
  return opinion.evidence.flatMap((e, i) => {
    const markings = [e.marking, inCase.get(e.id)];
    return markings.some((m) => m !== undefined && WITHHELD_BY_DEFAULT.includes(m)) ? [{ pointer: pointerOf(["evidence", i]), reason: DEFAULT_EVIDENCE_REASON }] : [];
  });
}

export type MarkProblem =
  /** Not a mark: no pointer, or a reason outside the four categories. */
  | { readonly kind: "not-a-mark"; readonly index: number }
  /** The pointer names nothing in the opinion. */
  | { readonly kind: "nothing-there"; readonly pointer: string }
  /** The whole opinion, or a field a reader needs (NEVER_WITHHELD). */
  | { readonly kind: "not-withholdable"; readonly pointer: string }
  /** The same pointer marked twice. */
  | { readonly kind: "marked-twice"; readonly pointer: string };

/**
 * The marks, checked against the opinion: each a mark (zod), naming a
 * value that exists and may be withheld, none twice. Nested marks (a roster
 * entry and its affiliation) are allowed: the disclosures nest. Every
 * problem is reported, in the order of the marks.
 */
export function checkMarks(opinion: Opinion, marks: readonly unknown[]): Result<WithholdingMark[], MarkProblem[]> {
  const problems: MarkProblem[] = [];
  const good: WithholdingMark[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of marks.entries()) {
    const parsed = WithholdingMarkSchema.safeParse(raw);
    const tokens = parsed.success ? parsePointer(parsed.data.pointer) : undefined;
    if (!parsed.success || tokens === undefined) {
      problems.push({ kind: "not-a-mark", index });
      continue;
    }
    const { pointer } = parsed.data;
    const whole = tokens.length === 0 || (tokens.length === 1 && (NEVER_WITHHELD as readonly string[]).includes(tokens[0] as string));
    if (whole) problems.push({ kind: "not-withholdable", pointer });
    else if (resolvePointer(opinion, pointer) === undefined) problems.push({ kind: "nothing-there", pointer });
    else if (seen.has(pointer)) problems.push({ kind: "marked-twice", pointer });
    else {
      seen.add(pointer);
      good.push(parsed.data);
    }
  }
  return problems.length === 0 ? ok(good) : err(problems);
}

/** The pointer to one detail of a seat in the roster (its affiliation, region or name); undefined when the seat is not on it. */
export function rosterDetailPointer(opinion: Pick<Opinion, "roster">, seat: string, detail: "name" | "region" | "affiliation"): JsonPointer | undefined {
  const i = opinion.roster.findIndex((s) => s.seat === seat);
  return i < 0 ? undefined : pointerOf(["roster", i, detail]);
}

/** The pointers of every released estimate's region (present only when the chair released regions). */
export function estimateRegionPointers(opinion: Pick<Opinion, "estimates">): JsonPointer[] {
  return opinion.estimates.flatMap((e, i) => e.values.flatMap((v, j) => (v.region === undefined ? [] : [pointerOf(["estimates", i, "values", j, "region"])])));
}
