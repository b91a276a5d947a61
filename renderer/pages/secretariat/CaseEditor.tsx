import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { unknownCaseCountries, type UnknownCountryField } from "../../../shared/case/case-countries";
import type { CustodyInput, CustodyInputs } from "../../../shared/case/case-draft";
import { blankClaims } from "../../../shared/case/claim-text";
import { describeWorkerError, type RegistryView } from "../../../shared/worker/contract";
import { CATCH_ALL_STATEMENT, CREDIBILITY, CUSTODY_ACTIONS, EVIDENCE_KINDS, RELIABILITY, SECTORS, TLP_MARKINGS, type Case, type CustodyEvent, type Evidence, type Panel } from "../../../shared/case/model";
import { CountryMultiPicker, CountryPicker } from "../../components/CountryPicker";
import { countryLabel, useCountries, type Countries } from "../../components/country-names";
import { FilePicker } from "../../components/FilePicker";
import { OperationStatus, useOperation } from "../../components/Progress";
import { AttachmentPreview } from "../../components/case/AttachmentPreview";
import { setDraftNotice } from "../../components/case/draft-notice";
import { EvidenceIndex } from "../../components/case/EvidenceIndex";
import { CustodyTimeline } from "../../components/case/CustodyTimeline";
import { Grading } from "../../components/case/Grading";
import { TlpBadge } from "../../components/case/TlpBadge";
import { formatBytes } from "../../app/progress";
import { CUSTODY_ACTION_LABEL, EVIDENCE_KIND_LABEL, formatTimestamp, fromDateTimeInput, SECTOR_LABEL, toDateTimeInput } from "../../components/case/format";
import { cryptoWorker } from "../../crypto/worker-client";
import { PacketExport } from "./PacketExport";
import { blankPanel, PanelBuilder } from "./PanelBuilder";

const TABS = [
  { id: "details", label: "Details" },
  { id: "claims", label: "Claims" },
  { id: "evidence", label: "Evidence" },
  { id: "panel", label: "Panel" },
  { id: "packets", label: "Send packets" },
] as const;
type Tab = (typeof TABS)[number]["id"];

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

/** How long the editor waits after the last change before keeping the draft in the vault. */
const AUTOSAVE_MS = 1000;

type DraftContent = { readonly case?: Case; readonly panel?: Panel; readonly custody?: CustodyInputs };
type DraftOffer = DraftContent & { readonly savedAt: string };

/**
 * One case: its details, claims and evidence are edited as a draft and saved
 * together (the vault checks the whole case, and that custody only grew);
 * attachments and STIX imports are saved at once, so they need no unsaved edits.
 * Unsaved edits (of the case and of its panel) are kept in the vault as the
 * case's draft a second after each change, when the tab changes, when the
 * window is hidden or closed and when the editor closes; opening the case
 * again offers to restore them.
 */
export function CaseEditor({ caseId }: { caseId: string }) {
  const operation = useOperation();
  const [saved, setSaved] = useState<Case | undefined>();
  const [draft, setDraft] = useState<Case | undefined>();
  // undefined: not read yet; null: no draft, or the person chose.
  const [offer, setOffer] = useState<DraftOffer | null | undefined>();
  const [tab, setTab] = useState<Tab>("details");
  const [message, setMessage] = useState<string | undefined>();
  const [openEvidence, setOpenEvidence] = useState<string | undefined>();
  const unknownAlert = useRef<HTMLParagraphElement>(null);
  // Custody events typed into an item's form but not yet added, by item: kept across items and tabs, and with the draft.
  const [custodyInputs, setCustodyInputs] = useState<CustodyInputs>({});
  // Bumped when a draft is restored or changes are discarded, so fields that keep their own text start again.
  const [generation, setGeneration] = useState(0);
  const { run } = operation;

  const load = useCallback(async () => {
    setDraftNotice(undefined);
    const c = await run("Opening the case…", (o) => cryptoWorker.call("case:get", { id: caseId }, o));
    if (!c) return;
    const kept = await run("Looking for unsaved changes…", (o) => cryptoWorker.call("case:draft-get", { caseId }, o));
    setSaved(c);
    setDraft(c);
    setOpenEvidence(c.evidence[0]?.id);
    // The draft holds what was typed, checked for shape only; the editor holds it as a case until it is saved and checked in full.
    setOffer(
      kept && (kept.case || kept.panel || kept.custody)
        ? { savedAt: kept.savedAt, ...(kept.case ? { case: kept.case as Case } : {}), ...(kept.panel ? { panel: kept.panel as Panel } : {}), ...(kept.custody ? { custody: kept.custody } : {}) }
        : null,
    );
  }, [run, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  // The registry and the stored panel, read once, when the Panel or Send packets tab first opens.
  const teamOperation = useOperation();
  const [team, setTeam] = useState<{ registry: RegistryView[]; panel: Panel | null } | undefined>();
  // The panel being composed, held here so that it survives a switch of tab and is kept with the draft.
  const [panelDraft, setPanelDraft] = useState<Panel | undefined>();
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

  const dirty = draft !== undefined && JSON.stringify(draft) !== JSON.stringify(saved);
  const panelDirty = panelDraft !== undefined && saved !== undefined && (!team || JSON.stringify(panelDraft) !== JSON.stringify(team.panel ?? blankPanel(saved)));
  const typingCustody = Object.keys(custodyInputs).length > 0;
  const content: DraftContent = { ...(dirty ? { case: draft } : {}), ...(panelDirty ? { panel: panelDraft } : {}), ...(typingCustody ? { custody: custodyInputs } : {}) };
  const contentKey = JSON.stringify(content);
  const unsaved = dirty || panelDirty || typingCustody;

  // Keeping the draft: never before the person has answered the offer of an earlier one (it would be overwritten).
  const [keptAt, setKeptAt] = useState<string | undefined>();
  const [keepError, setKeepError] = useState<string | undefined>();
  const latest = useRef({ content, contentKey, ready: false, title: "" });
  latest.current = { content, contentKey, ready: offer === null, title: saved?.title ?? "" };
  const storedDraft = useRef(false);
  const lastKept = useRef<string | undefined>(undefined);
  const inFlight = useRef(0);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const persist = useCallback(() => {
    const { content: now, contentKey: key, ready } = latest.current;
    if (!ready || key === lastKept.current) return;
    const empty = !now.case && !now.panel && !now.custody;
    if (empty && !storedDraft.current) {
      lastKept.current = key;
      return;
    }
    lastKept.current = key;
    inFlight.current++;
    const record = { format: "attribution-panel/case-draft", version: 1, caseId, savedAt: new Date().toISOString(), ...now };
    queue.current = queue.current.then(async () => {
      const kept = await cryptoWorker.call("case:draft-keep", { draft: record });
      inFlight.current--;
      if (kept.ok) {
        storedDraft.current = kept.value.savedAt !== null;
        setKeptAt(kept.value.savedAt ?? undefined);
        setKeepError(undefined);
      } else {
        if (lastKept.current === key) lastKept.current = undefined;
        setKeepError(`Your unsaved changes could not be kept as a draft: ${describeWorkerError(kept.error)}`);
      }
    });
  }, [caseId]);

  // A second after the last change (and after each save of the case, which deleted the stored draft).
  useEffect(() => {
    if (offer !== null || contentKey === lastKept.current) return;
    const timer = setTimeout(persist, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [contentKey, offer, persist, saved]);

  // When the window is hidden or closed; a close before the draft is written asks first.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === "hidden") persist();
    };
    const onPageHide = () => persist();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      const { ready, contentKey: key } = latest.current;
      const behind = ready && key !== lastKept.current;
      persist();
      if (behind || inFlight.current > 0) event.preventDefault();
    };
    document.addEventListener("visibilitychange", onHide);
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      document.removeEventListener("visibilitychange", onHide);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [persist]);

  // When the editor closes (another case, the case list, another screen): kept, and the person told.
  useEffect(
    () => () => {
      const { ready, content: now, title } = latest.current;
      if (!ready || (!now.case && !now.panel && !now.custody)) return;
      persist();
      setDraftNotice(`Your unsaved changes to “${title}” are kept as a draft in your vault: open the case to restore or discard them.`);
    },
    [persist],
  );

  const changeTab = (next: Tab) => {
    persist();
    setTab(next);
  };

  if (!draft || !saved || offer === undefined)
    return (
      <section aria-label="Case">
        <OperationStatus operation={operation} />
        <p>
          <a href="#/secretariat/cases">Back to the cases</a>
        </p>
      </section>
    );

  const busy = operation.running !== undefined;
  const update = (patch: Partial<Case>) => setDraft({ ...draft, ...patch });
  const updateEvidence = (id: string, patch: Partial<Evidence>) => update({ evidence: draft.evidence.map((e) => (e.id === id ? { ...e, ...patch } : e)) });
  const setCustodyInput = (id: string, input: CustodyInput | undefined) =>
    setCustodyInputs((all) => {
      const { [id]: _old, ...rest } = all;
      return input ? { ...rest, [id]: input } : rest;
    });
  // Every save of the case (attach, STIX import included) deletes its stored draft: an unsaved panel is then kept again.
  const adopt = (c: Case) => {
    storedDraft.current = false;
    lastKept.current = undefined;
    setKeptAt(undefined);
    setSaved(c);
    setDraft(c);
  };

  const restore = (o: DraftOffer) => {
    if (o.case) setDraft(o.case);
    setPanelDraft(o.panel);
    setCustodyInputs(o.custody ?? {});
    storedDraft.current = true;
    lastKept.current = JSON.stringify({ ...(o.case ? { case: o.case } : {}), ...(o.panel ? { panel: o.panel } : {}), ...(o.custody ? { custody: o.custody } : {}) });
    setKeptAt(o.savedAt);
    setOpenEvidence((o.case ?? saved).evidence[0]?.id);
    setGeneration((g) => g + 1);
    setOffer(null);
  };
  const discardKept = async () => {
    if (await run("Discarding the draft…", (o) => cryptoWorker.call("case:draft-discard", { caseId }, o))) {
      storedDraft.current = false;
      setOffer(null);
    }
  };

  const save = async () => {
    setMessage(undefined);
    // The vault would refuse it: the alert above says which states to choose again (focused, so it is read out again).
    if (unknownStates.length > 0) return unknownAlert.current?.focus();
    // A draft being written lands first, so the save (which deletes it) comes after.
    await queue.current;
    const c = await run("Saving the case…", (o) => cryptoWorker.call("case:save", { case: draft }, o));
    if (c) {
      adopt(c);
      setMessage("Saved.");
    }
  };
  const discardChanges = () => {
    setDraft(saved);
    setCustodyInputs({});
    setGeneration((g) => g + 1);
    setMessage(undefined);
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
      if (!result.case.evidence.some((e) => e.id === openEvidence)) setOpenEvidence(result.case.evidence[0]?.id);
      const skipped = Object.entries(result.skipped).map(([type, n]) => `${n} ${type}`);
      const states = result.unknownStates.map((code) => `“${code}”`).join(", ");
      setMessage(
        `Imported ${result.claims} claim(s) and ${result.evidence} evidence item(s) from STIX${skipped.length ? `; skipped ${skipped.join(", ")}` : ""}. Grade each new source before sending.` +
          (states ? ` The bundle attributes claims to ${states}, which ${result.unknownStates.length === 1 ? "is not a country code" : "are not country codes"}: choose the state of those claims on the Claims tab.` : ""),
      );
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the case "${saved.title}" and its panel? Its attachments stay in Evidence files.`)) return;
    if (await run("Deleting the case…", (o) => cryptoWorker.call("case:delete", { id: caseId }, o))) {
      storedDraft.current = false;
      setOffer(undefined);
      window.location.hash = "#/secretariat/cases";
    }
  };

  const addEvidence = () => {
    const id = newId();
    update({
      evidence: [...draft.evidence, { id, kind: "other", title: "", description: "", sourceDescription: "", grading: { reliability: "F", credibility: "6" }, marking: "AMBER", attachments: [], custody: [] }],
    });
    setOpenEvidence(id);
  };
  const removeEvidence = (id: string) => {
    const at = draft.evidence.findIndex((x) => x.id === id);
    const rest = draft.evidence.filter((x) => x.id !== id);
    update({ evidence: rest });
    setCustodyInput(id, undefined);
    setOpenEvidence((rest[at] ?? rest[at - 1])?.id);
  };
  const blank = blankClaims(draft.claims);
  const blankSaved = blankClaims(saved.claims);
  const unknownStates = unknownCaseCountries(draft);

  return (
    <section aria-labelledby="case-heading">
      <p>
        <a href="#/secretariat/cases">← All cases</a>
      </p>
      <h2 id="case-heading">
        {saved.title} <TlpBadge marking={saved.marking} />
      </h2>
      {offer ? (
        <div className="card draft-offer" data-testid="draft-offer">
          <h3>Unsaved changes</h3>
          <p>
            This case has unsaved changes{offerParts(offer)}, kept as a draft in your vault on {formatTimestamp(offer.savedAt)}.
          </p>
          <div className="actions">
            <button type="button" onClick={() => restore(offer)} disabled={busy}>
              Restore the unsaved draft from {formatTimestamp(offer.savedAt)}
            </button>
            <button type="button" className="secondary" onClick={() => void discardKept()} disabled={busy}>
              Discard it
            </button>
          </div>
          <OperationStatus operation={operation} />
        </div>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={!dirty || busy}>
              Save changes
            </button>
            <button type="button" className="secondary" onClick={discardChanges} disabled={!(dirty || typingCustody) || busy}>
              Discard changes
            </button>
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
              Delete case
            </button>
            {unsaved && (
              <span className="muted" data-testid="draft-state">
                {unsavedSentence(dirty, panelDirty, typingCustody)}
                {keptAt && lastKept.current === contentKey ? `, kept as a draft at ${formatTimestamp(keptAt)}` : ""}
              </span>
            )}
          </div>
          <OperationStatus operation={operation} />
          {unknownStates.length > 0 && <UnknownCountries fields={unknownStates} alertRef={unknownAlert} />}
          {keepError && (
            <p role="alert" className="alert">
              {keepError}
            </p>
          )}
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
                onClick={() => changeTab(t.id)}
                onKeyDown={(e) => {
                  // The tabs pattern: arrows move between tabs, Tab moves into the panel.
                  const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
                  if (step === 0) return;
                  e.preventDefault();
                  const next = TABS[(TABS.findIndex((x) => x.id === tab) + step + TABS.length) % TABS.length] as (typeof TABS)[number];
                  changeTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "details" && (
              <div key={generation}>
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
                  <Field key={role} id={`case-${role}`} label={PARTY_LABEL[role]}>
                    <CountryMultiPicker id={`case-${role}`} values={draft.parties[role]} onChange={(states) => update({ parties: { ...draft.parties, [role]: [...states] } })} describedBy="case-parties-hint" />
                  </Field>
                ))}
                <p id="case-parties-hint" className="muted small">
                  Type a state's name and choose it from the list; add as many as apply. The experts' nationalities and ties are checked against these states for conflicts of interest.
                </p>
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
                {blank.length > 0 && (
                  <p className="notice" data-testid="blank-claims">
                    {blankClaimsSentence(blank.map((b) => b.position))} The case can be saved as it is, but no packet can be sent until every claim is written.
                  </p>
                )}
                <ol>
                  {draft.claims.map((claim, i) => (
                    <li key={claim.id} data-testid="claim">
                      {claim.catchAll ? (
                        <p>{claim.statement}</p>
                      ) : (
                        <div className="card">
                          <Field id={`claim-${claim.id}`} label={`Claim ${i + 1}`}>
                            <textarea
                              id={`claim-${claim.id}`}
                              rows={2}
                              value={claim.statement}
                              placeholder="State the hypothesis, e.g. “The campaign was conducted by the armed forces of State A.”"
                              onChange={(e) => update({ claims: draft.claims.map((c) => (c.id === claim.id ? { ...c, statement: e.target.value } : c)) })}
                            />
                          </Field>
                          <Field id={`claim-state-${claim.id}`} label={`Claim ${i + 1}: attributed to state (optional)`}>
                            <CountryPicker
                              id={`claim-state-${claim.id}`}
                              value={claim.attributedState ?? ""}
                              onChange={(code) =>
                                update({
                                  claims: draft.claims.map((c) => {
                                    if (c.id !== claim.id) return c;
                                    const { attributedState: _drop, ...rest } = c;
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
                  onClick={() => update({ claims: [...draft.claims.filter((c) => !c.catchAll), { id: newId(), statement: "", catchAll: false }, ...draft.claims.filter((c) => c.catchAll)] })}
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
                <div className="actions">
                  <button type="button" className="secondary" onClick={addEvidence}>
                    Add an evidence item
                  </button>
                </div>
                <EvidenceIndex
                  items={draft.evidence}
                  openId={openEvidence}
                  onOpen={setOpenEvidence}
                  marks={(e) => {
                    const before = saved.evidence.find((x) => x.id === e.id);
                    const state = !before ? <span className="badge">new</span> : JSON.stringify(before) !== JSON.stringify(e) ? <span className="badge">edited</span> : null;
                    return custodyInputs[e.id] ? (
                      <>
                        {state} <span className="badge">custody event not added</span>
                      </>
                    ) : (
                      state
                    );
                  }}
                >
                  {(e) => (
                    <EvidenceEditor
                      key={`${e.id}:${generation}`}
                      evidence={e}
                      saved={saved.evidence.find((x) => x.id === e.id)}
                      busy={busy}
                      dirty={dirty}
                      onChange={(patch) => updateEvidence(e.id, patch)}
                      custodyInput={custodyInputs[e.id]}
                      onCustodyInput={(input) => setCustodyInput(e.id, input)}
                      onAttach={(file) => void attach(e.id, file)}
                      onRemove={() => removeEvidence(e.id)}
                    />
                  )}
                </EvidenceIndex>
              </div>
            )}

            {tab === "panel" &&
              (team ? (
                <PanelBuilder
                  c={saved}
                  registry={team.registry}
                  stored={team.panel}
                  draft={panelDraft}
                  onChange={setPanelDraft}
                  onSaved={(panel) => {
                    setTeam({ ...team, panel });
                    setPanelDraft(undefined);
                  }}
                />
              ) : (
                <OperationStatus operation={teamOperation} />
              ))}
            {tab === "packets" && (
              <>
                {blankSaved.length > 0 && (
                  <p role="alert" className="alert" data-testid="blank-claims-alert">
                    {blankClaimsSentence(blankSaved.map((b) => b.position))} Write {blankSaved.length === 1 ? "it" : "them"} on the Claims tab (or remove {blankSaved.length === 1 ? "it" : "them"}) and save the case: a packet is never sent with an empty claim.
                  </p>
                )}
                {panelDirty && <p className="notice">The panel has unsaved changes; packets are built from the saved panel.</p>}
                {team ? <PacketExport c={saved} registry={team.registry} panel={team.panel} /> : <OperationStatus operation={teamOperation} />}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** What is unsaved, for the line beside Save: "Unsaved changes (case, and a custody event being typed)". */
function unsavedSentence(caseChanged: boolean, panelChanged: boolean, typingCustody: boolean): string {
  const parts = [caseChanged && "case", panelChanged && "panel", typingCustody && "a custody event being typed"].filter((p) => p !== false);
  return `Unsaved changes${parts.length === 0 ? "" : ` (${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`})`}`;
}

/** " (to the case and its panel)", " (a custody event being typed)"… for the offer of a kept draft. */
function offerParts(offer: DraftContent): string {
  const parts = [offer.case && "to the case", offer.panel && "to its panel", offer.custody && "a custody event being typed"].filter((p): p is string => typeof p === "string");
  return parts.length === 0 ? "" : ` (${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`})`;
}

const PARTY_LABEL = { accusing: "Accusing states", accused: "Accused states", affected: "Affected states" } as const;

const unknownField = (f: UnknownCountryField, countries: Countries | undefined): string =>
  `${f.field === "parties" ? PARTY_LABEL[f.role].toLowerCase() : `claim ${f.position}'s attributed state`}: ${f.codes.map((c) => countryLabel(c, countries)).join(", ")}`;

/** States recorded (by an earlier version) with a code no country has: the case is saved again only once each is chosen from the list. */
function UnknownCountries({ fields, alertRef }: { fields: readonly UnknownCountryField[]; alertRef: RefObject<HTMLParagraphElement | null> }) {
  const countries = useCountries();
  return (
    <p className="alert" role="alert" data-testid="unknown-countries" ref={alertRef} tabIndex={-1}>
      Some states in this case are not given by a country code (an earlier version accepted any two letters), so a conflict of interest with them could not be
      detected: {fields.map((f) => unknownField(f, countries)).join("; ")}. Remove each and choose the state from the list by its name (on the Details or Claims
      tab); until then the case cannot be saved.
    </p>
  );
}

/** "Claim 1 has no statement yet." / "Claims 1 and 3 have no statement yet." */
function blankClaimsSentence(positions: readonly number[]): string {
  if (positions.length === 1) return `Claim ${positions[0]} has no statement yet.`;
  const list = `${positions.slice(0, -1).join(", ")} and ${positions[positions.length - 1]}`;
  return `Claims ${list} have no statement yet.`;
}

/** The custody form with nothing typed. */
const NO_CUSTODY_INPUT: CustodyInput = { action: "transferred", actor: "", place: "", note: "", sha256: "" };

function EvidenceEditor({
  evidence: e,
  saved,
  busy,
  dirty,
  onChange,
  custodyInput,
  onCustodyInput,
  onAttach,
  onRemove,
}: {
  evidence: Evidence;
  saved: Evidence | undefined;
  busy: boolean;
  dirty: boolean;
  onChange: (patch: Partial<Evidence>) => void;
  /** The custody event being typed, held by the editor (so it survives a change of item or tab, and is kept with the draft). */
  custodyInput: CustodyInput | undefined;
  onCustodyInput: (input: CustodyInput | undefined) => void;
  onAttach: (file: File) => void;
  onRemove: () => void;
}) {
  const event = custodyInput ?? NO_CUSTODY_INPUT;
  const setEvent = (next: CustodyInput) => onCustodyInput(JSON.stringify(next) === JSON.stringify(NO_CUSTODY_INPUT) ? undefined : next);
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
    onCustodyInput(undefined);
  };
  return (
    <article className="card" data-testid="evidence-editor" aria-labelledby={id("h")}>
      <h3 id={id("h")}>
        {e.title.trim() || "(untitled)"} <TlpBadge marking={e.marking} /> <Grading grading={e.grading} />
      </h3>
      <Field id={id("title")} label="Title">
        <input id={id("title")} value={e.title} placeholder="Name this item, e.g. “VPN log of the water utility”" onChange={(x) => onChange({ title: x.target.value })} />
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
        <button type="button" className="danger" onClick={onRemove} aria-label={`Remove this item: ${e.title.trim() || "(untitled)"}`}>
          Remove this item
        </button>
      </div>
    </article>
  );
}
