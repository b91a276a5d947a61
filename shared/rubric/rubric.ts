/**
 * The judgment rubric as data (versioned, validated), so a secretariat can
 * define its own; a case packet carries the one its panel uses. The default
 * follows the conventions analysts already use (see DESIGN.md): ICD 203
 * likelihood terms, IPCC-style confidence, Healey's spectrum of state
 * responsibility, Tallinn Manual 2.0 legal bases, ACH consistency codes and
 * the Admiralty grading.
 */
import { z } from "../validation/zod";

const Label = z.string().min(1).max(200);
const Term = z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,60}$/), label: Label });

export const RubricSchema = z
  .strictObject({
    format: z.literal("attribution-panel/rubric"),
    version: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]{1,100}$/),
    title: Label,
    likelihood: z
      .array(Term.extend({ low: z.number().min(0).max(100), high: z.number().min(0).max(100) }))
      .min(2)
      .max(20),
    confidence: z.array(Term).min(2).max(10),
    evidenceBasis: z.array(Term).min(2).max(10),
    agreement: z.array(Term).min(2).max(10),
    stateResponsibility: z.array(Term).min(2).max(20),
    legalBasis: z.array(Term).min(2).max(20),
    consistency: z.array(Term.extend({ code: z.string().min(1).max(4) })).min(2).max(10),
  })
  .superRefine((r, ctx) => {
    r.likelihood.forEach((t, i) => {
      if (t.low > t.high) ctx.addIssue({ code: "custom", path: ["likelihood", i], message: `${t.label}: the range ends before it starts` });
      const next = r.likelihood[i + 1];
      if (next && next.low < t.low) ctx.addIssue({ code: "custom", path: ["likelihood", i + 1], message: "likelihood terms must go from least to most likely" });
    });
  });
export type Rubric = z.infer<typeof RubricSchema>;

const terms = (...pairs: [string, string][]) => pairs.map(([id, label]) => ({ id, label }));

export const DEFAULT_RUBRIC: Rubric = {
  format: "attribution-panel/rubric",
  version: 1,
  id: "default-v1",
  title: "Default rubric: ICD 203 likelihood, analytic confidence, Healey's spectrum, Tallinn Manual 2.0, ACH, Admiralty",
  likelihood: [
    { id: "almost-no-chance", label: "Almost no chance", low: 1, high: 5 },
    { id: "very-unlikely", label: "Very unlikely", low: 5, high: 20 },
    { id: "unlikely", label: "Unlikely", low: 20, high: 45 },
    { id: "roughly-even-chance", label: "Roughly even chance", low: 45, high: 55 },
    { id: "likely", label: "Likely", low: 55, high: 80 },
    { id: "very-likely", label: "Very likely", low: 80, high: 95 },
    { id: "almost-certain", label: "Almost certain", low: 95, high: 99 },
  ],
  confidence: terms(["low", "Low"], ["moderate", "Moderate"], ["high", "High"]),
  evidenceBasis: terms(["limited", "Limited"], ["medium", "Medium"], ["robust", "Robust"]),
  agreement: terms(["low", "Low"], ["medium", "Medium"], ["high", "High"]),
  stateResponsibility: terms(
    ["state-prohibited", "State-prohibited"],
    ["state-prohibited-but-inadequate", "State-prohibited but inadequate"],
    ["state-ignored", "State-ignored"],
    ["state-encouraged", "State-encouraged"],
    ["state-shaped", "State-shaped"],
    ["state-coordinated", "State-coordinated"],
    ["state-ordered", "State-ordered"],
    ["state-rogue-conducted", "State-rogue-conducted"],
    ["state-executed", "State-executed"],
    ["state-integrated", "State-integrated"],
  ),
  legalBasis: terms(
    ["state-organ", "Act of a state organ (Tallinn 2.0 rule 15)"],
    ["instructions-direction-control", "Non-state actor under the state's instructions, direction or control (rule 17)"],
    ["acknowledged-adopted", "Conduct acknowledged and adopted by the state (rule 17)"],
    ["due-diligence", "Failure of due diligence (rules 6–7)"],
    ["not-attributable", "Not attributable to a state"],
  ),
  consistency: [
    { id: "very-consistent", code: "CC", label: "Very consistent" },
    { id: "consistent", code: "C", label: "Consistent" },
    { id: "neutral", code: "N", label: "Neutral" },
    { id: "inconsistent", code: "I", label: "Inconsistent" },
    { id: "very-inconsistent", code: "II", label: "Very inconsistent" },
    { id: "not-applicable", code: "NA", label: "Not applicable" },
  ],
};
