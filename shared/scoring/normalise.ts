/**
 * Normalising the best estimates so they sum to 100, which the screen offers
 * while the sum is outside the rubric's tolerance. Each best estimate is
 * scaled by the same factor and rounded to 0.1 by the largest-remainder
 * method, so the rounded values sum to exactly 100; a range given with it is
 * scaled by the same factor (capped at 100) and kept around the estimate.
 * Terms are never changed here: the review then names any claim whose
 * estimate left its term's band, and the person chooses.
 */
import type { Answers, ClaimAnswer } from "./scoresheet";

const TENTHS = 1000;

export type Normalised = { readonly answers: Answers; readonly factor: number };

/** Undefined when a claim has no best estimate yet, or all of them are 0 (nothing to scale). */
export function normaliseEstimates(answers: Answers, claims: readonly { readonly id: string }[]): Normalised | undefined {
  const own = claims.map(({ id }) => answers.claims.find((c) => c.claim === id));
  if (own.some((c) => c?.best === undefined)) return undefined;
  const bests = own.map((c) => (c as ClaimAnswer).best as number);
  const total = bests.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  const factor = 100 / total;
  // Largest remainder, in tenths of a percent.
  const exact = bests.map((b) => (b * factor * TENTHS) / 100);
  const floors = exact.map(Math.floor);
  let left = TENTHS - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left -= 1;
  }
  const scaled = new Map(claims.map(({ id }, i) => [id, (floors[i] as number) / 10]));
  const tenth = (n: number) => Math.round(n * 10) / 10;
  return {
    factor,
    answers: {
      ...answers,
      claims: answers.claims.map((c) => {
        const best = scaled.get(c.claim);
        if (best === undefined) return c;
        const out: ClaimAnswer = { ...c, best };
        if (c.lowest !== undefined) out.lowest = Math.min(best, tenth(Math.min(100, c.lowest * factor)));
        if (c.highest !== undefined) out.highest = Math.max(best, tenth(Math.min(100, c.highest * factor)));
        return out;
      }),
    },
  };
}
