/**
 * Krippendorff's worked example (K. Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability", section C: 4 observers A–D × 12 units,
 * values 1–5, `undefined` where an observer gave none), shared by the
 * alpha tests and the command-line tool's tests.
 */
const _ = undefined;

export const KRIPPENDORFF_2011_DATA: readonly (readonly (number | undefined)[])[] = [
  /* A */ [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  /* B */ [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  /* C */ [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  /* D */ [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

/** The alphas the paper reports for these data, to three decimals. */
export const KRIPPENDORFF_2011_ALPHA = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 } as const;
