/**
 * The warning shown wherever a person confirms a name (a contact's card, an
 * expert's card before enrolment, one's own details while typing them): a
 * word that mixes scripts, or a word of look-alike letters from another
 * script (shared/identity/name-scripts.ts). A warning, not a refusal.
 */
import type { I18n } from "@lingui/core";
import { Trans, useLingui } from "@lingui/react/macro";
import { useMemo } from "react";
import { nameScriptWarnings, UNKNOWN_SCRIPT, type NameScriptWarning, type ScriptCode } from "../../shared/identity/name-scripts";
import { formatList } from "../i18n/format";
import { intlTag, isAnyLocale } from "../i18n/locales";

const displayNames = new Map<string, Intl.DisplayNames>();

/** A script's name in the interface's language ("Cyrillic", "cyrillique"), from its ISO 15924 code. */
export function scriptName(i18n: I18n, code: ScriptCode): string {
  const tag = intlTag(isAnyLocale(i18n.locale) ? i18n.locale : "en");
  let names = displayNames.get(tag);
  if (!names) {
    names = new Intl.DisplayNames([tag], { type: "script", fallback: "code" });
    displayNames.set(tag, names);
  }
  return names.of(code) ?? code;
}

type About = "card" | "own";

/** Nothing when the name is in one script per word; otherwise one sentence per word that may imitate another name. */
export function NameScriptWarnings({ name, about, id }: { name: string; about: About; id?: string }) {
  const warnings = useMemo(() => nameScriptWarnings(name), [name]);
  if (warnings.length === 0) return null;
  return (
    // A live region where the person is typing their own name; a note on a card they read.
    <div className="warning name-script-warning" role={about === "own" ? "status" : "note"} id={id} data-testid="name-script-warning">
      {warnings.map((warning) => (
        <WarningSentence key={warning.word} warning={warning} about={about} />
      ))}
    </div>
  );
}

function WarningSentence({ warning, about }: { warning: NameScriptWarning; about: About }) {
  const { t, i18n } = useLingui();
  const word = warning.word;
  if (warning.kind === "lookalike-word") {
    const script = scriptName(i18n, warning.script);
    return (
      <p>
        {about === "card" ? (
          <Trans>
            “<bdi>{word}</bdi>” is written in {script} letters that look like Latin ones, among Latin words: check the name with its owner before you trust this
            card.
          </Trans>
        ) : (
          <Trans>
            “<bdi>{word}</bdi>” is written in {script} letters that look like Latin ones, among Latin words: others will be warned that the name may imitate
            another. Type it in Latin letters if that is what you meant.
          </Trans>
        )}
      </p>
    );
  }
  const scripts = formatList(warning.scripts.map((code) => scriptName(i18n, code)));
  const main = scriptName(i18n, warning.scripts[0] ?? UNKNOWN_SCRIPT);
  const letters = formatList(
    warning.letters.map((l) => {
      const { letter, codePoint } = l;
      const script = scriptName(i18n, l.script);
      return t({ message: `“${letter}” (${script}, ${codePoint})`, context: "a letter of a name, its script and its Unicode code point" });
    }),
  );
  return (
    <p>
      {about === "card" ? (
        <Trans>
          The name mixes {scripts} letters in “<bdi>{word}</bdi>”: check it with its owner before you trust this card.
        </Trans>
      ) : (
        <Trans>
          The name mixes {scripts} letters in “<bdi>{word}</bdi>”: others will be warned that it may imitate another name. Type the word in one script.
        </Trans>
      )}{" "}
      <Trans>Letters not in {main}: {letters}.</Trans>
    </p>
  );
}
