import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { normaliseEstimates } from "./normalise";
import { setClaimAnswer } from "./edit";
import { claimId, completeAnswers, scoringContext } from "./scoring.testing";
import { sumOfBest } from "./completeness";
import type { Answers } from "./scoresheet";

describe("normalising the best estimates", () => {
  it("scales every estimate by one factor to a sum of exactly 100, in tenths", () => {
    let answers = completeAnswers();
    answers = setClaimAnswer(answers, claimId(1), "best", 60);
    answers = setClaimAnswer(answers, claimId(2), "best", 30);
    answers = setClaimAnswer(answers, claimId(3), "best", 30);
    const n = normaliseEstimates(answers, scoringContext().claims);
    expect(n?.factor).toBeCloseTo(100 / 120);
    expect(n?.answers.claims.map((c) => c.best)).toEqual([50, 25, 25]);
    // Thirds: largest remainder gives the extra tenth to the first.
    const thirds = [1, 2, 3].reduce((a, i) => setClaimAnswer(a, claimId(i), "best", 10), answers);
    expect(normaliseEstimates(thirds, scoringContext().claims)?.answers.claims.map((c) => c.best)).toEqual([33.4, 33.3, 33.3]);
  });

  it("keeps a range around its estimate, scaled by the same factor", () => {
    let answers = setClaimAnswer(completeAnswers(), claimId(1), "lowest", 60);
    answers = setClaimAnswer(answers, claimId(1), "highest", 90);
    answers = setClaimAnswer(answers, claimId(1), "best", 80); // sum 110
    const c = normaliseEstimates(answers, scoringContext().claims)?.answers.claims[0];
    expect(c?.best).toBeCloseTo(72.7);
    expect(c?.lowest).toBeCloseTo(54.5);
    expect(c?.highest).toBeCloseTo(81.8);
  });

  it("offers nothing until every claim has an estimate, or when all are 0", () => {
    expect(normaliseEstimates(setClaimAnswer(completeAnswers(), claimId(2), "best", undefined), scoringContext().claims)).toBeUndefined();
    const zeros = [1, 2, 3].reduce((a, i) => setClaimAnswer(a, claimId(i), "best", 0), completeAnswers());
    expect(normaliseEstimates(zeros, scoringContext().claims)).toBeUndefined();
  });

  it("property: any estimates with a positive sum normalise to 100 exactly, order kept, ranges around estimates", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ best: fc.integer({ min: 0, max: 1000 }), low: fc.integer({ min: 0, max: 100 }), high: fc.integer({ min: 0, max: 100 }) }), { minLength: 2, maxLength: 20 }), (rows) => {
        fc.pre(rows.some((r) => r.best > 0));
        const ctx = scoringContext(rows.length, 0);
        const answers: Answers = {
          claims: rows.map((r, i) => {
            const best = r.best / 10;
            return { claim: claimId(i + 1), best, lowest: Math.min(best, r.low), highest: Math.max(best, r.high) };
          }),
          ach: [],
        };
        const n = normaliseEstimates(answers, ctx.claims);
        expect(n).toBeDefined();
        expect(sumOfBest(n!.answers, ctx)).toBe(100);
        n!.answers.claims.forEach((c, i) => {
          expect(c.lowest!).toBeLessThanOrEqual(c.best!);
          expect(c.best!).toBeLessThanOrEqual(c.highest!);
          expect(c.highest!).toBeLessThanOrEqual(100);
          const j = i + 1;
          if (j < rows.length && rows[i]!.best > rows[j]!.best + 1) expect(c.best!).toBeGreaterThanOrEqual(n!.answers.claims[j]!.best!);
        });
      }),
    );
  });
});
