import { t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { withParties, withSector } from "../../../../shared/case/case-edit";
import { BALANCE_FROM_SEATS } from "../../../../shared/case/composition";
import { SECTORS, type Case } from "../../../../shared/case/model";
import { UN_REGIONS } from "../../../../shared/identity/un-regions";
import { fromDateTimeInput, toDateTimeInput } from "../../../components/case/format";
import { CountryMultiPicker } from "../../../components/CountryPicker";
import { formatNumber } from "../../../i18n/format";
import { PARTY_ROLE_LABEL, SECTOR_LABEL } from "../../../i18n/vocabulary";
import { Choice, Field, vocabularyOptions, type CaseEdit } from "./fields";

/** The Details tab: title, summary, incident window, sectors, civilian impact, parties, marking, deadline and composition rules. */
export function DetailsTab({ draft, edit }: { draft: Case; edit: CaseEdit }) {
  const { i18n } = useLingui();
  const options = vocabularyOptions(i18n);
  const update = (patch: Partial<Case>) => edit((c) => ({ ...c, ...patch }));
  const fromSeats = formatNumber(BALANCE_FROM_SEATS);
  const groupCount = formatNumber(UN_REGIONS.length);
  return (
    <div>
      <Field id="case-title" label={t({ message: "Title", context: "of a case" })}>
        <input id="case-title" value={draft.title} onChange={(e) => update({ title: e.target.value })} maxLength={200} />
      </Field>
      <Field id="case-summary" label={t`Summary`}>
        <textarea id="case-summary" rows={6} value={draft.summary} onChange={(e) => update({ summary: e.target.value })} />
      </Field>
      <Field id="case-start" label={t`Incident window: start (UTC)`}>
        <input id="case-start" type="datetime-local" value={toDateTimeInput(draft.incidentWindow.start)} onChange={(e) => update({ incidentWindow: { ...draft.incidentWindow, start: fromDateTimeInput(e.target.value, draft.incidentWindow.start) } })} />
      </Field>
      <Field id="case-end" label={t`Incident window: end (UTC)`}>
        <input id="case-end" type="datetime-local" value={toDateTimeInput(draft.incidentWindow.end)} onChange={(e) => update({ incidentWindow: { ...draft.incidentWindow, end: fromDateTimeInput(e.target.value, draft.incidentWindow.end) } })} />
      </Field>
      <fieldset className="field">
        <legend>
          <Trans>Affected sectors</Trans>
        </legend>
        {SECTORS.map((s) => (
          <label key={s} className="inline">
            <input type="checkbox" checked={draft.sectors.includes(s)} onChange={(e) => edit((c) => withSector(c, s, e.target.checked))} /> {i18n._(SECTOR_LABEL[s])}
          </label>
        ))}
      </fieldset>
      <Field id="case-impact" label={t`Civilian impact`}>
        <textarea id="case-impact" rows={4} value={draft.civilianImpact} onChange={(e) => update({ civilianImpact: e.target.value })} />
      </Field>
      {(["accusing", "accused", "affected"] as const).map((role) => (
        <Field key={role} id={`case-${role}`} label={i18n._(PARTY_ROLE_LABEL[role])}>
          <CountryMultiPicker id={`case-${role}`} values={draft.parties[role]} onChange={(states) => edit((c) => withParties(c, role, states))} describedBy="case-parties-hint" />
        </Field>
      ))}
      <p id="case-parties-hint" className="muted small">
        <Trans>Type a state's name and choose it from the list; add as many as apply.</Trans>{" "}
        <Trans>The experts' nationalities and ties are checked against these states for conflicts of interest.</Trans>
      </p>
      <Choice id="case-marking" label={t`Handling marking of the case (TLP 2.0)`} value={draft.marking} options={options.tlp} onChange={(v) => update({ marking: v })} />
      <Field id="case-deadline" label={t`Deadline (UTC)`}>
        <input id="case-deadline" type="datetime-local" value={toDateTimeInput(draft.deadline)} onChange={(e) => update({ deadline: fromDateTimeInput(e.target.value, draft.deadline) })} />
      </Field>
      <Field id="case-min-regions" label={t`Panels of ${fromSeats} or more: regional groups required (of ${groupCount})`}>
        <input id="case-min-regions" type="number" min={1} max={5} value={draft.composition.minRegions} onChange={(e) => update({ composition: { ...draft.composition, minRegions: Number(e.target.value) } })} />
      </Field>
      <Field id="case-max-share" label={t`Largest share of seats for one group (percent)`}>
        <input id="case-max-share" type="number" min={20} max={100} value={Math.round(draft.composition.maxRegionShare * 100)} onChange={(e) => update({ composition: { ...draft.composition, maxRegionShare: Number(e.target.value) / 100 } })} />
      </Field>
    </div>
  );
}
