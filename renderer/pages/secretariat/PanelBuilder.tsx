import { useMemo } from "react";
import { checkComposition, conflictReasons, describeViolation, partyStatesOf } from "../../../shared/case/composition";
import type { Case, Panel } from "../../../shared/case/model";
import { DEFAULT_RUBRIC } from "../../../shared/rubric/rubric";
import { fromDateTimeInput, toDateTimeInput } from "../../components/case/format";
import { regionLabel, UN_REGIONS } from "../../../shared/identity/un-regions";
import type { RegistryView } from "../../../shared/worker/contract";
import { countryLabel, useCountries } from "../../components/country-names";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

/** The panel a case starts with: no seat taken yet. */
export const blankPanel = (c: Pick<Case, "id" | "deadline">): Panel => ({
  format: "attribution-panel/panel",
  version: 1,
  caseId: c.id,
  chairId: "",
  memberIds: [],
  rubricId: DEFAULT_RUBRIC.id,
  deadline: c.deadline,
  waivers: [],
});

/** The sentence after a panel is saved: plain "Saved." only when the panel can be sent as it is. */
export function panelSavedSentence(violations: readonly string[]): string {
  return violations.length === 0 ? "Saved." : `Saved, but this panel cannot be sent as it is: ${violations.join(" ")}`;
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
  const operation = useOperation();
  const initial = useMemo<Panel>(() => stored ?? blankPanel(c), [stored, c]);
  const panel = draft ?? initial;
  const setPanel = onChange;
  const parties = useMemo(() => partyStatesOf(c), [c]);
  const countries = useCountries();
  const { run } = operation;

  const report = panel.chairId ? checkComposition(panel, registry, c) : undefined;
  const names = new Map(registry.map((e) => [e.id, e.displayName]));
  const dirty = JSON.stringify(panel) !== JSON.stringify(initial);
  const seat = (id: string): "chair" | "member" | undefined => (panel.chairId === id ? "chair" : panel.memberIds.includes(id) ? "member" : undefined);
  const setSeat = (id: string, role: "chair" | "member" | "") => {
    const memberIds = panel.memberIds.filter((m) => m !== id);
    let chairId = panel.chairId === id ? "" : panel.chairId;
    if (role === "member") memberIds.push(id);
    if (role === "chair") {
      if (chairId) memberIds.push(chairId);
      chairId = id;
    }
    setPanel({ ...panel, chairId, memberIds, waivers: panel.waivers.filter((w) => w.memberId === chairId || memberIds.includes(w.memberId)) });
  };
  const waiverOf = (id: string) => panel.waivers.find((w) => w.memberId === id)?.reason ?? "";
  const setWaiver = (id: string, reason: string) =>
    setPanel({ ...panel, waivers: [...panel.waivers.filter((w) => w.memberId !== id), ...(reason === "" ? [] : [{ memberId: id, reason, recordedAt: new Date().toISOString() }])] });
  const save = async () => {
    const written = await run("Saving the panel…", (o) => cryptoWorker.call("panel:save", { panel }, o));
    if (written) onSaved(written);
  };

  return (
    <div>
      <p className="muted">
        Panels of 5 or more seats draw from at least {c.composition.minRegions} of the 5 UN regional groups, with at most {Math.round(c.composition.maxRegionShare * 100)}% of the seats for
        any one group. Members whose nationality or affiliation is tied to a party state ({[...parties].map((code) => countryLabel(code, countries)).join(", ") || "none named yet"}) need a waiver with a reason; the chair can never be
        conflicted.
      </p>
      {registry.length === 0 && (
        <p>
          The registry is empty. <a href="#/secretariat/registry">Enrol experts first</a>.
        </p>
      )}
      <table>
        <caption className="visually-hidden">Seats</caption>
        <thead>
          <tr>
            <th scope="col">Expert</th>
            <th scope="col">Region</th>
            <th scope="col">Seat</th>
            <th scope="col">Conflict</th>
          </tr>
        </thead>
        <tbody>
          {registry.map((e) => {
            const reasons = conflictReasons(e, parties);
            const role = seat(e.id);
            return (
              <tr key={e.id} data-testid="panel-candidate" className={reasons.length > 0 ? "conflicted" : undefined}>
                <td>
                  {e.displayName}
                  <div className="muted small">
                    {countryLabel(e.nationality, countries)} · {e.affiliations.join("; ")}
                  </div>
                </td>
                <td>{regionLabel(e.region)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`seat-${e.id}`}>
                    Seat of {e.displayName}
                  </label>
                  <select id={`seat-${e.id}`} value={role ?? ""} onChange={(x) => setSeat(e.id, x.target.value as "chair" | "member" | "")}>
                    <option value="">Not on the panel</option>
                    <option value="chair">Chair</option>
                    <option value="member">Member</option>
                  </select>
                </td>
                <td>
                  {reasons.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <>
                      <span className="conflict">{reasons.join("; ")}</span>
                      {role === "member" && (
                        <div className="field">
                          <label htmlFor={`waiver-${e.id}`}>Waiver reason</label>
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
        <label htmlFor="panel-deadline">Deadline for scoresheets (UTC)</label>
        <input id="panel-deadline" type="datetime-local" value={toDateTimeInput(panel.deadline)} onChange={(x) => setPanel({ ...panel, deadline: fromDateTimeInput(x.target.value, panel.deadline) })} />
      </div>
      <section aria-labelledby="composition-heading" className="card" aria-live="polite">
        <h3 id="composition-heading">Composition check</h3>
        {!report && <p>Choose a chair.</p>}
        {report && (
          <>
            <p data-testid="composition-summary">
              {report.seats} seats:{" "}
              {UN_REGIONS.filter((r) => report.byRegion[r.id] > 0)
                .map((r) => `${report.byRegion[r.id]} ${r.abbreviation}`)
                .join(", ")}
              .
            </p>
            {report.ok ? (
              <p className="ok" data-testid="composition-ok">
                The panel meets every rule.
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
          Save the panel
        </button>
        <button type="button" className="secondary" onClick={() => setPanel(initial)} disabled={!dirty || operation.running !== undefined}>
          Discard panel changes
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
