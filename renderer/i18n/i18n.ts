/**
 * Which language the interface speaks, and loading its catalog. The choice is
 * the device's until a vault is unlocked (kept in localStorage: it is not
 * confidential, and the locked screens must already speak it); an unlocked
 * vault's own setting then wins and is remembered for the next start. On the
 * first run the system language decides (`navigator.languages`, which
 * Chromium takes from `--lang`). `?lang=xx` in the page's address overrides
 * both, for screenshots and tests.
 */
import { i18n, type Messages } from "@lingui/core";
import { direction, isAnyLocale, languageTag, matchLocale, type AnyLocale } from "./locales";

const CATALOGS: Readonly<Record<AnyLocale, () => Promise<{ messages: Messages }>>> = {
  ar: () => import("../locales/ar/messages.po"),
  zh: () => import("../locales/zh/messages.po"),
  en: () => import("../locales/en/messages.po"),
  fr: () => import("../locales/fr/messages.po"),
  ru: () => import("../locales/ru/messages.po"),
  es: () => import("../locales/es/messages.po"),
  pseudo: async () => {
    const [{ messages }, { pseudoMessages }] = await Promise.all([import("../locales/en/messages.po"), import("./pseudo")]);
    return { messages: pseudoMessages(messages) };
  },
};

const STORAGE_KEY = "attribution-panel.language";

function storedLocale(): AnyLocale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isAnyLocale(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the choice for the next start, before any vault is unlocked. */
export function rememberLocale(locale: AnyLocale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage refused (private mode, quota): the choice lasts until the window closes.
  }
}

export function initialLocale(): AnyLocale {
  const requested = new URLSearchParams(location.search).get("lang");
  if (isAnyLocale(requested)) return requested;
  return storedLocale() ?? matchLocale(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/** The interface's current language. */
export const currentLocale = (): AnyLocale => (isAnyLocale(i18n.locale) ? i18n.locale : "en");

/** Loads `locale`'s catalog, makes it current, and sets the page's `lang` and `dir`. */
export async function activateLocale(locale: AnyLocale): Promise<void> {
  const { messages } = await CATALOGS[locale]();
  i18n.loadAndActivate({ locale, messages });
  document.documentElement.lang = languageTag(locale);
  document.documentElement.dir = direction(locale);
}

let starting: Promise<void> | undefined;
/** The first activation, started once by the entry script and awaited before the first render. */
export const startLanguage = (): Promise<void> => (starting ??= activateLocale(initialLocale()));
