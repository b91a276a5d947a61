/**
 * Editing answers: each function returns new answers with one answer set or
 * cleared (undefined clears), so the screen holds no scoring logic and the
 * draft is always a valid Answers value.
 */
import type { Answers, Attestation, ClaimAnswer, ClaimField, ClaimId, EvidenceId } from "./scoresheet";

type ClaimValue<F extends ClaimField> = ClaimAnswer[F];

export function setClaimAnswer<F extends ClaimField>(answers: Answers, claim: ClaimId, field: F, value: ClaimValue<F> | undefined): Answers {
  const index = answers.claims.findIndex((c) => c.claim === claim);
  const current: ClaimAnswer = index === -1 ? { claim } : (answers.claims[index] as ClaimAnswer);
  const next: ClaimAnswer = { ...current };
  if (value === undefined) delete next[field];
  else next[field] = value;
  const claims = [...answers.claims];
  if (index === -1) claims.push(next);
  else claims[index] = next;
  return { ...answers, claims };
}

export function setAchCell(answers: Answers, evidence: EvidenceId, claim: ClaimId, term: string | undefined): Answers {
  const index = answers.ach.findIndex((r) => r.evidence === evidence);
  const cells: Record<ClaimId, string> = { ...(index === -1 ? {} : answers.ach[index]?.cells) };
  if (term === undefined) delete cells[claim];
  else cells[claim] = term;
  const ach = [...answers.ach];
  const row = { evidence, cells };
  if (index === -1) ach.push(row);
  else ach[index] = row;
  return { ...answers, ach: ach.filter((r) => Object.keys(r.cells).length > 0) };
}

export function setOverall(answers: Answers, field: "civilianHarm" | "proportionality" | "rationale", value: string | undefined): Answers {
  const next: Answers = { ...answers };
  if (value === undefined || value === "") delete next[field];
  else next[field] = value;
  return next;
}

export function setAttestation(answers: Answers, attestation: Attestation | undefined): Answers {
  const next: Answers = { ...answers };
  if (attestation === undefined) delete next.attestation;
  else next.attestation = attestation;
  return next;
}

/** The consent to show the rationales, without a name, to the other panelists in the next round; false clears it (absent means no). */
export function setShareRationale(answers: Answers, share: boolean): Answers {
  const next: Answers = { ...answers };
  if (share) next.shareRationale = true;
  else delete next.shareRationale;
  return next;
}
