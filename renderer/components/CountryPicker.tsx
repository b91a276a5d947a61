/**
 * Choosing a country by its name: an ARIA combobox (editable, list
 * autocomplete). Typing "Switz" lists Switzerland; Up and Down move through
 * the list, Enter or a click chooses, Escape closes it. The value is the ISO
 * code; the box shows the name. CountryMultiPicker adds chosen countries to a
 * list of removable chips.
 */
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { foldForSearch, searchCountries, type CountryOption } from "../../shared/identity/countries";
import { formatNumber } from "../i18n/format";
import { countryLabel, useCountries } from "./country-names";

const MAX_SHOWN = 50;

type ComboboxProps = {
  readonly id: string;
  /** The ISO code chosen, or "" for none. */
  readonly value: string;
  readonly onChoose: (code: string) => void;
  /** Codes not to offer (those already chosen in a multi-picker). */
  readonly exclude?: readonly string[];
  readonly required?: boolean;
  /** Clear the box after a choice (multi-picker). */
  readonly clearOnChoose?: boolean;
  readonly describedBy?: string;
};

function CountryCombobox({ id, value, onChoose, exclude = [], required = false, clearOnChoose = false, describedBy }: ComboboxProps) {
  const { t } = useLingui();
  const countries = useCountries();
  const listId = useId();
  const input = useRef<HTMLInputElement>(null);
  const labelOf = (code: string) => (code === "" ? "" : countryLabel(code, countries));
  const [text, setText] = useState(() => labelOf(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [editing, setEditing] = useState(false);

  // Show the chosen country's name once the names arrive, or when the value changes from outside.
  useEffect(() => {
    if (!editing) setText(clearOnChoose || value === "" ? "" : countryLabel(value, countries));
  }, [value, countries, editing, clearOnChoose]);

  const matches: readonly CountryOption[] = countries ? searchCountries(countries.options, editing ? text : "").filter((o) => !exclude.includes(o.code)) : [];
  const shown = matches.slice(0, MAX_SHOWN);
  const activeOption = open ? shown[Math.min(active, shown.length - 1)] : undefined;
  const pending = editing && text.trim() !== "";
  const typedText = text.trim();
  const shownCount = formatNumber(MAX_SHOWN);
  const matchCount = formatNumber(matches.length);

  useEffect(() => {
    // The form cannot be submitted with typed text that chose nothing.
    input.current?.setCustomValidity(pending ? t`Choose a country from the list.` : "");
  }, [pending, t]);

  const choose = (option: CountryOption) => {
    onChoose(option.code);
    setEditing(false);
    setOpen(false);
    setText(clearOnChoose ? "" : countryLabel(option.code, countries));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((a) => (shown.length === 0 ? 0 : (Math.min(a, shown.length - 1) + step + shown.length) % shown.length));
    } else if (event.key === "Enter" && open && activeOption) {
      event.preventDefault();
      choose(activeOption);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  const onBlur = () => {
    setOpen(false);
    if (!editing) return;
    // Typed text that names exactly one country (or its code, or its English name) chooses it; otherwise the box keeps the text and the form refuses it.
    const typed = foldForSearch(text);
    const exact = matches.filter((o) => o.code === text.trim().toUpperCase() || [o.name, ...o.otherNames].some((name) => foldForSearch(name) === typed));
    const only = exact.length === 1 ? exact[0] : matches.length === 1 && text.trim().length >= 3 ? matches[0] : undefined;
    if (only) choose(only);
    else if (text.trim() === "") {
      setEditing(false);
      if (!clearOnChoose) onChoose("");
    }
  };

  return (
    <div className="combobox">
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeOption ? `${listId}-${activeOption.code}` : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        required={required}
        value={text}
        placeholder={countries ? t`Type a country's name` : t`Loading country names…`}
        onChange={(e) => {
          setText(e.target.value);
          setEditing(true);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => countries && setOpen(editing)}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <ul id={listId} role="listbox" aria-label={t`Countries`} className="combobox-list" hidden={!open || shown.length === 0}>
        {open &&
          shown.map((option) => (
            <li
              key={option.code}
              id={`${listId}-${option.code}`}
              role="option"
              aria-selected={option === activeOption}
              // mousedown, not click: it comes before the input's blur.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {countryLabel(option.code, countries)}
            </li>
          ))}
      </ul>
      {open && countries && matches.length === 0 && text.trim() !== "" && (
        <p className="muted small" role="status">
          <Trans>No country matches “{typedText}”.</Trans>
        </p>
      )}
      {open && matches.length > MAX_SHOWN && (
        <p className="muted small">
          <Trans>
            Showing {shownCount} of {matchCount}; type more of the name.
          </Trans>
        </p>
      )}
    </div>
  );
}

/** One country, chosen by name; `value` is its ISO code. The label is the caller's (`<label htmlFor={id}>`). */
export function CountryPicker(props: { id: string; value: string; onChange: (code: string) => void; required?: boolean; describedBy?: string }) {
  return <CountryCombobox id={props.id} value={props.value} onChoose={props.onChange} required={props.required ?? false} {...(props.describedBy ? { describedBy: props.describedBy } : {})} />;
}

/** Several countries (none allowed), each chosen by name and removable. */
export function CountryMultiPicker({ id, values, onChange, describedBy }: { id: string; values: readonly string[]; onChange: (codes: readonly string[]) => void; describedBy?: string }) {
  const { t } = useLingui();
  const countries = useCountries();
  return (
    <div className="country-multi">
      {values.length > 0 && (
        <ul className="chips" aria-label={t({ message: "Chosen", context: "the countries chosen so far in a multi-choice box" })}>
          {values.map((code) => {
            const country = countryLabel(code, countries);
            return (
              <li key={code} className="chip">
                {country}{" "}
                <button type="button" className="chip-remove" aria-label={t`Remove ${country}`} onClick={() => onChange(values.filter((c) => c !== code))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <CountryCombobox id={id} value="" exclude={values} clearOnChoose onChoose={(code) => code && !values.includes(code) && onChange([...values, code])} {...(describedBy ? { describedBy } : {})} />
    </div>
  );
}
