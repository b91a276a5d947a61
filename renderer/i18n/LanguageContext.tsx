/**
 * The interface language for React: Lingui's provider (components re-render
 * when the language changes) and the person's choice.
 */
import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { activateLocale, currentLocale, rememberLocale } from "./i18n";
import type { AnyLocale } from "./locales";

type LanguageApi = {
  readonly locale: AnyLocale;
  /** Loads and shows `locale` and keeps it for the next start on this device. */
  readonly choose: (locale: AnyLocale) => Promise<void>;
};

const LanguageContext = createContext<LanguageApi | undefined>(undefined);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<AnyLocale>(currentLocale);
  const choose = useCallback(async (next: AnyLocale) => {
    if (next !== currentLocale()) await activateLocale(next);
    rememberLocale(next);
    setLocale(next);
  }, []);
  const api = useMemo(() => ({ locale, choose }), [locale, choose]);
  return (
    <I18nProvider i18n={i18n}>
      <LanguageContext.Provider value={api}>{children}</LanguageContext.Provider>
    </I18nProvider>
  );
}

export function useLanguage(): LanguageApi {
  const api = useContext(LanguageContext);
  if (!api) throw new Error("useLanguage outside LanguageProvider");
  return api;
}
