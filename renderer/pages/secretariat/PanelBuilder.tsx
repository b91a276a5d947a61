import { useCallback, useEffect, useMemo, useState } from "react";
import { checkComposition, conflictReasons, describeViolation, partyStatesOf } from "../../../shared/case/composition";
import type { Case, Panel, RegistryEntry } from "../../../shared/case/model";
import { UN_REGIONS, type UnRegion } from "../../../shared/identity/un-regions";
import type { RegistryView } from "../../../shared/worker/contract";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { regionLabel, useRegistry } from "./RegistryPanel";

/** The registry view in the shape the composition rules take (only the fields they read). */
const asEntry = (r: RegistryView): RegistryEntry => ({
  format: "attribution-panel/registry-entry",
  version: 1,
  id: r.id,
  cardFile: "",
  displayName: r.displayName,
  fingerprint: r.fingerprint,
  region: r.region as UnRegion,
  nationality: r.nationality,
  affiliations: r.affiliations,
  affiliationStates: r.affiliationStates,
  declaredInterests: r.declaredInterests,
  verifiedAt: r.verifiedAt,
});

/** Choose the chair and members from the registry; the composition and conflict checks update as you choose. */
export function PanelBuilder({ c }: { c: Case }) {
  const operation = useOperation();
  const [registry] = useRegistry(operation);
  const [panel, setPanel] = useState<Panel | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const { run } = operation;
  const load = useCallback(async () => {
    const stored = await run("Reading the panel…", (o) => cryptoWorker.call("panel:get", { caseId: c.id }, o));
    if (stored === undefined) return;
    const value: Panel = stored ?? { format: "attribution-panel/panel", version: 1, caseId: c.id, chairId: "", memberIds: [], rubricId: "default-v1", deadline: c.deadline, waivers: [] };
    setPanel(value);
    setSaved(JSON.stringify(value));
  }, [run, c.id, c.deadline]);
  useEffect(() => {
    void load();
  }, [load]);

  const entries = useMemo(() => (registry ?? []).map(asEntry), [registry]);
  const parties = useMemo(() => partyStatesOf(c), [c]);
  if (!panel || !registry) return <OperationStatus operation={operation} />;

  const report = panel.chairId ? checkComposition(panel, entries, c) : undefined;
  const names = new Map(entries.map((e) => [e.id, e.displayName]));
  const dirty = JSON.stringify(panel) !== saved;
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
    const stored = await run("Saving the panel…", (o) => cryptoWorker.call("panel:save", { panel }, o));
    if (stored) {
      setPanel(stored);
      setSaved(JSON.stringify(stored));
    }
  };

  return (
    <div>
      <p className="muted">
        Panels of 5 or more seats draw from at least {c.composition.minRegions} of the 5 UN regional groups, with at most {Math.round(c.composition.maxRegionShare * 100)}% of the seats for
        any one group. Members whose nationality or affiliation is tied to a party state ({[...parties].join(", ") || "none named yet"}) need a waiver with a reason; the chair can never be
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
          {entries.map((e) => {
            const reasons = conflictReasons(e, parties);
            const role = seat(e.id);
            return (
              <tr key={e.id} data-testid="panel-candidate" className={reasons.length > 0 ? "conflicted" : undefined}>
                <td>
                  {e.displayName}
                  <div className="muted small">
                    {e.nationality} · {e.affiliations.join("; ")}
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
        <input id="panel-deadline" type="datetime-local" value={panel.deadline.slice(0, 16)} onChange={(x) => setPanel({ ...panel, deadline: new Date(`${x.target.value}:00.000Z`).toISOString() })} />
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
        {!dirty && panel.chairId && <span className="muted">Saved.</span>}
      </div>
    </div>
  );
}
