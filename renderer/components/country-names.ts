/**
 * Country names, loaded when a screen first needs them: each language's
 * table (from i18n-iso-countries, about 7 KB) is its own chunk, imported
 * statically by name so the bundle holds exactly these six and nothing is
 * fetched from elsewhere. Nothing here is in the start-up bundle.
 */
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

export type Countries = {
  readonly options: readonly CountryOption[];
  readonly byCode: ReadonlyMap<string, CountryOption>;
};

const loaded = new Map<CountryLanguage, Promise<Countries>>();

/** The countries with their names in `language`, loaded once. */
export function loadCountries(language: CountryLanguage = "en"): Promise<Countries> {
  let promise = loaded.get(language);
  if (!promise) {
    promise = TABLES[language]().then((module) => {
      const options = countryOptions(module.default as CountryNameTable);
      return { options, byCode: new Map(options.map((o) => [o.code, o])) };
    });
    // A failed load (a missing chunk) may be retried by the next screen.
    promise.catch(() => loaded.delete(language));
    loaded.set(language, promise);
  }
  return promise;
}

/** The countries once loaded; undefined meanwhile (screens then show codes). */
export function useCountries(language: CountryLanguage = "en"): Countries | undefined {
  const [countries, setCountries] = useState<Countries | undefined>();
  useEffect(() => {
    let live = true;
    loadCountries(language).then(
      (c) => live && setCountries(c),
      () => undefined, // names are a convenience: without them the codes are shown
    );
    return () => {
      live = false;
    };
  }, [language]);
  return countries;
}

/**
 * How a code is shown: "Switzerland (CH)"; a user-assigned code as itself;
 * a code no country has (recorded by an earlier version) flagged as such.
 */
export function countryLabel(code: string, countries: Countries | undefined): string {
  const option = countries?.byCode.get(code);
  if (option) return `${option.name} (${code})`;
  if (isUserAssignedCode(code)) return `${code} (user-assigned code)`;
  if (!isCountryCode(code)) return `${code} (not a country code)`;
  return code;
}
