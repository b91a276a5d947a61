/**
 * The scoring screen's words for the values shared/scoring returns: the
 * name of each answer, each gap of a review, each answer key of a revision.
 * Claims are named by their position ("Claim 2"), as the screen lists them.
 */
import type { I18n, MessageDescriptor } from "@lingui/core";
import { msg, plural } from "@lingui/core/macro";
import type { Rubric, RubricScale } from "../../../../shared/rubric/rubric";
import type { Gap, Warning } from "../../../../shared/scoring/completeness";
import { parseKey } from "../../../../shared/scoring/answers";
import type { ClaimField } from "../../../../shared/scoring/scoresheet";
import type { RevisionProblem } from "../../../../shared/scoring/revision";
import { formatList, formatNumber } from "../../../i18n/format";
import { rubricTermLabel } from "../../../i18n/vocabulary";

export const CLAIM_FIELD_LABEL: Readonly<Record<ClaimField, MessageDescriptor>> = {
  likelihood: msg({ message: "Likelihood", context: "scoresheet question" }),
  best: msg({ message: "Best estimate", context: "scoresheet question, in percent" }),
  lowest: msg({ message: "Lowest plausible value", context: "scoresheet question (IDEA protocol), in percent" }),
  highest: msg({ message: "Highest plausible value", context: "scoresheet question (IDEA protocol), in percent" }),
  confidence: msg({ message: "Analytic confidence", context: "scoresheet question" }),
  evidenceBasis: msg({ message: "Evidence", context: "scoresheet question: the basis of confidence (IPCC)" }),
  agreement: msg({ message: "Agreement", context: "scoresheet question: the basis of confidence (IPCC)" }),
  stateResponsibility: msg({ message: "Degree of state responsibility", context: "scoresheet question" }),
  legalBasis: msg({ message: "Legal basis", context: "scoresheet question" }),
  rationale: msg({ message: "Rationale", context: "scoresheet question: reasons for the answers about one claim" }),
};

export const OVERALL_LABEL = {
  civilianHarm: msg({ message: "Civilian harm", context: "scoresheet question" }),
  proportionality: msg({ message: "Proportionality of any response discussed", context: "scoresheet question" }),
  rationale: msg({ message: "Overall rationale", context: "scoresheet question" }),
  attestation: msg({ message: "Attestation of independence", context: "scoresheet question" }),
  shareRationale: msg({ message: "Consent to share your rationales in the next round", context: "scoresheet question (Delphi feedback)" }),
} as const;

/** The rubric scale a claim field's term comes from, if it is a term. */
export const FIELD_SCALE: Partial<Record<ClaimField, RubricScale>> = {
  likelihood: "likelihood",
  confidence: "confidence",
  evidenceBasis: "evidenceBasis",
  agreement: "agreement",
  stateResponsibility: "stateResponsibility",
  legalBasis: "legalBasis",
};

export type ClaimNames = ReadonlyMap<string, number>;
const claimName = (i18n: I18n, names: ClaimNames, id: string): string => {
  const n = names.get(id);
  return n === undefined ? i18n._(msg`an unknown claim`) : i18n._(msg`Claim ${n}`);
};

/** A term's label in the rubric, or its id when the rubric does not have it. */
export function termText(i18n: I18n, rubric: Rubric, scale: RubricScale, id: string): string {
  const term = (rubric[scale] as readonly { id: string; label?: Rubric["title"] }[]).find((t) => t.id === id);
  return term ? rubricTermLabel(i18n, scale, term as never).text : id;
}

const percent = (n: number) => `${formatNumber(n, 1)} %`;

/** One sentence per gap. */
export function gapSentence(i18n: I18n, gap: Gap, rubric: Rubric, claims: ClaimNames, evidenceTitle: (id: string) => string): string {
  switch (gap.kind) {
    case "missing": {
      const claim = claimName(i18n, claims, gap.claim);
      const field = i18n._(CLAIM_FIELD_LABEL[gap.field]);
      return i18n._(msg`${claim}: ${field} is not answered yet.`);
    }
    case "estimate-outside-term": {
      const claim = claimName(i18n, claims, gap.claim);
      const best = percent(gap.best);
      const term = termText(i18n, rubric, "likelihood", gap.term);
      const matching = formatList(
        gap.matching.map((m) => termText(i18n, rubric, "likelihood", m)),
        "disjunction",
      );
      return gap.matching.length > 0
        ? i18n._(msg`${claim}: the best estimate ${best} is outside the band of “${term}”; it lies in ${matching}.`)
        : i18n._(msg`${claim}: the best estimate ${best} is outside the band of “${term}” and of every other term.`);
    }
    case "range-incomplete": {
      const claim = claimName(i18n, claims, gap.claim);
      return i18n._(msg`${claim}: give both the lowest and the highest plausible value, or neither.`);
    }
    case "range-order": {
      const claim = claimName(i18n, claims, gap.claim);
      return i18n._(msg`${claim}: the lowest plausible value, the best estimate and the highest plausible value must go from low to high.`);
    }
    case "unknown-term": {
      const term = gap.term;
      return i18n._(msg`The answer “${term}” is not a term of this rubric; choose again.`);
    }
    case "not-asked":
      return i18n._(msg`An answer was given to a question this rubric does not ask; clear it.`);
    case "unknown-claim":
      return i18n._(msg`An answer names a claim this case does not have.`);
    case "unknown-evidence":
      return i18n._(msg`An answer names an evidence item this case does not have.`);
    case "ach-missing": {
      const title = evidenceTitle(gap.evidence);
      const count = gap.claims.length;
      return i18n._(plural(count, { one: `“${title}”: # cell of the matrix is empty.`, other: `“${title}”: # cells of the matrix are empty.` }));
    }
    case "missing-overall": {
      const field = i18n._(OVERALL_LABEL[gap.field]);
      return i18n._(msg`${field} is not answered yet.`);
    }
    case "not-attested":
      return i18n._(msg`The attestation of independence is not given yet.`);
  }
}

export function warningSentence(i18n: I18n, warning: Warning): string {
  const sum = percent(warning.sum);
  const tolerance = formatNumber(warning.tolerance, 1);
  return i18n._(msg`The best estimates sum to ${sum}. The claims are exhaustive and exclusive, so they should sum to 100 % (± ${tolerance}).`);
}

/** The name of an answer a revision changed: "Claim 2 · Best estimate", "“Log extract” × Claim 1", "Overall rationale". */
export function answerKeyName(i18n: I18n, key: string, claims: ClaimNames, evidenceTitle: (id: string) => string): string {
  const parsed = parseKey(key);
  if (!parsed) return key;
  switch (parsed.kind) {
    case "claim": {
      const claim = claimName(i18n, claims, parsed.claim);
      const field = i18n._(CLAIM_FIELD_LABEL[parsed.field]);
      return i18n._(msg`${claim} · ${field}`);
    }
    case "ach": {
      const title = evidenceTitle(parsed.evidence);
      const claim = claimName(i18n, claims, parsed.claim);
      return i18n._(msg`“${title}” against ${claim}`);
    }
    case "overall":
      return i18n._(OVERALL_LABEL[parsed.field]);
  }
}

/** An answer's value (as answerEntries gives it, JSON) in words. */
export function answerValueText(i18n: I18n, key: string, json: string | undefined, rubric: Rubric): string {
  const parsed = parseKey(key);
  if (parsed?.kind === "overall" && parsed.field === "shareRationale") return json === undefined ? i18n._(msg({ message: "Not given", context: "a consent that was not given" })) : i18n._(msg({ message: "Given", context: "a consent that was given" }));
  if (json === undefined) return i18n._(msg({ message: "(none)", context: "an answer left empty" }));
  const value: unknown = JSON.parse(json);
  if (parsed?.kind === "claim") {
    const scale = FIELD_SCALE[parsed.field];
    if (scale && typeof value === "string") return termText(i18n, rubric, scale, value);
    if (typeof value === "number") return percent(value);
  }
  if (parsed?.kind === "ach" && typeof value === "string") return termText(i18n, rubric, "consistency", value);
  if (parsed?.kind === "overall" && parsed.field === "attestation") {
    const interests = (value as { interests?: string }).interests ?? "";
    return interests === "" ? i18n._(msg`Attested; no interests declared.`) : i18n._(msg`Attested; interests declared: ${interests}`);
  }
  return typeof value === "string" ? value : json;
}

export function revisionProblemSentence(i18n: I18n, problem: RevisionProblem, claims: ClaimNames, evidenceTitle: (id: string) => string): string {
  switch (problem.kind) {
    case "nothing-changed":
      return i18n._(msg`Nothing changed since your last submission: there is nothing to revise.`);
    case "reason-missing": {
      const answers = formatList(problem.answers.map((k) => answerKeyName(i18n, k, claims, evidenceTitle)));
      return i18n._(msg`Give a reason for each changed answer: ${answers}.`);
    }
    case "reason-for-unchanged":
      return i18n._(msg`A reason was given for an answer that did not change.`);
    case "not-first":
    case "not-next":
    case "wrong-predecessor":
    case "older-version":
    case "subject-changed":
      return i18n._(msg`This revision does not follow your last submitted scoresheet.`);
    case "previous-round-missing": {
      const round = problem.round;
      return i18n._(msg`Your vault holds no scoresheet you signed in round ${round}, which a scoresheet of the next round revises.`);
    }
  }
}
