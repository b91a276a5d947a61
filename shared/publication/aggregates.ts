/**
 * The stated aggregates of a released opinion, recomputed from its released
 * anonymised estimates with the same functions the chair's app used
 * (shared/merge/stats: R type 7 quartiles, the linear and log-odds pools
 * normalised across the claims, the median per UN regional group). All of
 * them sort their inputs first, so the shuffled order of the released
 * estimates does not change a bit of the result.
 *
 * A figure is recomputed only when its inputs are released: a claim whose
 * estimates were withheld, or regional medians when the regions were not
 * released, are reported as not recomputable, never as matching.
 */
import { z } from "../validation/zod";
import type { JsonObject } from "../formats/selective-disclosure";
import { spread } from "../merge/stats/percentiles";
import { linearPool, logOddsPool, normaliseAcrossClaims } from "../merge/stats/pools";
import { regionalMedians } from "../merge/stats/regional";
import { UnRegionSchema } from "../identity/un-regions";

/** Two figures agree when they differ by less than this (they are computed the same way; this absorbs nothing but printing). */
export const AGGREGATE_TOLERANCE = 1e-9;

export type AggregateFigure = "n" | "median" | "p25" | "p75" | "iqr" | "pool" | "normalised" | "regional-n" | "regional-median";

export type AggregateCheck = {
  readonly claim: string;
  readonly method: string;
  readonly figure: AggregateFigure;
  readonly region?: string;
  readonly stated: number | undefined;
  /** Undefined when the released estimates do not allow it (see `recomputable`). */
  readonly recomputed: number | undefined;
  readonly recomputable: boolean;
  readonly matches: boolean;
};

const Figure = z.number();
const FindingShape = z.looseObject({
  claim: z.string(),
  aggregate: z.looseObject({ method: z.string(), n: Figure.optional(), value: Figure.optional(), p25: Figure.optional(), p75: Figure.optional(), iqr: Figure.optional(), normalised: z.looseObject({ value: Figure }).optional() }),
  regional: z.array(z.looseObject({ region: z.string(), n: Figure.optional(), median: Figure.optional() })).optional(),
});
const EstimatesShape = z.looseObject({ claim: z.string(), values: z.array(z.looseObject({ value: z.number().min(0).max(100), region: UnRegionSchema.optional() })) });

const agree = (a: number | undefined, b: number | undefined): boolean => (a === undefined || b === undefined ? a === b : Math.abs(a - b) < AGGREGATE_TOLERANCE);

/** Every stated figure of every finding beside its recomputation, in the findings' order. */
export function checkAggregates(opinion: JsonObject): AggregateCheck[] {
  const findings = (Array.isArray(opinion["findings"]) ? opinion["findings"] : []).flatMap((f: unknown) => {
    const parsed = FindingShape.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
  const estimates = new Map<string, z.infer<typeof EstimatesShape>["values"]>();
  for (const e of Array.isArray(opinion["estimates"]) ? opinion["estimates"] : []) {
    const parsed = EstimatesShape.safeParse(e);
    if (parsed.success) estimates.set(parsed.data.claim, parsed.data.values);
  }
  const valuesOf = (claim: string): number[] | undefined => estimates.get(claim)?.map((v) => v.value);
  // The pools are normalised across every claim of the opinion, each pooled the same way.
  const normalisedBy = (pool: (v: readonly number[]) => number | undefined): number[] | undefined => {
    const pooled = findings.map((f) => {
      const values = valuesOf(f.claim);
      return values === undefined ? undefined : pool(values);
    });
    return pooled.some((p) => p === undefined) ? undefined : normaliseAcrossClaims(pooled);
  };
  const normalised = { "linear-pool": normalisedBy(linearPool), "log-odds-pool": normalisedBy(logOddsPool) } as const;

  const checks: AggregateCheck[] = [];
  findings.forEach((f, index) => {
    const values = valuesOf(f.claim);
    const { method } = f.aggregate;
    const check = (figure: AggregateFigure, stated: number | undefined, recomputed: number | undefined, region?: string) => {
      if (stated === undefined && figure !== "regional-median") return;
      const recomputable = values !== undefined && (recomputed !== undefined || stated === undefined);
      checks.push({ claim: f.claim, method, figure, ...(region === undefined ? {} : { region }), stated, recomputed, recomputable, matches: recomputable && agree(stated, recomputed) });
    };
    const s = values === undefined ? undefined : spread(values);
    check("n", f.aggregate.n, values?.length);
    if (method === "median") {
      check("median", f.aggregate.value, s?.median);
      check("p25", f.aggregate.p25, s?.p25);
      check("p75", f.aggregate.p75, s?.p75);
      check("iqr", f.aggregate.iqr, s?.iqr);
    } else if (method === "linear-pool" || method === "log-odds-pool") {
      check("pool", f.aggregate.value, values === undefined ? undefined : (method === "linear-pool" ? linearPool : logOddsPool)(values));
      check("normalised", f.aggregate.normalised?.value, normalised[method]?.[index]);
    }
    // Regional medians need every released estimate to carry its region.
    const regioned = values !== undefined && (estimates.get(f.claim) ?? []).every((v) => v.region !== undefined);
    const regional = regioned ? regionalMedians((estimates.get(f.claim) ?? []).map((v) => ({ region: v.region as z.infer<typeof UnRegionSchema>, value: v.value }))) : [];
    for (const r of f.regional ?? []) {
      const mine = regional.find((m) => m.region === r.region);
      if (!regioned) {
        checks.push({ claim: f.claim, method, figure: "regional-median", region: r.region, stated: r.median, recomputed: undefined, recomputable: false, matches: false });
        continue;
      }
      check("regional-n", r.n, mine?.n, r.region);
      check("regional-median", r.median, mine?.median, r.region);
    }
  });
  return checks;
}
