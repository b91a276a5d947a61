import { useCallback, useEffect, useState, type ReactNode } from "react";
import type { RegistryView } from "../../../shared/worker/contract";
import { CATCH_ALL_STATEMENT, CREDIBILITY, CUSTODY_ACTIONS, EVIDENCE_KINDS, RELIABILITY, SECTORS, TLP_MARKINGS, type Case, type CustodyEvent, type Evidence, type Panel } from "../../../shared/case/model";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation } from "../../components/Progress";
import { AttachmentPreview } from "../../components/case/AttachmentPreview";
import { CustodyTimeline } from "../../components/case/CustodyTimeline";
import { Grading } from "../../components/case/Grading";
import { TlpBadge } from "../../components/case/TlpBadge";
import { formatBytes } from "../../app/progress";
import { CUSTODY_ACTION_LABEL, EVIDENCE_KIND_LABEL, fromDateTimeInput, SECTOR_LABEL, toDateTimeInput } from "../../components/case/format";
import { cryptoWorker } from "../../crypto/worker-client";
import { PacketExport } from "./PacketExport";
import { PanelBuilder } from "./PanelBuilder";

const TABS = [
  { id: "details", label: "Details" },
  { id: "claims", label: "Claims" },
  { id: "evidence", label: "Evidence" },
  { id: "panel", label: "Panel" },
  { id: "packets", label: "Send packets" },
] as const;
type Tab = (typeof TABS)[number]["id"];

const codes = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== "");
const newId = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

/** A labelled select over fixed values. */
function Choice<T extends string>({ id, label, value, options, onChange }: { id: string; label: string; value: T; options: readonly (readonly [T, string])[]; onChange: (value: T) => void }) {
  return (
    <Field id={id} label={label}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

const TLP_OPTIONS = TLP_MARKINGS.map((m) => [m, `TLP:${m}`] as const);
const KIND_OPTIONS = EVIDENCE_KINDS.map((k) => [k, EVIDENCE_KIND_LABEL[k]] as const);
const RELIABILITY_OPTIONS = Object.entries(RELIABILITY).map(([k, v]) => [k as Evidence["grading"]["reliability"], `${k}: ${v}`] as const);
const CREDIBILITY_OPTIONS = Object.entries(CREDIBILITY).map(([k, v]) => [k as Evidence["grading"]["credibility"], `${k}: ${v}`] as const);
const ACTION_OPTIONS = CUSTODY_ACTIONS.map((a) => [a, CUSTODY_ACTION_LABEL[a]] as const);

/**
 * One case: its details, claims and evidence are edited as a draft and saved
 * together (the vault checks the whole case, and that custody only grew);
 * attachments and STIX imports are saved at once, so they need no unsaved edits.
 */
export function CaseEditor({ caseId }: { caseId: string }) {
  const operation = useOperation();
  const [saved, setSaved] = useState<Case | undefined>();
  const [draft, setDraft] = useState<Case | undefined>();
  const [tab, setTab] = useState<Tab>("details");
  const [message, setMessage] = useState<string | undefined>();
  const { run } = operation;

  const load = useCallback(async () => {
    const c = await run("Opening the case…", (o) => cryptoWorker.call("case:get", { id: caseId }, o));
    if (c) {
      setSaved(c);
      setDraft(c);
    }
  }, [run, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  // The registry and the stored panel, read once, when the Panel or Send packets tab first opens.
  const teamOperation = useOperation();
  const [team, setTeam] = useState<{ registry: RegistryView[]; panel: Panel | null } | undefined>();
  const needsTeam = tab === "panel" || tab === "packets";
  const { run: runTeam } = teamOperation;
  useEffect(() => {
    if (!needsTeam || team) return;
    void (async () => {
      const registry = await runTeam("Reading the registry…", (o) => cryptoWorker.call("registry:list", {}, o));
      if (!registry) return;
      const panel = await runTeam("Reading the panel…", (o) => cryptoWorker.call("panel:get", { caseId }, o));
      if (panel !== undefined) setTeam({ registry, panel });
    })();
  }, [needsTeam, team, runTeam, caseId]);

  if (!draft || !saved)
    return (
      <section aria-label="Case">
        <OperationStatus operation={operation} />
        <p>
          <a href="#/secretariat/cases">Back to the cases</a>
        </p>
      </section>
    );

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const busy = operation.running !== undefined;
  const update = (patch: Partial<Case>) => setDraft({ ...draft, ...patch });
  const updateEvidence = (id: string, patch: Partial<Evidence>) => update({ evidence: draft.evidence.map((e) => (e.id === id ? { ...e, ...patch } : e)) });
  const adopt = (c: Case) => {
    setSaved(c);
    setDraft(c);
  };

  const save = async () => {
    setMessage(undefined);
    const c = await run("Saving the case…", (o) => cryptoWorker.call("case:save", { case: draft }, o));
    if (c) {
      adopt(c);
      setMessage("Saved.");
    }
  };
  const attach = async (evidenceId: string, file: File) => {
    const c = await run(`Encrypting ${file.name} into the vault…`, (o) => cryptoWorker.call("case:attach", { caseId, evidenceId, file }, o), { cancellable: true });
    if (c) {
      adopt(c);
      setMessage(`${file.name} attached; its SHA-256 is recorded in the chain of custody.`);
    }
  };
  const importStix = async (file: File) => {
    const result = await run(`Reading ${file.name}…`, (o) => cryptoWorker.call("case:import-stix", { caseId, file }, o));
    if (result) {
      adopt(result.case);
      const skipped = Object.entries(result.skipped).map(([type, n]) => `${n} ${type}`);
      setMessage(`Imported ${result.claims} claim(s) and ${result.evidence} evidence item(s) from STIX${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}. Grade each new source before sending.`);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the case "${saved.title}" and its panel? Its attachments stay in Evidence files.`)) return;
    if (await run("Deleting the case…", (o) => cryptoWorker.call("case:delete", { id: caseId }, o))) window.location.hash = "#/secretariat/cases";
  };

  const addEvidence = () =>
    update({
      evidence: [
        ...draft.evidence,
        { id: newId(), kind: "other", title: "New evidence item", description: "", sourceDescription: "", grading: { reliability: "F", credibility: "6" }, marking: "AMBER", attachments: [], custody: [] },
      ],
    });

  return (
    <section aria-labelledby="case-heading">
      <p>
        <a href="#/secretariat/cases">← All cases</a>
      </p>
      <h2 id="case-heading">
        {saved.title} <TlpBadge marking={saved.marking} />
      </h2>
      <div className="actions">
        <button type="button" onClick={() => void save()} disabled={!dirty || busy}>
          Save changes
        </button>
        <button type="button" className="secondary" onClick={() => setDraft(saved)} disabled={!dirty || busy}>
          Discard changes
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          Delete case
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
      </div>
      <OperationStatus operation={operation} />
      {message && (
        <p role="status" className="ok">
          {message}
        </p>
      )}
      <div role="tablist" aria-label="Case sections" className="tabs tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className="tab"
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => {
              // The tabs pattern: arrows move between tabs, Tab moves into the panel.
              const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              const next = TABS[(TABS.findIndex((x) => x.id === tab) + step + TABS.length) % TABS.length] as (typeof TABS)[number];
              setTab(next.id);
              document.getElementById(`tab-${next.id}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "details" && (
          <div>
            <Field id="case-title" label="Title">
              <input id="case-title" value={draft.title} onChange={(e) => update({ title: e.target.value })} maxLength={200} />
            </Field>
            <Field id="case-summary" label="Summary">
              <textarea id="case-summary" rows={6} value={draft.summary} onChange={(e) => update({ summary: e.target.value })} />
            </Field>
            <Field id="case-start" label="Incident window: start (UTC)">
              <input id="case-start" type="datetime-local" value={toDateTimeInput(draft.incidentWindow.start)} onChange={(e) => update({ incidentWindow: { ...draft.incidentWindow, start: fromDateTimeInput(e.target.value, draft.incidentWindow.start) } })} />
            </Field>
            <Field id="case-end" label="Incident window: end (UTC)">
              <input id="case-end" type="datetime-local" value={toDateTimeInput(draft.incidentWindow.end)} onChange={(e) => update({ incidentWindow: { ...draft.incidentWindow, end: fromDateTimeInput(e.target.value, draft.incidentWindow.end) } })} />
            </Field>
            <fieldset className="field">
              <legend>Affected sectors</legend>
              {SECTORS.map((s) => (
                <label key={s} className="inline">
                  <input type="checkbox" checked={draft.sectors.includes(s)} onChange={(e) => update({ sectors: e.target.checked ? [...draft.sectors, s] : draft.sectors.filter((x) => x !== s) })} /> {SECTOR_LABEL[s]}
                </label>
              ))}
            </fieldset>
            <Field id="case-impact" label="Civilian impact">
              <textarea id="case-impact" rows={4} value={draft.civilianImpact} onChange={(e) => update({ civilianImpact: e.target.value })} />
            </Field>
            {(["accusing", "accused", "affected"] as const).map((role) => (
              <Field key={role} id={`case-${role}`} label={`${role[0]?.toUpperCase()}${role.slice(1)} states (two-letter codes)`}>
                <input id={`case-${role}`} defaultValue={draft.parties[role].join(", ")} onBlur={(e) => update({ parties: { ...draft.parties, [role]: codes(e.target.value) } })} />
              </Field>
            ))}
            <Choice id="case-marking" label="Handling marking of the case (TLP 2.0)" value={draft.marking} options={TLP_OPTIONS} onChange={(v) => update({ marking: v })} />
            <Field id="case-deadline" label="Deadline (UTC)">
              <input id="case-deadline" type="datetime-local" value={toDateTimeInput(draft.deadline)} onChange={(e) => update({ deadline: fromDateTimeInput(e.target.value, draft.deadline) })} />
            </Field>
            <Field id="case-min-regions" label="Panels of 5 or more: regional groups required (of 5)">
              <input id="case-min-regions" type="number" min={1} max={5} value={draft.composition.minRegions} onChange={(e) => update({ composition: { ...draft.composition, minRegions: Number(e.target.value) } })} />
            </Field>
            <Field id="case-max-share" label="Largest share of seats for one group (percent)">
              <input id="case-max-share" type="number" min={20} max={100} value={Math.round(draft.composition.maxRegionShare * 100)} onChange={(e) => update({ composition: { ...draft.composition, maxRegionShare: Number(e.target.value) / 100 } })} />
            </Field>
          </div>
        )}

        {tab === "claims" && (
          <div>
            <p className="muted">The competing hypotheses the panel scores. The last one, "{CATCH_ALL_STATEMENT}", is always kept.</p>
            <ol>
              {draft.claims.map((claim, i) => (
                <li key={claim.id} data-testid="claim">
                  {claim.catchAll ? (
                    <p>{claim.statement}</p>
                  ) : (
                    <div className="card">
                      <Field id={`claim-${claim.id}`} label={`Claim ${i + 1}`}>
                        <textarea id={`claim-${claim.id}`} rows={2} value={claim.statement} onChange={(e) => update({ claims: draft.claims.map((c) => (c.id === claim.id ? { ...c, statement: e.target.value } : c)) })} />
                      </Field>
                      <Field id={`claim-state-${claim.id}`} label="Attributed to state (two-letter code, optional)">
                        <input
                          id={`claim-state-${claim.id}`}
                          value={claim.attributedState ?? ""}
                          maxLength={2}
                          onChange={(e) =>
                            update({
                              claims: draft.claims.map((c) => {
                                if (c.id !== claim.id) return c;
                                const { attributedState: _drop, ...rest } = c;
                                const code = e.target.value.toUpperCase();
                                return code ? { ...rest, attributedState: code } : rest;
                              }),
                            })
                          }
                        />
                      </Field>
                      <button type="button" className="secondary" onClick={() => update({ claims: draft.claims.filter((c) => c.id !== claim.id) })} aria-label={`Remove claim ${i + 1}`}>
                        Remove
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="secondary"
              onClick={() => update({ claims: [...draft.claims.filter((c) => !c.catchAll), { id: newId(), statement: "New claim", catchAll: false }, ...draft.claims.filter((c) => c.catchAll)] })}
            >
              Add a claim
            </button>
          </div>
        )}

        {tab === "evidence" && (
          <div>
            <FilePicker id="stix-file" label="Import evidence and claims from a STIX 2.1 bundle" accept=".json,application/json,application/stix+json" disabled={busy || dirty} onFile={(file) => void importStix(file)}>
              {dirty && <span className="muted small">Save your changes first.</span>}
            </FilePicker>
            {draft.evidence.map((e) => (
              <EvidenceEditor key={e.id} evidence={e} saved={saved.evidence.find((x) => x.id === e.id)} busy={busy} dirty={dirty} onChange={(patch) => updateEvidence(e.id, patch)} onAttach={(file) => void attach(e.id, file)} onRemove={() => update({ evidence: draft.evidence.filter((x) => x.id !== e.id) })} />
            ))}
            <button type="button" className="secondary" onClick={addEvidence}>
              Add an evidence item
            </button>
          </div>
        )}

        {tab === "panel" && (team ? <PanelBuilder c={saved} registry={team.registry} stored={team.panel} onSaved={(panel) => setTeam({ ...team, panel })} /> : <OperationStatus operation={teamOperation} />)}
        {tab === "packets" && (team ? <PacketExport c={saved} registry={team.registry} panel={team.panel} /> : <OperationStatus operation={teamOperation} />)}
      </div>
    </section>
  );
}

function EvidenceEditor({
  evidence: e,
  saved,
  busy,
  dirty,
  onChange,
  onAttach,
  onRemove,
}: {
  evidence: Evidence;
  saved: Evidence | undefined;
  busy: boolean;
  dirty: boolean;
  onChange: (patch: Partial<Evidence>) => void;
  onAttach: (file: File) => void;
  onRemove: () => void;
}) {
  const [event, setEvent] = useState<{ action: CustodyEvent["action"]; actor: string; place: string; note: string; sha256: string }>({ action: "transferred", actor: "", place: "", note: "", sha256: "" });
  const id = (name: string) => `ev-${e.id}-${name}`;
  const addEvent = () => {
    const added: CustodyEvent = {
      action: event.action,
      actor: event.actor.trim(),
      time: new Date().toISOString(),
      ...(event.place.trim() ? { place: event.place.trim() } : {}),
      ...(event.note.trim() ? { note: event.note.trim() } : {}),
      ...(event.sha256.trim() ? { sha256: event.sha256.trim().toLowerCase() } : {}),
    };
    onChange({ custody: [...e.custody, added] });
    setEvent({ ...event, note: "", sha256: "" });
  };
  return (
    <article className="card" data-testid="evidence-editor" aria-labelledby={id("h")}>
      <h3 id={id("h")}>
        {e.title} <TlpBadge marking={e.marking} /> <Grading grading={e.grading} />
      </h3>
      <Field id={id("title")} label="Title">
        <input id={id("title")} value={e.title} onChange={(x) => onChange({ title: x.target.value })} />
      </Field>
      <Choice id={id("kind")} label="Kind" value={e.kind} options={KIND_OPTIONS} onChange={(v) => onChange({ kind: v })} />
      <Choice id={id("marking")} label="Marking (TLP 2.0)" value={e.marking} options={TLP_OPTIONS} onChange={(v) => onChange({ marking: v })} />
      <Choice id={id("reliability")} label="Source reliability (Admiralty)" value={e.grading.reliability} options={RELIABILITY_OPTIONS} onChange={(v) => onChange({ grading: { ...e.grading, reliability: v } })} />
      <Choice id={id("credibility")} label="Information credibility (Admiralty)" value={e.grading.credibility} options={CREDIBILITY_OPTIONS} onChange={(v) => onChange({ grading: { ...e.grading, credibility: v } })} />
      <Field id={id("description")} label="Description">
        <textarea id={id("description")} rows={4} value={e.description} onChange={(x) => onChange({ description: x.target.value })} />
      </Field>
      <Field id={id("source")} label="Source description">
        <textarea id={id("source")} rows={2} value={e.sourceDescription} onChange={(x) => onChange({ sourceDescription: x.target.value })} />
      </Field>
      <h4>Attachments</h4>
      {e.attachments.length === 0 && <p className="muted">None.</p>}
      <ul className="plain">
        {e.attachments.map((a) => (
          <li key={a.id} data-testid="evidence-attachment">
            <strong>{a.name}</strong> <span className="muted small">{a.mediaType} · {formatBytes(a.size)}</span>
            <div className="mono small wrap">SHA-256 {a.sha256}</div>
            <AttachmentPreview attachment={a} />
          </li>
        ))}
      </ul>
      <FilePicker id={id("attach")} label="Attach a file" disabled={busy || dirty || !saved} onFile={(file) => onAttach(file)}>
        {(dirty || !saved) && <span className="muted small">Save your changes first.</span>}
      </FilePicker>
      <h4>Chain of custody</h4>
      <CustodyTimeline evidence={e} />
      <fieldset className="custody-form">
        <legend>Record a custody event (events are only ever added)</legend>
        <Choice id={id("c-action")} label="Action" value={event.action} options={ACTION_OPTIONS} onChange={(v) => setEvent({ ...event, action: v })} />
        <Field id={id("c-actor")} label="Actor">
          <input id={id("c-actor")} value={event.actor} onChange={(x) => setEvent({ ...event, actor: x.target.value })} />
        </Field>
        <Field id={id("c-place")} label="Place">
          <input id={id("c-place")} value={event.place} onChange={(x) => setEvent({ ...event, place: x.target.value })} />
        </Field>
        <Field id={id("c-sha")} label="SHA-256 observed (optional)">
          <input id={id("c-sha")} className="mono" value={event.sha256} onChange={(x) => setEvent({ ...event, sha256: x.target.value })} />
        </Field>
        <Field id={id("c-note")} label="Note">
          <input id={id("c-note")} value={event.note} onChange={(x) => setEvent({ ...event, note: x.target.value })} />
        </Field>
        <button type="button" className="secondary" onClick={addEvent} disabled={event.actor.trim() === ""}>
          Add the event
        </button>
      </fieldset>
      <div className="actions">
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove this item: ${e.title}`}>
          Remove this item
        </button>
      </div>
    </article>
  );
}
