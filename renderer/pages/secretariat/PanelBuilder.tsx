import { plural, t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useMemo, useState } from "react";
import { BALANCE_FROM_SEATS, checkComposition, conflictReasons, partyStatesOf } from "../../../shared/case/composition";
import { hrefTo } from "../../app/routes";
import { describeConflictReason, describeViolation } from "../../i18n/problems";
import { NO_CHAIR, type Case, type ExpertId, type Panel } from "../../../shared/case/model";
import { fromDateTimeInput, toDateTimeInput } from "../../components/case/format";
import { UN_REGIONS } from "../../../shared/identity/un-regions";
import type { RegistryView, RubricEntryView } from "../../../shared/worker/contract";
import { blankPanel } from "../../../shared/case/panel-draft";
import { countryLabel, useCountries } from "../../components/country-names";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatList, formatNumber, formatPercent } from "../../i18n/format";
import { PANEL_ROLE_LABEL, regionLabel, rubricTitle, UN_REGION_ABBREVIATION } from "../../i18n/vocabulary";

/** The sentence after a panel is saved: plain "Saved." only when the panel can be sent as it is. Reads the catalog: call it while rendering. */
export function panelSavedSentence(violations: readonly string[]): string {
  const problems = violations.join(" ");
  return violations.length === 0 ? t`Saved.` : t`Saved, but this panel cannot be sent as it is: ${problems}`;
}

/**
 * Choose the chair and members from the registry; the composition and
 * conflict checks update as you choose. The panel being composed is held by
 * the case editor (`draft`), so it survives a switch of tab and is kept with
 * the case's draft.
 */
export function PanelBuilder({
  c,
  registry,
  stored,
  draft,
  onChange,
  onSaved,
}: {
  c: Case;
  registry: readonly RegistryView[];
  stored: Panel | null;
  draft: Panel | undefined;
  onChange: (panel: Panel) => void;
  onSaved: (panel: Panel) => void;
}) {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const initial = useMemo<Panel>(() => stored ?? blankPanel(c), [stored, c]);
  const panel = draft ?? initial;
  const setPanel = onChange;
  const parties = useMemo(() => partyStatesOf(c), [c]);
  const countries = useCountries();
  const { run } = operation;
  // The rubrics a panel may choose: every one not retired, and the one this panel uses already (retired or not).
  const [rubrics, setRubrics] = useState<RubricEntryView[] | undefined>();
  useEffect(() => {
    let current = true;
    void run(t`Reading the rubrics…`, (o) => cryptoWorker.call("rubric:list", {}, o)).then((list) => {
      if (current && list) setRubrics(list);
    });
    return () => {
      current = false;
    };
  }, [run, t]);
  const rubricChoices = (rubrics ?? []).filter((r) => r.retiredAt === null || r.id === initial.rubricId);
  const chosenRubric = rubrics?.find((r) => r.id === panel.rubricId);

  const report = panel.chairId ? checkComposition(panel, registry, c) : undefined;
  const regionCounts = report
    ? UN_REGIONS.filter((r) => report.byRegion[r.id] > 0).map((r) => {
        const count = formatNumber(report.byRegion[r.id]);
        const abbreviation = i18n._(UN_REGION_ABBREVIATION[r.id]);
        return t({ message: `${count} ${abbreviation}`, comment: "Seats of one UN regional group on a panel, e.g. 2 WEOG" });
      })
    : [];
  const fromSeats = formatNumber(BALANCE_FROM_SEATS);
  const minRegions = formatNumber(c.composition.minRegions);
  const groupCount = formatNumber(UN_REGIONS.length);
  const maxShare = formatPercent(c.composition.maxRegionShare);
  const partyNames = [...parties].map((code) => countryLabel(code, countries));
  const partyList = formatList(partyNames);
  const names = new Map(registry.map((e) => [e.id, e.displayName]));
  const dirty = JSON.stringify(panel) !== JSON.stringify(initial);
  const seat = (id: ExpertId): "chair" | "member" | undefined => (panel.chairId === id ? "chair" : panel.memberIds.includes(id) ? "member" : undefined);
  const setSeat = (id: ExpertId, role: "chair" | "member" | "") => {
    const memberIds = panel.memberIds.filter((m) => m !== id);
    let chairId = panel.chairId === id ? NO_CHAIR : panel.chairId;
    if (role === "member") memberIds.push(id);
    if (role === "chair") {
      if (chairId) memberIds.push(chairId);
      chairId = id;
    }
    setPanel({ ...panel, chairId, memberIds, waivers: panel.waivers.filter((w) => w.memberId === chairId || memberIds.includes(w.memberId)) });
  };
  const waiverOf = (id: ExpertId) => panel.waivers.find((w) => w.memberId === id)?.reason ?? "";
  const setWaiver = (id: ExpertId, reason: string) =>
    setPanel({ ...panel, waivers: [...panel.waivers.filter((w) => w.memberId !== id), ...(reason === "" ? [] : [{ memberId: id, reason, recordedAt: new Date().toISOString() }])] });
  const save = async () => {
    const written = await run(t`Saving the panel…`, (o) => cryptoWorker.call("panel:save", { panel }, o));
    if (written) onSaved(written);
  };

  return (
    <div>
      <p className="muted">
        <Trans>
          Panels of {fromSeats} or more seats draw from at least {minRegions} of the {groupCount} UN regional groups, with at most {maxShare} of the seats for any one group.
        </Trans>{" "}
        {partyNames.length === 0 ? (
          <Trans>Members whose nationality or affiliation is tied to a party state (none named yet) need a waiver with a reason; the chair can never be conflicted.</Trans>
        ) : (
          <Trans>Members whose nationality or affiliation is tied to a party state ({partyList}) need a waiver with a reason; the chair can never be conflicted.</Trans>
        )}
      </p>
      {registry.length === 0 && (
        <p>
          <Trans>The registry is empty.</Trans>{" "}
          <Trans>
            <a href={hrefTo("secretariat.registry")}>Enrol experts first</a>.
          </Trans>
        </p>
      )}
      <table>
        <caption className="visually-hidden">
          <Trans context="the seats of a panel">Seats</Trans>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Trans context="table column">Expert</Trans>
            </th>
            <th scope="col">
              <Trans context="table column: UN regional group">Region</Trans>
            </th>
            <th scope="col">
              <Trans context="table column: chair or member">Seat</Trans>
            </th>
            <th scope="col">
              <Trans context="table column: conflict of interest">Conflict</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {registry.map((e) => {
            const reasons = conflictReasons(e, parties);
            const role = seat(e.id);
            const name = e.displayName;
            return (
              <tr key={e.id} data-testid="panel-candidate" className={reasons.length > 0 ? "conflicted" : undefined}>
                <td>
                  {e.displayName}
                  <div className="muted small">
                    {countryLabel(e.nationality, countries)} · {e.affiliations.join("; ")}
                  </div>
                </td>
                <td>{regionLabel(i18n, e.region)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`seat-${e.id}`}>
                    <Trans>Seat of {name}</Trans>
                  </label>
                  <select id={`seat-${e.id}`} value={role ?? ""} onChange={(x) => setSeat(e.id, x.target.value as "chair" | "member" | "")}>
                    <option value="">{t`Not on the panel`}</option>
                    <option value="chair">{i18n._(PANEL_ROLE_LABEL.chair)}</option>
                    <option value="member">{i18n._(PANEL_ROLE_LABEL.member)}</option>
                  </select>
                </td>
                <td>
                  {reasons.length === 0 ? (
                    <span className="muted">{t({ message: "None", context: "no conflict of interest" })}</span>
                  ) : (
                    <>
                      <span className="conflict">{reasons.map(describeConflictReason).join("; ")}</span>
                      {role === "member" && (
                        <div className="field">
                          <label htmlFor={`waiver-${e.id}`}>
                            <Trans>Waiver reason</Trans>
                          </label>
                          <input id={`waiver-${e.id}`} value={waiverOf(e.id)} onChange={(x) => setWaiver(e.id, x.target.value)} />
                        </div>
                      )}
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="field">
        <label htmlFor="panel-deadline">
          <Trans>Deadline for scoresheets (UTC)</Trans>
        </label>
        <input id="panel-deadline" type="datetime-local" value={toDateTimeInput(panel.deadline)} onChange={(x) => setPanel({ ...panel, deadline: fromDateTimeInput(x.target.value, panel.deadline) })} />
      </div>
      <div className="field">
        <label htmlFor="panel-rubric">
          <Trans>Rubric the panel scores on</Trans>
        </label>
        <select id="panel-rubric" value={panel.rubricId} onChange={(x) => setPanel({ ...panel, rubricId: x.target.value })} aria-describedby="panel-rubric-hint" disabled={rubrics === undefined}>
          {rubrics === undefined && <option value={panel.rubricId}>{panel.rubricId}</option>}
          {rubricChoices.map((r) => {
            const title = rubricTitle(i18n, r.latest);
            return (
              <option key={r.id} value={r.id} lang={title.lang}>
                {r.retiredAt ? t({ message: `${title.text} (retired)`, context: "a rubric in the panel's choice that is retired but still used by this panel" }) : title.text}
              </option>
            );
          })}
        </select>
        <span id="panel-rubric-hint" className="muted small">
          {chosenRubric && !chosenRubric.builtIn && <RubricRevisionHint entry={chosenRubric} />}{" "}
          <Trans>
            Each packet carries the rubric's latest revision. <a href={hrefTo("secretariat.rubrics")}>Manage rubrics</a>
          </Trans>
        </span>
      </div>
      <section aria-labelledby="composition-heading" className="card" aria-live="polite">
        <h3 id="composition-heading">
          <Trans>Composition check</Trans>
        </h3>
        {!report && (
          <p>
            <Trans>Choose a chair.</Trans>
          </p>
        )}
        {report && (
          <>
            <p data-testid="composition-summary">{compositionSummary(report.seats, regionCounts)}</p>
            {report.ok ? (
              <p className="ok" data-testid="composition-ok">
                <Trans>The panel meets every rule.</Trans>
              </p>
            ) : (
              <ul data-testid="composition-violations">
                {report.violations.map((v, i) => (
                  <li key={i} className="conflict">
                    {describeViolation(v, names)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <OperationStatus operation={operation} />
      <div className="actions">
        <button type="button" onClick={() => void save()} disabled={!dirty || !panel.chairId || operation.running !== undefined}>
          <Trans>Save the panel</Trans>
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(initial)} disabled={!dirty || operation.running !== undefined}>
          <Trans>Discard panel changes</Trans>
        </button>
        {!dirty && panel.chairId && report && (
          <span role="status" className={report.ok ? "ok" : "conflict"} data-testid="panel-save-status">
            {panelSavedSentence(report.violations.map((v) => describeViolation(v, names)))}
          </span>
        )}
      </div>
    </div>
  );
}

/** Which revision of the panel's own rubric the next packet carries. */
function RubricRevisionHint({ entry }: { entry: RubricEntryView }) {
  const latest = entry.revisions[entry.revisions.length - 1];
  const revision = formatNumber(latest?.revision ?? 1);
  return latest?.frozenAt ? <Trans>Revision {revision} (sent already).</Trans> : <Trans>Revision {revision} (not sent yet).</Trans>;
}

/** "5 seats: 1 AG, 1 APG, 1 EEG, 1 GRULAC, 1 WEOG." Reads the catalog: call it while rendering. */
function compositionSummary(seats: number, regionCounts: readonly string[]): string {
  const regions = formatList(regionCounts, "unit");
  return plural(seats, { one: `# seat: ${regions}.`, other: `# seats: ${regions}.` });
}
