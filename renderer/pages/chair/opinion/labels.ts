/**
 * Words for the chair's opinion draft: the aggregate methods, the four
 * reasons a part may be withheld for, and the sentences for a draft or a
 * mark the worker refused (shared/ returns their values). Called at render
 * time (they read the current language).
 */
import type { MessageDescriptor } from "@lingui/core";
import { msg, t } from "@lingui/core/macro";
import { parsePointer } from "../../../../shared/formats/json-pointer";
import type { AggregateMethod, DraftError, Opinion } from "../../../../shared/opinion/opinion";
import type { MarkProblem, WithholdingReason } from "../../../../shared/opinion/withholding";
import type { DraftRefusal } from "../../../../shared/worker/contract";
import { describeIssues } from "../../../i18n/problems";
import { formatNumber } from "../../../i18n/format";

export const AGGREGATE_LABEL: Readonly<Record<AggregateMethod, MessageDescriptor>> = {
  median: msg({ message: "Median and interquartile range", context: "how the chair reports a claim's estimates" }),
  "linear-pool": msg({ message: "Linear pool (mean)", context: "how the chair reports a claim's estimates" }),
  "log-odds-pool": msg({ message: "Log-odds pool", context: "how the chair reports a claim's estimates" }),
};

export const REASON_LABEL: Readonly<Record<WithholdingReason, MessageDescriptor>> = {
  "sources-and-methods": msg({ message: "Sources and methods", context: "reason a part of the opinion may be withheld" }),
  "personal-data": msg({ message: "Personal data", context: "reason a part of the opinion may be withheld" }),
  "ongoing-proceedings": msg({ message: "Ongoing proceedings", context: "reason a part of the opinion may be withheld" }),
  "third-party-confidentiality": msg({ message: "Third-party confidentiality", context: "reason a part of the opinion may be withheld" }),
};

/** A claim by its number in the opinion ("claim 2"), for a sentence; the id when the opinion does not hold it. */
function claimName(opinion: Opinion | null, claim: string): string {
  const i = opinion?.findings.findIndex((f) => f.claim === claim) ?? -1;
  if (i < 0) return claim;
  const number = formatNumber(i + 1);
  return t({ message: `claim ${number}`, context: "a claim by its number, inside a sentence" });
}

/** Why the opinion could not be drafted from the chair's choices. */
export function describeDraftError(error: DraftError, opinion: Opinion | null): string {
  switch (error.kind) {
    case "other-case":
      return t`The statistics are of another case than this one.`;
    case "unknown-claim": {
      const claim = error.claim;
      return t`A choice names a claim this case does not hold (${claim}).`;
    }
    case "unknown-term": {
      const claim = claimName(opinion, error.claim);
      const term = error.term;
      return t`A finding chosen for ${claim} is not on the rubric's scale (${term}).`;
    }
    case "unknown-evidence": {
      const evidence = error.evidence;
      return t`The opinion relies on an evidence item this case does not hold (${evidence}).`;
    }
    case "no-estimates": {
      const claim = claimName(opinion, error.claim);
      return t`Nobody gave a best estimate for ${claim}, so the chosen aggregate has no value. Choose another, or import more scoresheets.`;
    }
    case "invalid-draft": {
      const issues = describeIssues(error.issues);
      return t`The draft does not fit the opinion's format (${issues}). A paragraph of the reasoning may be too long.`;
    }
  }
}

/** What a marked part is, for a sentence: "evidence item 3", or the pointer itself. */
function partName(pointer: string): string {
  const tokens = parsePointer(pointer);
  if (tokens?.[0] === "evidence" && tokens.length === 2) {
    const number = formatNumber(Number(tokens[1]) + 1);
    return t`evidence item ${number}`;
  }
  if (tokens?.[0] === "roster" && tokens.length >= 2) {
    const number = formatNumber(Number(tokens[1]) + 1);
    return t`seat ${number} of the roster`;
  }
  return pointer;
}

export function describeMarkProblem(problem: MarkProblem): string {
  switch (problem.kind) {
    case "not-a-mark": {
      const number = formatNumber(problem.index + 1);
      return t`Mark ${number} is not a mark.`;
    }
    case "nothing-there": {
      const part = partName(problem.pointer);
      return t`A part marked as withholdable is no longer in the opinion (${part}).`;
    }
    case "not-withholdable": {
      const part = partName(problem.pointer);
      return t`This part of the opinion can never be withheld (${part}).`;
    }
    case "marked-twice": {
      const part = partName(problem.pointer);
      return t`A part is marked twice (${part}).`;
    }
  }
}

export function describeDraftRefusal(refusal: DraftRefusal, opinion: Opinion | null): string {
  return refusal.kind === "draft" ? describeDraftError(refusal.error, opinion) : refusal.problems.map(describeMarkProblem).join(" ");
}
