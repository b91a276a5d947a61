import { Trans, useLingui } from "@lingui/react/macro";
import { memo, useEffect, useMemo, useState, type FormEvent } from "react";
import type { Claim } from "../../../../shared/case/model";
import type { Rubric, RubricScale } from "../../../../shared/rubric/rubric";
import { claimGaps, termsFor } from "../../../../shared/scoring/completeness";
import { MAX_RATIONALE, type ClaimAnswer, type ClaimField, type ClaimId } from "../../../../shared/scoring/scoresheet";
import { formatNumber } from "../../../i18n/format";
import { claimStatement, rubricTermLabel } from "../../../i18n/vocabulary";
import { MarkdownField } from "./MarkdownField";
import { CLAIM_FIELD_LABEL, termText } from "./scoring-words";

export type ClaimChange = <F extends ClaimField>(claim: ClaimId, field: F, value: ClaimAnswer[F] | undefined) => void;

/** The id of the control for one answer, which a gap's link focuses. */
export const fieldId = (claim: string, field: ClaimField): string => `score-${claim}-${field}`;

/** Enter in a field submits nothing: every change is kept as it is made. */
export const preventSubmit = (event: FormEvent<HTMLFormElement>): void => event.preventDefault();

/** "12.5" → 12.5; "" → undefined; anything else → NaN (the input shows it as invalid). */
export function parsePercent(text: string): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) && n >= 0 && n <= 100 ? Math.round(n * 10) / 10 : Number.NaN;
}

function TermSelect({ claim, field, scale, rubric, value, required, onChange }: { claim: ClaimId; field: ClaimField; scale: RubricScale; rubric: Rubric; value: string | undefined; required: boolean; onChange: ClaimChange }) {
  const { t, i18n } = useLingui();
  const id = fieldId(claim, field);
  return (
    <div className="field">
      <label htmlFor={id}>
        {i18n._(CLAIM_FIELD_LABEL[field])}
        {required ? <span className="required-mark"> {t`(required)`}</span> : null}
      </label>
      <select id={id} value={value ?? ""} aria-required={required} onChange={(e) => onChange(claim, field, (e.target.value || undefined) as never)}>
        <option value="">{t`— not answered —`}</option>
        {(rubric[scale] as readonly { id: string }[]).map((term) => {
          const label = rubricTermLabel(i18n, scale, term as never);
          return (
            <option key={term.id} value={term.id} lang={label.lang}>
              {label.text}
            </option>
          );
        })}
      </select>
    </div>
  );
}

/** Shown in the field: one decimal at most, in ASCII digits (what the field accepts back). */
const percentText = (n: number | undefined): string => (n === undefined ? "" : String(n));

/**
 * A percentage typed as text (a number field would wipe "12." while it is
 * typed): the answer changes when the text is a number from 0 to 100 or
 * empty; otherwise the field says it is invalid and the answer keeps its
 * last value. A change from outside (normalising) replaces the text.
 */
function PercentInput({ claim, field, value, onChange, required, describedBy }: { claim: ClaimId; field: "best" | "lowest" | "highest"; value: number | undefined; onChange: ClaimChange; required: boolean; describedBy?: string }) {
  const { t, i18n } = useLingui();
  const id = fieldId(claim, field);
  const [text, setText] = useState(percentText(value));
  useEffect(() => {
    setText((current) => (parsePercent(current) === value ? current : percentText(value)));
  }, [value]);
  const invalid = Number.isNaN(parsePercent(text));
  const errorId = `${id}-error`;
  return (
    <div className="field percent-field">
      <label htmlFor={id}>
        {i18n._(CLAIM_FIELD_LABEL[field])} (%)
        {required ? <span className="required-mark"> {t`(required)`}</span> : null}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        dir="ltr"
        size={6}
        value={text}
        aria-required={required}
        aria-invalid={invalid}
        aria-describedby={[describedBy, invalid ? errorId : undefined].filter(Boolean).join(" ") || undefined}
        onChange={(e) => {
          setText(e.target.value);
          const n = parsePercent(e.target.value);
          if (!Number.isNaN(n)) onChange(claim, field, n);
        }}
      />
      {invalid ? (
        <span id={errorId} className="inline-problem small">
          {t`A number from 0 to 100.`}
        </span>
      ) : null}
    </div>
  );
}

/** The answers about one claim, in the order the rubric asks them. */
export const ClaimCard = memo(function ClaimCard({ claim, position, rubric, answer, onChange }: { claim: Claim; position: number; rubric: Rubric; answer: ClaimAnswer | undefined; onChange: ClaimChange }) {
  const { t, i18n } = useLingui();
  const id = claim.id as ClaimId;
  // Checked here, per claim, so that a change to one claim re-renders that card only.
  const gaps = useMemo(() => claimGaps(answer, claim.id, rubric), [answer, claim.id, rubric]);
  const a: Partial<ClaimAnswer> = answer ?? {};
  const asks = rubric.asks;
  const band = rubric.likelihood.find((term) => term.id === a.likelihood);
  const outside = gaps.find((g) => g.kind === "estimate-outside-term");
  const matching = a.best === undefined ? [] : termsFor(rubric, a.best);
  const rangeGap = gaps.find((g) => g.kind === "range-order" || g.kind === "range-incomplete");
  const statement = claimStatement(i18n, claim);
  const bandHint = `score-${id}-band`;
  const done = gaps.length === 0 && a.likelihood !== undefined && a.best !== undefined;
  return (
    <section className="card claim-card" aria-labelledby={`claim-${id}-heading`} data-testid={`claim-card-${position}`}>
      {/* A form per claim (unnamed, so no landmark; never submitted): Chromium's autofill re-reads the form of
          the field being typed in, and fields outside any form count as one form of the whole page (some 700
          controls across 20 claims: 3–4 ms in each selectionchange, then tasks of 12–17 ms, while typing). */}
      <form className="claim-form" onSubmit={preventSubmit}>
        <h4 id={`claim-${id}-heading`}>
          {t`Claim ${position}`}
          {done ? <span className="badge ok"> {t`answered`}</span> : null}
        </h4>
        <p className="claim-statement" dir="auto">
          {statement}
        </p>

        <fieldset className="likelihood" id={fieldId(id, "likelihood")} tabIndex={-1}>
          <legend>
            {i18n._(CLAIM_FIELD_LABEL.likelihood)} <span className="required-mark">{t`(required)`}</span>
          </legend>
          <div className="term-scale" role="presentation">
            {rubric.likelihood.map((term) => {
              const label = rubricTermLabel(i18n, "likelihood", term);
              const low = formatNumber(term.low);
              const high = formatNumber(term.high);
              return (
                <label key={term.id} className={a.likelihood === term.id ? "term chosen" : "term"}>
                  <input type="radio" name={`likelihood-${id}`} value={term.id} checked={a.likelihood === term.id} onChange={() => onChange(id, "likelihood", term.id)} />
                  <span lang={label.lang}>{label.text}</span>
                  <span className="small muted">{t`${low}–${high} %`}</span>
                </label>
              );
            })}
          </div>
        </fieldset>

        <div className="estimates">
          <PercentInput claim={id} field="best" value={a.best} onChange={onChange} required describedBy={bandHint} />
          {asks.range !== "off" ? (
            <>
              <PercentInput claim={id} field="lowest" value={a.lowest} onChange={onChange} required={asks.range === "required"} />
              <PercentInput claim={id} field="highest" value={a.highest} onChange={onChange} required={asks.range === "required"} />
            </>
          ) : null}
        </div>
        <p id={bandHint} className="small" aria-live="polite">
          {band && !outside ? <span className="muted">{t`The band of the chosen term runs from ${formatNumber(band.low)} to ${formatNumber(band.high)} %.`}</span> : null}
          {outside && outside.kind === "estimate-outside-term" ? (
            <span className="inline-problem">
              {t`${formatNumber(outside.best, 1)} % is outside the band of “${termText(i18n, rubric, "likelihood", outside.term)}”.`}{" "}
              {matching.map((m) => (
                <button key={m} type="button" className="secondary small-button" onClick={() => onChange(id, "likelihood", m)}>
                  {t`Use “${termText(i18n, rubric, "likelihood", m)}”`}
                </button>
              ))}
            </span>
          ) : null}
          {!band && a.best !== undefined && matching.length > 0 ? (
            <button type="button" className="secondary small-button" onClick={() => onChange(id, "likelihood", matching[0])}>
              {t`Use “${termText(i18n, rubric, "likelihood", matching[0] as string)}”`}
            </button>
          ) : null}
        </p>
        {rangeGap ? (
          <p className="inline-problem small" role="status">
            {rangeGap.kind === "range-order" ? t`The lowest value, the best estimate and the highest value must go from low to high.` : t`Give both ends of the range, or neither.`}
          </p>
        ) : null}

        {asks.confidence !== "off" ? (
          <div className="field-row">
            <TermSelect claim={id} field="confidence" scale="confidence" rubric={rubric} value={a.confidence} required={asks.confidence === "required"} onChange={onChange} />
            <TermSelect claim={id} field="evidenceBasis" scale="evidenceBasis" rubric={rubric} value={a.evidenceBasis} required={asks.confidence === "required"} onChange={onChange} />
            <TermSelect claim={id} field="agreement" scale="agreement" rubric={rubric} value={a.agreement} required={asks.confidence === "required"} onChange={onChange} />
          </div>
        ) : null}
        {asks.stateResponsibility !== "off" || asks.legalBasis !== "off" ? (
          <div className="field-row">
            {asks.stateResponsibility !== "off" ? (
              <TermSelect claim={id} field="stateResponsibility" scale="stateResponsibility" rubric={rubric} value={a.stateResponsibility} required={asks.stateResponsibility === "required"} onChange={onChange} />
            ) : null}
            {asks.legalBasis !== "off" ? <TermSelect claim={id} field="legalBasis" scale="legalBasis" rubric={rubric} value={a.legalBasis} required={asks.legalBasis === "required"} onChange={onChange} /> : null}
          </div>
        ) : null}
        {asks.claimRationale !== "off" ? (
          <MarkdownField
            id={fieldId(id, "rationale")}
            label={i18n._(CLAIM_FIELD_LABEL.rationale)}
            value={a.rationale ?? ""}
            required={asks.claimRationale === "required"}
            maxLength={MAX_RATIONALE}
            rows={4}
            onChange={(v) => onChange(id, "rationale", v === "" ? undefined : v)}
          />
        ) : null}
        <p className="visually-hidden">
          <Trans>End of claim {position}.</Trans>
        </p>
      </form>
    </section>
  );
});
