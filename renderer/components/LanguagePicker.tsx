import { useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
import { cryptoWorker } from "../crypto/worker-client";
import { useLanguage } from "../i18n/LanguageContext";
import { isAnyLocale, LOCALE_NAMES, LOCALES, type AnyLocale } from "../i18n/locales";
import { useVault } from "../vault/VaultContext";

/** The pseudo-locale is offered in development builds only (and by `?lang=pseudo`). */
const CHOICES: readonly AnyLocale[] = import.meta.env.DEV ? [...LOCALES, "pseudo"] : LOCALES;

/**
 * The interface language, in the header so it can be changed on every screen,
 * locked or not. While a vault is unlocked the choice is also kept in it.
 */
export function LanguagePicker({ inSettings = false }: { inSettings?: boolean }) {
  const { t } = useLingui();
  const { locale, choose } = useLanguage();
  const { state } = useVault();
  const [failed, setFailed] = useState(false);
  const id = useId();
  const change = async (value: string) => {
    if (!isAnyLocale(value)) return;
    setFailed(false);
    try {
      await choose(value);
    } catch {
      setFailed(true);
      return;
    }
    if (state.phase === "unlocked") {
      const saved = await cryptoWorker.call("vault:set-settings", { language: value });
      if (!saved.ok) setFailed(true);
    }
  };
  const choices = CHOICES.includes(locale) ? CHOICES : [...CHOICES, locale];
  return (
    <span className={inSettings ? "field" : "language-picker"}>
      <label htmlFor={id} className={inSettings ? undefined : "visually-hidden"}>
        {inSettings ? t`Language of the interface, kept with this vault` : t`Language`}
      </label>
      <select id={id} value={locale} onChange={(e) => void change(e.target.value)} data-testid={inSettings ? "settings-language" : "language"}>
        {choices.map((l) => (
          <option key={l} value={l} lang={l === "pseudo" ? "en-XA" : l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="error">
          {t`The language could not be changed; try again.`}
        </span>
      )}
    </span>
  );
}
