/**
 * zod's issues as values a person's sentence can be made from: the code,
 * where (the path) and the numbers or names the check used. The words are
 * the interface's (renderer/i18n/problems/issues.ts); custom checks name
 * their reason in `params: { reason }` (one of ISSUE_REASONS) instead of
 * carrying an English message.
 */
import { z } from "./zod";

/** Why a custom check (refine / superRefine) failed; each has its sentence in the interface. */
export const ISSUE_REASONS = [
  "control-characters",
  "invisible-characters",
  "surrounding-spaces",
  "not-nfc",
  "not-a-country-code",
  "incident-window-reversed",
  "catch-all-count",
  "catch-all-statement",
  "duplicate-ids",
  "too-many-custody-forms",
  "unnamed-malware-family",
  "not-canonical-base64",
  "not-a-kdf-salt",
  "not-a-stix-id",
  "not-a-stix-timestamp",
  "not-a-stix-type",
  "rubric-no-language",
  "rubric-title-required",
  "rubric-label-required",
  "rubric-duplicate-term",
  "rubric-range-inverted",
  "rubric-likelihood-order",
  "too-many-claims",
  "revision-chain",
] as const;
export const IssueReasonSchema = z.enum(ISSUE_REASONS);
export type IssueReason = z.infer<typeof IssueReasonSchema>;

/** zod 4's issue codes. */
export const ISSUE_CODES = [
  "invalid_type",
  "too_big",
  "too_small",
  "invalid_format",
  "not_multiple_of",
  "unrecognized_keys",
  "invalid_union",
  "invalid_key",
  "invalid_element",
  "invalid_value",
  "custom",
] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const IssueSchema = z.strictObject({
    code: z.enum(ISSUE_CODES),
    path: z.array(z.union([z.string(), z.number()])).readonly(),
    /** invalid_type: the type expected. */
    expected: z.string().optional(),
    /** too_big / too_small / invalid_format: what was measured ("string", "array", "number", …). */
    origin: z.string().optional(),
    maximum: z.number().optional(),
    minimum: z.number().optional(),
    /** invalid_format: "regex", "datetime", "email", … */
    format: z.string().optional(),
    /** unrecognized_keys: the keys not expected. */
    keys: z.array(z.string()).readonly().optional(),
    /** invalid_value: the values allowed. */
    values: z.array(Scalar).readonly().optional(),
    /** custom: the check's reason. */
    reason: IssueReasonSchema.optional(),
    /** custom: what the check was about, when the reason needs it (params.subject, e.g. the STIX type an id must have). */
    subject: z.string().optional(),
  });
export type Issue = z.infer<typeof IssueSchema>;

type RawIssue = { readonly code?: string; readonly path: readonly PropertyKey[] };
export type IssueList = { readonly issues: readonly RawIssue[] };

const num = (v: unknown): number | undefined => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : undefined);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** One zod issue as a value (its English `message` is dropped). */
export function issueOf(issue: RawIssue): Issue {
  const raw = issue as RawIssue & Readonly<Record<string, unknown>>;
  const code = (ISSUE_CODES as readonly string[]).includes(raw.code ?? "") ? (raw.code as Issue["code"]) : "custom";
  const path = raw.path.map((p) => (typeof p === "number" ? p : String(p)));
  const params = raw["params"];
  const paramsOf = typeof params === "object" && params !== null ? (params as Record<string, unknown>) : {};
  const reason = IssueReasonSchema.safeParse(paramsOf["reason"]);
  const subject = str(paramsOf["subject"]);
  const values = Array.isArray(raw["values"]) ? (raw["values"] as unknown[]).map((v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : String(v))) : undefined;
  const keys = Array.isArray(raw["keys"]) ? (raw["keys"] as unknown[]).map(String) : undefined;
  const base: Issue = { code, path };
  const expected = str(raw["expected"]);
  const origin = str(raw["origin"]);
  const maximum = num(raw["maximum"]);
  const minimum = num(raw["minimum"]);
  const format = str(raw["format"]);
  return {
    ...base,
    ...(expected !== undefined ? { expected } : {}),
    ...(origin !== undefined ? { origin } : {}),
    ...(maximum !== undefined ? { maximum } : {}),
    ...(minimum !== undefined ? { minimum } : {}),
    ...(format !== undefined ? { format } : {}),
    ...(keys !== undefined ? { keys } : {}),
    ...(values !== undefined ? { values } : {}),
    ...(reason.success ? { reason: reason.data } : {}),
    ...(subject !== undefined ? { subject } : {}),
  };
}

/** A zod error's issues as values, at most `max` of them (a person reads the first few). */
export function issuesOf(error: IssueList, max = 20): Issue[] {
  return error.issues.slice(0, max).map(issueOf);
}

/** The issues as a short technical note ("claims.2.statement too_big"), for details only a bug report reads. */
export function issuesNote(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path.join(".") || "(root)"} ${i.reason ?? i.code}`).join("; ");
}
