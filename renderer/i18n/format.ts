/**
 * Numbers, sizes, percentages, dates and lists in the interface's language,
 * through `Intl` (formatters cached per language).
 */
import { i18n } from "@lingui/core";
import { intlTag, isAnyLocale } from "./locales";

const tag = (): string => intlTag(isAnyLocale(i18n.locale) ? i18n.locale : "en");

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(key: string, make: (locale: string) => T): T {
  const locale = tag();
  const full = `${locale}|${key}`;
  let formatter = cache.get(full);
  if (!formatter) {
    formatter = make(locale);
    cache.set(full, formatter);
  }
  return formatter as T;
}

export const formatNumber = (value: number, maximumFractionDigits = 0): string =>
  cached(`n${maximumFractionDigits}`, (l) => new Intl.NumberFormat(l, { maximumFractionDigits })).format(value);

/** A fraction (0.42) as a percentage in the language's own form ("42 %", "٤٢٪"). */
export const formatPercent = (fraction: number, maximumFractionDigits = 0): string =>
  cached(`p${maximumFractionDigits}`, (l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits })).format(fraction);

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;
/** A size in bytes with the largest fitting binary unit (1024), one decimal above bytes: "1.5 MB", "١٫٥ ميغابايت". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const name = BYTE_UNITS[unit] ?? "byte";
  return cached(`b${name}`, (l) => new Intl.NumberFormat(l, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: unit === 0 ? 0 : 1 })).format(value);
}

/** A moment in words, in UTC so that every panelist reads the same time, with the zone named in the language. */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return cached("dt", (l) => new Intl.DateTimeFormat(l, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" })).format(time);
}

/** A calendar date (UTC) in words. */
export function formatDate(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return cached("d", (l) => new Intl.DateTimeFormat(l, { dateStyle: "medium", timeZone: "UTC" })).format(time);
}

/** "a, b and c" in the language's own form; "unit" lists the parts of one whole, without "and" in English ("5 seats: 2 AG, 3 WEOG"). */
export const formatList = (items: readonly string[], type: "conjunction" | "disjunction" | "unit" = "conjunction"): string =>
  cached(`l${type}`, (l) => new Intl.ListFormat(l, { style: "long", type })).format(items);
