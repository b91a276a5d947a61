import { Trans, useLingui } from "@lingui/react/macro";
import { useId } from "react";
import type { Rubric } from "../../../../shared/rubric/rubric";
import { MAX_NOTE, MAX_RATIONALE, type Answers, type Attestation } from "../../../../shared/scoring/scoresheet";
import { MarkdownField } from "./MarkdownField";
import { OVERALL_LABEL } from "./scoring-words";

export const overallFieldId = (field: "civilianHarm" | "proportionality" | "rationale" | "attestation"): string => `score-overall-${field}`;

/** The questions asked once per scoresheet, and the attestation of independence that closes it. */
export function OverallSection({
  rubric,
  answers,
  now,
  onText,
  onAttest,
}: {
  rubric: Rubric;
  answers: Answers;
  now: () => string;
  onText: (field: "civilianHarm" | "proportionality" | "rationale", value: string | undefined) => void;
  onAttest: (attestation: Attestation | undefined) => void;
}) {
  const { t, i18n } = useLingui();
  const interestsHint = useId();
  const attested = answers.attestation?.independent === true;
  const interests = answers.attestation?.interests ?? "";
  const note = (field: "civilianHarm" | "proportionality") => {
    const asked = rubric.asks[field];
    if (asked === "off") return null;
    const id = overallFieldId(field);
    return (
      <div className="field">
        <label htmlFor={id}>
          {i18n._(OVERALL_LABEL[field])}
          {asked === "required" ? <span className="required-mark"> {t`(required)`}</span> : null}
        </label>
        <textarea id={id} rows={3} maxLength={MAX_NOTE} value={answers[field] ?? ""} aria-required={asked === "required"} onChange={(e) => onText(field, e.target.value === "" ? undefined : e.target.value)} />
      </div>
    );
  };
  return (
    <section className="overall" aria-labelledby="overall-heading">
      <h3 id="overall-heading" tabIndex={-1}>{t`The case as a whole`}</h3>
      {note("civilianHarm")}
      {note("proportionality")}
      {rubric.asks.overallRationale !== "off" ? (
        <MarkdownField
          id={overallFieldId("rationale")}
          label={i18n._(OVERALL_LABEL.rationale)}
          value={answers.rationale ?? ""}
          required={rubric.asks.overallRationale === "required"}
          maxLength={MAX_RATIONALE * 2}
          rows={6}
          onChange={(v) => onText("rationale", v === "" ? undefined : v)}
        />
      ) : null}
      <fieldset className="attestation" id={overallFieldId("attestation")} tabIndex={-1}>
        <legend>{i18n._(OVERALL_LABEL.attestation)}</legend>
        <div className="field">
          <label htmlFor="score-interests">{t`Interests to declare (leave empty if none)`}</label>
          <span id={interestsHint} className="small muted">
            <Trans>Any tie to a party state, an employer, a contract or a person involved in the case.</Trans>
          </span>
          <textarea
            id="score-interests"
            rows={2}
            maxLength={MAX_NOTE}
            value={interests}
            aria-describedby={interestsHint}
            onChange={(e) => onAttest(e.target.value === "" && !attested ? undefined : { independent: attested, interests: e.target.value, at: now() })}
          />
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={attested}
            onChange={(e) => onAttest(e.target.checked || interests !== "" ? { independent: e.target.checked, interests, at: now() } : undefined)}
          />{" "}
          <Trans>I attest that I scored this case independently: I have not seen or discussed any other panelist's scores, and I have declared every interest above.</Trans>
        </label>
      </fieldset>
    </section>
  );
}
