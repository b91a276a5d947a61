/**
 * The languages the interface speaks: the six official languages of the
 * United Nations (English is the catalogs' source), and in development a
 * pseudo-locale that accents and lengthens every message.
 */
export const LOCALES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export type AnyLocale = Locale | "pseudo";

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (LOCALES as readonly string[]).includes(value);
export const isAnyLocale = (value: unknown): value is AnyLocale => value === "pseudo" || isLocale(value);

/** Each language's name in that language: a person who cannot read the current one still finds their own. */
export const LOCALE_NAMES: Readonly<Record<AnyLocale, string>> = {
  ar: "العربية",
  zh: "中文",
  en: "English",
  fr: "Français",
  ru: "Русский",
  es: "Español",
  pseudo: "Ƥşéûđô",
};

/** The tag for the `lang` attribute and for `Intl`: Chinese is written in simplified characters, as at the UN. */
export function languageTag(locale: AnyLocale): string {
  if (locale === "zh") return "zh-Hans";
  if (locale === "pseudo") return "en-XA";
  return locale;
}

/** For `Intl` formatters: the pseudo-locale formats as English. */
export const intlTag = (locale: AnyLocale): string => (locale === "pseudo" ? "en" : languageTag(locale));

export const direction = (locale: AnyLocale): "rtl" | "ltr" => (locale === "ar" ? "rtl" : "ltr");

/**
 * The first supported language among the system's preferred ones
 * (`navigator.languages`, which Chromium takes from `--lang`), by primary
 * subtag: "fr-CA" → French, "zh-TW" → Chinese; English when none matches.
 */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return "en";
}
