/**
 * Country names, loaded when a screen first needs them: each language's
 * table (from i18n-iso-countries, about 7 KB) is its own chunk, imported
 * statically by name so the bundle holds exactly these six and nothing is
 * fetched from elsewhere. Nothing here is in the start-up bundle.
 *
 * Names are shown in the interface's language; a country is also found by
 * its English name and by its code, so a person working in French who types
 * "Ireland" (or "IE") still finds "Irlande".
 */
import { t } from "@lingui/core/macro";
import { useLingui } from "@lingui/react";
import { useEffect, useState } from "react";
import { countryOptions, isCountryCode, isUserAssignedCode, type CountryNameTable, type CountryOption } from "../../shared/identity/countries";

const TABLES = {
  ar: () => import("i18n-iso-countries/langs/ar.json"),
  en: () => import("i18n-iso-countries/langs/en.json"),
  es: () => import("i18n-iso-countries/langs/es.json"),
  fr: () => import("i18n-iso-countries/langs/fr.json"),
  ru: () => import("i18n-iso-countries/langs/ru.json"),
  zh: () => import("i18n-iso-countries/langs/zh.json"),
} as const;

export type CountryLanguage = keyof typeof TABLES;

/** The table for an interface language: the pseudo-locale (and anything unknown) reads English names. */
export const countryLanguageOf = (locale: string): CountryLanguage => (Object.hasOwn(TABLES, locale) ? (locale as CountryLanguage) : "en");

export type Countries = {
  readonly options: readonly CountryOption[];
  readonly byCode: ReadonlyMap<string, CountryOption>;
};

/**
 * The options of `own` (names in its language, sorted for it) that are also
 * found by their names in `english`; names already there are not repeated.
 */
export function withEnglishNames(own: readonly CountryOption[], english: readonly CountryOption[]): readonly CountryOption[] {
  const byCode = new Map(english.map((o) => [o.code, o]));
  return own.map((option) => {
    const en = byCode.get(option.code);
    if (!en) return option;
    const known = new Set([option.name, ...option.otherNames]);
    const extra = [en.name, ...en.otherNames].filter((name) => name !== option.code && !known.has(name));
    return extra.length === 0 ? option : { ...option, otherNames: [...option.otherNames, ...extra] };
  });
}

const table = async (language: CountryLanguage): Promise<readonly CountryOption[]> => countryOptions((await TABLES[language]()).default as CountryNameTable);

const loaded = new Map<CountryLanguage, Promise<Countries>>();

/** The countries with their names in `language` (and searchable by their English names), loaded once. */
export function loadCountries(language: CountryLanguage = "en"): Promise<Countries> {
  let promise = loaded.get(language);
  if (!promise) {
    promise = Promise.all([table(language), language === "en" ? undefined : table("en")]).then(([own, english]) => {
      const options = english ? withEnglishNames(own, english) : own;
      return { options, byCode: new Map(options.map((o) => [o.code, o])) };
    });
    // A failed load (a missing chunk) may be retried by the next screen.
    promise.catch(() => loaded.delete(language));
    loaded.set(language, promise);
  }
  return promise;
}

/** The countries once loaded, named in the interface's language (or `language`); undefined meanwhile (screens then show codes). */
export function useCountries(language?: CountryLanguage): Countries | undefined {
  const { i18n } = useLingui();
  const wanted = language ?? countryLanguageOf(i18n.locale);
  const [countries, setCountries] = useState<Countries | undefined>();
  useEffect(() => {
    let live = true;
    loadCountries(wanted).then(
      (c) => live && setCountries(c),
      () => undefined, // names are a convenience: without them the codes are shown
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  // Until the new language's names arrive, the previous ones are shown rather than bare codes.
  return countries;
}

/**
 * How a code is shown: "Switzerland (CH)"; a user-assigned code as itself;
 * a code no country has (recorded by an earlier version) flagged as such.
 * Reads the catalog when called: call it while rendering.
 */
export function countryLabel(code: string, countries: Countries | undefined): string {
  const option = countries?.byCode.get(code);
  if (option) {
    const name = option.name;
    return t({ message: `${name} (${code})`, comment: "A country's name and its ISO 3166 code, e.g. Switzerland (CH)" });
  }
  if (isUserAssignedCode(code)) return t({ message: `${code} (user-assigned code)`, comment: "An ISO 3166 code kept free for private use (exercises use them for fictional states), e.g. XA" });
  if (!isCountryCode(code)) return t({ message: `${code} (not a country code)`, comment: "A two-letter code recorded by an earlier version that names no country" });
  return code;
}
