import { formatPercent } from "../../i18n/format";

/** A percentage (0–100) in the language's own form, one decimal. */
export const percentText = (value: number): string => formatPercent(value / 100, 1);
