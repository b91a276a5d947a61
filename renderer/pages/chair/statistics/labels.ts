/**
 * Words for the chair's statistics: a rubric term id as its label, a pooled
 * value's term (within a band, on a shared end, off the scale), a claim's
 * row label, a signed score. Called at render time (they read the current
 * language).
 */
import { i18n, type I18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import type { ClaimStatistics, PanelStatistics, TermOfValue } from "../../../../shared/merge/statistics";
import type { RubricScale } from "../../../../shared/rubric/rubric";
import { isolate, type Direction } from "../../../components/charts/layout";
import { formatNumber } from "../../../i18n/format";
import { direction, intlTag, isAnyLocale } from "../../../i18n/locales";
import { claimStatement, rubricTermLabel } from "../../../i18n/vocabulary";

/** The label of term `id` of `scale` in the statistics' rubric; the id itself when the rubric does not hold it. */
export function termLabel(i18n: I18n, rubric: PanelStatistics["rubric"], scale: RubricScale, id: string): string {
  const term = rubric[scale].find((x) => x.id === id);
  return term === undefined ? id : rubricTermLabel(i18n, scale, term).text;
}

/** The likelihood term a pooled value maps to, in words. */
export function termOfValueText(i18n: I18n, rubric: PanelStatistics["rubric"], term: TermOfValue): string {
  const label = (id: string) => termLabel(i18n, rubric, "likelihood", id);
  switch (term.kind) {
    case "within":
      return label(term.term);
    case "boundary": {
      const lower = label(term.lower);
      const upper = label(term.upper);
      return t({ message: `${lower} or ${upper} (on the boundary)`, comment: "a pooled value exactly on the end two likelihood terms share" });
    }
    case "between-bands": {
      const lower = label(term.lower);
      const upper = label(term.upper);
      return t({ message: `Between ${lower} and ${upper}`, comment: "a pooled value in a gap between two likelihood terms" });
    }
    case "below-scale": {
      const nearest = label(term.nearest);
      return t`Below the scale (nearest: ${nearest})`;
    }
    case "above-scale": {
      const nearest = label(term.nearest);
      return t`Above the scale (nearest: ${nearest})`;
    }
  }
}

/** A percentage (0–100) in the language's own form, one decimal. */
export { percentText as percent } from "../../../components/charts/format";

/** A claim's statement in the current language (the catch-all's from the catalog). */
export const statementOf = (i18n: I18n, claim: Pick<ClaimStatistics, "statement" | "catchAll">): string => claimStatement(i18n, claim);

/** "1. The statement": a claim's number in the case's order and its statement (the charts' row labels). */
export function claimLabel(i18n: I18n, claim: Pick<ClaimStatistics, "statement" | "catchAll">, index: number): string {
  const number = formatNumber(index + 1);
  // Isolated: the statement is written in its own direction (an English claim in the Arabic interface).
  const statement = isolate(statementOf(i18n, claim));
  return t({ message: `${number}. ${statement}`, comment: "a claim's number in the case and its statement" });
}

/** "Claim 1": a claim by its number in the case, the charts' short label (the full statement is in the per-claim table and the details). */
export function claimShort(index: number): string {
  const number = formatNumber(index + 1);
  return t({ message: `Claim ${number}`, comment: "a claim by its number in the case" });
}

/** A claim's number alone ("1"), the heat map's column heading. */
export const claimNumber = (index: number): string => formatNumber(index + 1);

/** A score on a signed scale (the ACH's −2 … +2), with its sign ("+1.5", "-1", "0"), by the language's own rules (in Arabic with the marks that keep the sign before the number). */
export function signed(value: number): string {
  const locale = isAnyLocale(i18n.locale) ? intlTag(i18n.locale) : "en";
  return new Intl.NumberFormat(locale, { signDisplay: "exceptZero", maximumFractionDigits: 1 }).format(value);
}

/** The charts' direction: the interface language's. */
export const chartDirection = (i18n: I18n): Direction => (isAnyLocale(i18n.locale) ? direction(i18n.locale) : "ltr");
