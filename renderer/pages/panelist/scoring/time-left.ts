const formats = new Map<string, Intl.RelativeTimeFormat>();
/** Intl's formatters are costly to build (about a millisecond): one per language. */
function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: "always" })));
  return format;
}

/** How long until `deadline`, in the largest whole unit (Intl's own words: "in 3 days", "2 hours ago"). */
export function timeLeft(deadline: string, now: number, locale: string): { text: string; passed: boolean } {
  const ms = Date.parse(deadline) - now;
  const format = relativeFormat(locale);
  const abs = Math.abs(ms);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
  ];
  const [unit, size] = units.find(([, s]) => abs >= s) ?? ["minute", 60_000];
  const value = Math.floor(abs / size) * Math.sign(ms);
  return { text: format.format(value === 0 ? 0 : value, unit), passed: ms < 0 };
}
