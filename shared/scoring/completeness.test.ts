import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ASKS, DEFAULT_RUBRIC, type Rubric } from "../rubric/rubric";
import { reviewAnswers, sumOfBest, termsFor } from "./completeness";
import { setAchCell, setAttestation, setClaimAnswer, setOverall } from "./edit";
import { claimId, completeAnswers, evidenceId, scoringContext } from "./scoring.testing";
import { AnswersSchema, EMPTY_ANSWERS } from "./scoresheet";

const kinds = (r: ReturnType<typeof reviewAnswers>) => r.gaps.map((g) => g.kind);

describe("reviewing a scoresheet against the rubric", () => {
  it("complete answers have no gap, no warning, and every claim done", () => {
    const review = reviewAnswers(completeAnswers(), scoringContext());
    expect(review.gaps).toEqual([]);
    expect(review.warnings).toEqual([]);
    expect(review.sum).toBe(100);
    expect(review.claimsDone).toBe(3);
    expect(AnswersSchema.parse(completeAnswers())).toEqual(completeAnswers());
  });

  it("empty answers list every required answer of every claim, every ACH row and the attestation", () => {
    const review = reviewAnswers(EMPTY_ANSWERS, scoringContext(2, 2));
    const missing = review.gaps.filter((g) => g.kind === "missing");
    // likelihood, best, confidence, evidenceBasis, agreement, stateResponsibility, legalBasis, rationale: 8 per claim.
    expect(missing).toHaveLength(16);
    expect(review.gaps.filter((g) => g.kind === "ach-missing")).toEqual([
      { kind: "ach-missing", evidence: evidenceId(1), claims: [claimId(1), claimId(2)] },
      { kind: "ach-missing", evidence: evidenceId(2), claims: [claimId(1), claimId(2)] },
    ]);
    expect(kinds(review)).toContain("not-attested");
    expect(review.gaps).toContainEqual({ kind: "missing-overall", field: "rationale" });
    expect(review.sum).toBeUndefined();
    expect(review.claimsDone).toBe(0);
  });

  it("a best estimate outside its term's band is a gap that offers the matching terms", () => {
    const answers = setClaimAnswer(completeAnswers(), claimId(1), "best", 85);
    const gap = reviewAnswers(answers, scoringContext()).gaps.find((g) => g.kind === "estimate-outside-term");
    expect(gap).toEqual({ kind: "estimate-outside-term", claim: claimId(1), term: "likely", best: 85, matching: ["very-likely"] });
    expect(termsFor(DEFAULT_RUBRIC, 80)).toEqual(["likely", "very-likely"]);
    expect(termsFor(DEFAULT_RUBRIC, 0.5)).toEqual([]);
  });

  it("the range: both ends or none, and lowest ≤ best ≤ highest", () => {
    const base = completeAnswers();
    const one = setClaimAnswer(base, claimId(1), "lowest", 60);
    expect(kinds(reviewAnswers(one, scoringContext()))).toEqual(["range-incomplete"]);
    const both = setClaimAnswer(one, claimId(1), "highest", 65);
    expect(kinds(reviewAnswers(both, scoringContext()))).toEqual(["range-order"]);
    const fine = setClaimAnswer(both, claimId(1), "highest", 75);
    expect(reviewAnswers(fine, scoringContext()).gaps).toEqual([]);
    const required: Rubric = { ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, range: "required" } };
    expect(reviewAnswers(base, scoringContext(3, 2, required)).gaps.filter((g) => g.kind === "range-incomplete")).toHaveLength(3);
  });

  it("terms must be the rubric's own, for each question and each ACH cell", () => {
    let answers = setClaimAnswer(completeAnswers(), claimId(2), "legalBasis", "state-whim");
    answers = setAchCell(answers, evidenceId(1), claimId(3), "maybe");
    const gaps = reviewAnswers(answers, scoringContext()).gaps;
    expect(gaps).toContainEqual({ kind: "unknown-term", claim: claimId(2), field: "legalBasis", term: "state-whim" });
    expect(gaps).toContainEqual({ kind: "unknown-term", claim: claimId(3), evidence: evidenceId(1), field: "ach", term: "maybe" });
  });

  it("answers about claims or evidence the case does not have are gaps", () => {
    let answers = setClaimAnswer(completeAnswers(), claimId(9), "best", 5);
    answers = setAchCell(answers, evidenceId(9), claimId(1), "neutral");
    const gaps = reviewAnswers(answers, scoringContext()).gaps;
    expect(gaps).toContainEqual({ kind: "unknown-claim", claim: claimId(9) });
    expect(gaps).toContainEqual({ kind: "unknown-evidence", evidence: evidenceId(9) });
  });

  it("a question the rubric turns off is not required, and an answer to it is a gap", () => {
    const off: Rubric = { ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, stateResponsibility: "off", ach: "off", claimRationale: "optional", civilianHarm: "off" } };
    let answers = completeAnswers();
    for (const n of [1, 2, 3]) {
      answers = setClaimAnswer(answers, claimId(n), "stateResponsibility", undefined);
      answers = setClaimAnswer(answers, claimId(n), "rationale", undefined);
    }
    answers = { ...answers, ach: [] };
    expect(reviewAnswers(answers, scoringContext(3, 2, off)).gaps).toEqual([]);
    const extra = setOverall(setClaimAnswer(answers, claimId(1), "stateResponsibility", "state-ordered"), "civilianHarm", "Hospitals offline.");
    expect(reviewAnswers(extra, scoringContext(3, 2, off)).gaps).toEqual([
      { kind: "not-asked", claim: claimId(1), field: "stateResponsibility" },
      { kind: "not-asked", field: "civilianHarm" },
    ]);
  });

  it("required free text must not be blank; optional text may be left out", () => {
    const blank = setOverall(setClaimAnswer(completeAnswers(), claimId(1), "rationale", "   "), "rationale", " ");
    const gaps = reviewAnswers(blank, scoringContext()).gaps;
    expect(gaps).toContainEqual({ kind: "missing", claim: claimId(1), field: "rationale" });
    expect(gaps).toContainEqual({ kind: "missing-overall", field: "rationale" });
    const required: Rubric = { ...DEFAULT_RUBRIC, asks: { ...DEFAULT_ASKS, civilianHarm: "required", proportionality: "required" } };
    expect(reviewAnswers(completeAnswers(), scoringContext(3, 2, required)).gaps).toEqual([
      { kind: "missing-overall", field: "civilianHarm" },
      { kind: "missing-overall", field: "proportionality" },
    ]);
  });

  it("an empty ACH cell is a gap when the rubric requires the matrix; 'not applicable' fills it", () => {
    const emptied = setAchCell(completeAnswers(), evidenceId(2), claimId(2), undefined);
    expect(reviewAnswers(emptied, scoringContext()).gaps).toEqual([{ kind: "ach-missing", evidence: evidenceId(2), claims: [claimId(2)] }]);
    const na = setAchCell(emptied, evidenceId(2), claimId(2), "not-applicable");
    expect(reviewAnswers(na, scoringContext()).gaps).toEqual([]);
  });

  it("the attestation is required; withdrawing it is a gap again", () => {
    expect(kinds(reviewAnswers(setAttestation(completeAnswers(), undefined), scoringContext()))).toEqual(["not-attested"]);
  });

  it("warns, without blocking, while the sum of best estimates is outside 100 ± the rubric's tolerance", () => {
    const over = setClaimAnswer(setClaimAnswer(completeAnswers(), claimId(1), "best", 79), claimId(1), "likelihood", "likely");
    const review = reviewAnswers(over, scoringContext());
    expect(review.gaps).toEqual([]);
    expect(review.warnings).toEqual([{ kind: "sum-outside-tolerance", sum: 109, tolerance: 5 }]);
    const loose: Rubric = { ...DEFAULT_RUBRIC, sumTolerance: 10 };
    expect(reviewAnswers(over, scoringContext(3, 2, loose)).warnings).toEqual([]);
    // At exactly the tolerance: no warning.
    const edge = setClaimAnswer(completeAnswers(), claimId(1), "best", 75);
    expect(reviewAnswers(edge, scoringContext()).warnings).toEqual([]);
  });

  it("sums to a tenth, so floating-point noise never shows", () => {
    let answers = completeAnswers();
    answers = setClaimAnswer(answers, claimId(1), "best", 70.1);
    answers = setClaimAnswer(answers, claimId(2), "best", 19.7);
    answers = setClaimAnswer(answers, claimId(3), "best", 10.2);
    expect(sumOfBest(answers, scoringContext())).toBe(100);
  });
});

describe("the review kept between edits", () => {
  // The screen reviews after every keystroke and keeps what it checked per unchanged answer object: after any run of
  // edits, the review must equal that of a fresh copy of the same answers and context (nothing kept goes stale).
  const edit = fc.oneof(
    fc.record({ kind: fc.constant("ach" as const), evidence: fc.integer({ min: 1, max: 4 }), claim: fc.integer({ min: 1, max: 5 }), term: fc.option(fc.constantFrom("consistent", "inconsistent", "not-applicable", "no-such-term"), { nil: undefined }) }),
    fc.record({ kind: fc.constant("best" as const), claim: fc.integer({ min: 1, max: 5 }), best: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }) }),
    fc.record({ kind: fc.constant("likelihood" as const), claim: fc.integer({ min: 1, max: 5 }), term: fc.option(fc.constantFrom("likely", "unlikely", "no-such-term"), { nil: undefined }) }),
  );
  it("after any run of edits, the review equals that of a fresh copy", () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 30 }), (edits) => {
        const context = scoringContext(4, 3);
        let answers = completeAnswers(4, 3);
        for (const e of edits) {
          if (e.kind === "ach") answers = setAchCell(answers, evidenceId(e.evidence), claimId(e.claim), e.term);
          else if (e.kind === "best") answers = setClaimAnswer(answers, claimId(e.claim), "best", e.best);
          else answers = setClaimAnswer(answers, claimId(e.claim), "likelihood", e.term);
          expect(reviewAnswers(answers, context)).toEqual(reviewAnswers(structuredClone(answers), structuredClone(context)));
        }
      }),
    );
  });
});
