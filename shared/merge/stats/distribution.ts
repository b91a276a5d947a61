/**
 * Distributions of categorical answers for one claim: Healey's levels of
 * state responsibility, the legal bases, the analytic confidence and its
 * basis (the scales of shared/rubric/rubric.ts, passed in as the rubric's
 * term ids in order, so a secretariat's own terms are counted the same way).
 * Counts only: no average of categories is taken.
 */

export interface Distribution {
  /** Every term of the scale in the scale's order, with how many chose it (0 included). */
  readonly counts: readonly { readonly term: string; readonly count: number }[];
  /** Answers with an id the scale does not hold (a rubric revision's leftovers), by id in first-seen order. */
  readonly unknown: readonly { readonly term: string; readonly count: number }[];
  /** No answer. */
  readonly missing: number;
  /** Answers on the scale (the sum of `counts`). */
  readonly answered: number;
}

/** How often each term of `scale` was chosen among `answers` (`undefined` for a missing answer). */
export function distribution(scale: readonly string[], answers: readonly (string | undefined)[]): Distribution {
  const counts = new Map(scale.map((t) => [t, 0]));
  const unknown = new Map<string, number>();
  let missing = 0;
  for (const a of answers) {
    if (a === undefined) missing++;
    else if (counts.has(a)) counts.set(a, (counts.get(a) as number) + 1);
    else unknown.set(a, (unknown.get(a) ?? 0) + 1);
  }
  return {
    counts: [...counts].map(([term, count]) => ({ term, count })),
    unknown: [...unknown].map(([term, count]) => ({ term, count })),
    missing,
    answered: answers.length - missing - [...unknown.values()].reduce((a, b) => a + b, 0),
  };
}

/**
 * The basis of the confidence as the IPCC draws it (Mastrandrea et al. 2010,
 * "Guidance Note for Lead Authors of the IPCC Fifth Assessment Report on
 * Consistent Treatment of Uncertainties", figure 1): a table of evidence
 * (rows, e.g. limited, medium, robust) by agreement (columns, low, medium,
 * high), each cell the number of panelists who gave that pair. Answers
 * missing either half, or off either scale, are counted in `incomplete`.
 */
export function confidenceBasisTable(
  evidenceScale: readonly string[],
  agreementScale: readonly string[],
  answers: readonly { readonly evidenceBasis?: string | undefined; readonly agreement?: string | undefined }[],
): { readonly cells: readonly (readonly number[])[]; readonly incomplete: number } {
  const cells = evidenceScale.map(() => agreementScale.map(() => 0));
  let incomplete = 0;
  for (const a of answers) {
    const row = a.evidenceBasis === undefined ? -1 : evidenceScale.indexOf(a.evidenceBasis);
    const col = a.agreement === undefined ? -1 : agreementScale.indexOf(a.agreement);
    if (row < 0 || col < 0) incomplete++;
    else (cells[row] as number[])[col]! += 1;
  }
  return { cells, incomplete };
}
