/**
 * Answers as a flat list of keyed values, so two sets of answers can be
 * compared answer by answer: a revision gives a reason for each key it
 * changes, and the panelist sees the differences between revisions.
 *
 * Keys (stable, ASCII, never shown as they are):
 *   claims/<claimId>/<field>        a claim's answer (CLAIM_FIELDS)
 *   ach/<evidenceId>/<claimId>      a cell of the ACH matrix
 *   civilianHarm, proportionality, rationale, attestation
 *   shareRationale                  the consent to share the rationales (given only when true)
 */
import { CLAIM_FIELDS, type Answers, type ClaimField } from "./scoresheet";

export type AnswerKey =
  | { readonly kind: "claim"; readonly claim: string; readonly field: ClaimField }
  | { readonly kind: "ach"; readonly evidence: string; readonly claim: string }
  | { readonly kind: "overall"; readonly field: (typeof OVERALL_FIELDS)[number] };

export const OVERALL_FIELDS = ["civilianHarm", "proportionality", "rationale", "attestation", "shareRationale"] as const;

export function keyText(key: AnswerKey): string {
  switch (key.kind) {
    case "claim":
      return `claims/${key.claim}/${key.field}`;
    case "ach":
      return `ach/${key.evidence}/${key.claim}`;
    case "overall":
      return key.field;
  }
}

/** The key a text names, or undefined when it names none. */
export function parseKey(text: string): AnswerKey | undefined {
  const parts = text.split("/");
  if (parts.length === 1) return (OVERALL_FIELDS as readonly string[]).includes(text) ? { kind: "overall", field: text as (typeof OVERALL_FIELDS)[number] } : undefined;
  if (parts.length !== 3) return undefined;
  const [head, a, b] = parts as [string, string, string];
  const id = /^[A-Za-z0-9_-]{16,64}$/;
  if (head === "claims" && id.test(a) && (CLAIM_FIELDS as readonly string[]).includes(b)) return { kind: "claim", claim: a, field: b as ClaimField };
  if (head === "ach" && id.test(a) && id.test(b)) return { kind: "ach", evidence: a, claim: b };
  return undefined;
}

/** Every given answer by key, its value as comparable text (JSON). An answer left out has no entry. */
export function answerEntries(answers: Answers): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of answers.claims) {
    for (const field of CLAIM_FIELDS) {
      const value = c[field];
      if (value !== undefined) out.set(keyText({ kind: "claim", claim: c.claim, field }), JSON.stringify(value));
    }
  }
  for (const row of answers.ach) for (const [claim, term] of Object.entries(row.cells)) out.set(keyText({ kind: "ach", evidence: row.evidence, claim }), JSON.stringify(term));
  for (const field of ["civilianHarm", "proportionality", "rationale"] as const) {
    const value = answers[field];
    if (value !== undefined) out.set(field, JSON.stringify(value));
  }
  // The attestation's time changes whenever it is given again; what it attests is what compares.
  if (answers.attestation) out.set("attestation", JSON.stringify({ independent: answers.attestation.independent, interests: answers.attestation.interests }));
  // Absent and false both mean no: only a consent given is an answer.
  if (answers.shareRationale === true) out.set("shareRationale", "true");
  return out;
}

export type AnswerChange = { readonly key: string; readonly before?: string; readonly after?: string };

/** The answers that differ between `before` and `after` (given, removed or changed), in key order. */
export function changedAnswers(before: Answers, after: Answers): AnswerChange[] {
  const a = answerEntries(before);
  const b = answerEntries(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: AnswerChange[] = [];
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (x !== y) out.push({ key, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) });
  }
  return out;
}

/** The answer about `claim`, or a blank one. */
export function claimAnswer(answers: Answers, claim: string) {
  return answers.claims.find((c) => c.claim === claim);
}

/** The ACH cell for `evidence` × `claim`, if given. */
export function achCell(answers: Answers, evidence: string, claim: string): string | undefined {
  const cells: Readonly<Record<string, string>> | undefined = answers.ach.find((r) => r.evidence === evidence)?.cells;
  return cells?.[claim];
}
