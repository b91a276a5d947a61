import type { I18n } from "@lingui/core";
import { msg, plural, t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { unknownCaseCountries, type UnknownCountryField } from "../../../shared/case/case-countries";
import type { CustodyInput, CustodyInputs } from "../../../shared/case/case-draft";
import { blankClaims } from "../../../shared/case/claim-text";
import { BALANCE_FROM_SEATS } from "../../../shared/case/composition";
import { UN_REGIONS } from "../../../shared/identity/un-regions";
import type { RegistryView } from "../../../shared/worker/contract";
import { describeWorkerError } from "../../i18n/problems";
import { CREDIBILITY_GRADES, CUSTODY_ACTIONS, EVIDENCE_KINDS, RELIABILITY_GRADES, SECTORS, TLP_MARKINGS, type Case, type CustodyEvent, type Evidence, type Panel } from "../../../shared/case/model";
import { CountryMultiPicker, CountryPicker } from "../../components/CountryPicker";
import { countryLabel, useCountries, type Countries } from "../../components/country-names";
import { FilePicker } from "../../components/FilePicker";
import { Ltr } from "../../components/Ltr";
import { OperationStatus, useOperation } from "../../components/Progress";
import { AttachmentPreview } from "../../components/case/AttachmentPreview";
import { setDraftNotice } from "../../components/case/draft-notice";
import { EvidenceIndex } from "../../components/case/EvidenceIndex";
import { CustodyTimeline } from "../../components/case/CustodyTimeline";
import { Grading } from "../../components/case/Grading";
import { TlpBadge } from "../../components/case/TlpBadge";
import { formatTimestamp, fromDateTimeInput, toDateTimeInput } from "../../components/case/format";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatBytes, formatList, formatNumber } from "../../i18n/format";
import {
  claimStatement,
  CATCH_ALL_STATEMENT,
  CREDIBILITY_LABEL,
  CUSTODY_ACTION_LABEL,
  EVIDENCE_KIND_LABEL,
  PARTY_ROLE_LABEL,
  RELIABILITY_LABEL,
  SECTOR_LABEL,
  tlpLabel,
} from "../../i18n/vocabulary";
import { PacketExport } from "./PacketExport";
import { blankPanel, PanelBuilder } from "./PanelBuilder";

const TABS = [
  { id: "details", label: msg({ message: "Details", context: "tab of the case editor" }) },
  { id: "claims", label: msg({ message: "Claims", context: "tab of the case editor" }) },
  { id: "evidence", label: msg({ message: "Evidence", context: "tab of the case editor" }) },
  { id: "panel", label: msg({ message: "Panel", context: "tab of the case editor" }) },
  { id: "packets", label: msg({ message: "Send packets", context: "tab of the case editor" }) },
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

/** "B: Usually reliable": an Admiralty grade's code and its meaning. */
const gradeOption = (code: string, meaning: string): string => t({ message: `${code}: ${meaning}`, comment: "An Admiralty grade's code and its meaning, e.g. B: Usually reliable" });

/** The choices of the fixed vocabularies, in the interface's language: call while rendering. */
function vocabularyOptions(i18n: I18n) {
  return {
    tlp: TLP_MARKINGS.map((m) => [m, tlpLabel(m)] as const),
    kind: EVIDENCE_KINDS.map((k) => [k, i18n._(EVIDENCE_KIND_LABEL[k])] as const),
    reliability: RELIABILITY_GRADES.map((g) => [g, gradeOption(g, i18n._(RELIABILITY_LABEL[g]))] as const),
    credibility: CREDIBILITY_GRADES.map((g) => [g, gradeOption(g, i18n._(CREDIBILITY_LABEL[g]))] as const),
    action: CUSTODY_ACTIONS.map((a) => [a, i18n._(CUSTODY_ACTION_LABEL[a])] as const),
  };
}

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
  // Sentences come from the core `t`, which reads the current language when called: the callbacks below must not change with it.
  const { i18n } = useLingui();
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
    const c = await run(t`Opening the case…`, (o) => cryptoWorker.call("case:get", { id: caseId }, o));
    if (!c) return;
    const kept = await run(t`Looking for unsaved changes…`, (o) => cryptoWorker.call("case:draft-get", { caseId }, o));
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
      const registry = await runTeam(t`Reading the registry…`, (o) => cryptoWorker.call("registry:list", {}, o));
      if (!registry) return;
      const panel = await runTeam(t`Reading the panel…`, (o) => cryptoWorker.call("panel:get", { caseId }, o));
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
        const problem = describeWorkerError(kept.error);
        setKeepError(t`Your unsaved changes could not be kept as a draft: ${problem}`);
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
      setDraftNotice({ caseTitle: title });
    },
    [persist],
  );

  const changeTab = (next: Tab) => {
    persist();
    setTab(next);
  };

  if (!draft || !saved || offer === undefined)
    return (
      <section aria-label={t({ message: "Case", context: "the case being opened" })}>
        <OperationStatus operation={operation} />
        <p>
          <a href="#/secretariat/cases">
            <Trans>Back to the cases</Trans>
          </a>
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
    if (await run(t`Discarding the draft…`, (o) => cryptoWorker.call("case:draft-discard", { caseId }, o))) {
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
    const c = await run(t`Saving the case…`, (o) => cryptoWorker.call("case:save", { case: draft }, o));
    if (c) {
      adopt(c);
      setMessage(t`Saved.`);
    }
  };
  const discardChanges = () => {
    setDraft(saved);
    setCustodyInputs({});
    setGeneration((g) => g + 1);
    setMessage(undefined);
  };
  const attach = async (evidenceId: string, file: File) => {
    const name = file.name;
    const c = await run(t`Encrypting ${name} into the vault…`, (o) => cryptoWorker.call("case:attach", { caseId, evidenceId, file }, o), { cancellable: true });
    if (c) {
      adopt(c);
      setMessage(t`${name} attached; its SHA-256 is recorded in the chain of custody.`);
    }
  };
  const importStix = async (file: File) => {
    const name = file.name;
    // Progress counts the bytes of the originals stored; a cancelled import leaves nothing.
    const result = await run(t`Reading ${name}…`, (o) => cryptoWorker.call("case:import-stix", { caseId, file }, o), { cancellable: true });
    if (result) {
      adopt(result.case);
      if (!result.case.evidence.some((e) => e.id === openEvidence)) setOpenEvidence(result.case.evidence[0]?.id);
      setMessage(stixImportSentences(result).join(" "));
    }
  };
  const remove = async () => {
    const title = saved.title;
    if (!window.confirm(t`Delete the case “${title}” and its panel? Its attachments stay in Evidence files.`)) return;
    if (await run(t`Deleting the case…`, (o) => cryptoWorker.call("case:delete", { id: caseId }, o))) {
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
  const options = vocabularyOptions(i18n);
  const fromSeats = formatNumber(BALANCE_FROM_SEATS);
  const groupCount = formatNumber(UN_REGIONS.length);
  const catchAll = i18n._(CATCH_ALL_STATEMENT);
  const offerList = offer ? offerParts(offer) : "";
  const offerTime = offer ? formatTimestamp(offer.savedAt) : "";

  return (
    <section aria-labelledby="case-heading">
      <p>
        <a href="#/secretariat/cases" className="back-link">
          <Trans>All cases</Trans>
        </a>
      </p>
      <h2 id="case-heading">
        {saved.title} <TlpBadge marking={saved.marking} />
      </h2>
      {offer ? (
        <div className="card draft-offer" data-testid="draft-offer">
          <h3>
            <Trans>Unsaved changes</Trans>
          </h3>
          <p>
            <Trans>
              This case has unsaved changes ({offerList}), kept as a draft in your vault on {offerTime}.
            </Trans>
          </p>
          <div className="actions">
            <button type="button" onClick={() => restore(offer)} disabled={busy}>
              <Trans>Restore the unsaved draft from {offerTime}</Trans>
            </button>
            <button type="button" className="secondary" onClick={() => void discardKept()} disabled={busy}>
              <Trans context="button: discard the kept draft">Discard it</Trans>
            </button>
          </div>
          <OperationStatus operation={operation} />
        </div>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={!dirty || busy}>
              <Trans>Save changes</Trans>
            </button>
            <button type="button" className="secondary" onClick={discardChanges} disabled={!(dirty || typingCustody) || busy}>
              <Trans>Discard changes</Trans>
            </button>
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
              <Trans>Delete case</Trans>
            </button>
            {unsaved && (
              <span className="muted" data-testid="draft-state">
                {unsavedSentence(dirty, panelDirty, typingCustody, keptAt && lastKept.current === contentKey ? keptAt : undefined)}
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
          <div role="tablist" aria-label={t`Case sections`} className="tabs tablist">
            {TABS.map((item) => (
              <button
                key={item.id}
                type="button"
                role="tab"
                id={`tab-${item.id}`}
                aria-selected={tab === item.id}
                aria-controls={`panel-${item.id}`}
                className="tab"
                tabIndex={tab === item.id ? 0 : -1}
                onClick={() => changeTab(item.id)}
                onKeyDown={(e) => {
                  // The tabs pattern: arrows move between tabs (mirrored right to left), Tab moves into the panel.
                  const forward = document.documentElement.dir === "rtl" ? "ArrowLeft" : "ArrowRight";
                  const backward = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
                  const step = e.key === forward ? 1 : e.key === backward ? -1 : 0;
                  if (step === 0) return;
                  e.preventDefault();
                  const next = TABS[(TABS.findIndex((x) => x.id === tab) + step + TABS.length) % TABS.length] as (typeof TABS)[number];
                  changeTab(next.id);
                  document.getElementById(`tab-${next.id}`)?.focus();
                }}
              >
                {i18n._(item.label)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "details" && (
              <div key={generation}>
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
                      <input type="checkbox" checked={draft.sectors.includes(s)} onChange={(e) => update({ sectors: e.target.checked ? [...draft.sectors, s] : draft.sectors.filter((x) => x !== s) })} /> {i18n._(SECTOR_LABEL[s])}
                    </label>
                  ))}
                </fieldset>
                <Field id="case-impact" label={t`Civilian impact`}>
                  <textarea id="case-impact" rows={4} value={draft.civilianImpact} onChange={(e) => update({ civilianImpact: e.target.value })} />
                </Field>
                {(["accusing", "accused", "affected"] as const).map((role) => (
                  <Field key={role} id={`case-${role}`} label={i18n._(PARTY_ROLE_LABEL[role])}>
                    <CountryMultiPicker id={`case-${role}`} values={draft.parties[role]} onChange={(states) => update({ parties: { ...draft.parties, [role]: [...states] } })} describedBy="case-parties-hint" />
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
            )}

            {tab === "claims" && (
              <div>
                <p className="muted">
                  <Trans>The competing hypotheses the panel scores.</Trans> <Trans>The last one, “{catchAll}”, is always kept.</Trans>
                </p>
                {blank.length > 0 && (
                  <p className="notice" data-testid="blank-claims">
                    {blankClaimsSentence(blank.map((b) => b.position))} <Trans>The case can be saved as it is, but no packet can be sent until every claim is written.</Trans>
                  </p>
                )}
                <ol>
                  {draft.claims.map((claim, i) => {
                    const position = formatNumber(i + 1);
                    return (
                      <li key={claim.id} data-testid="claim">
                        {claim.catchAll ? (
                          <p>{claimStatement(i18n, claim)}</p>
                        ) : (
                          <div className="card">
                            <Field id={`claim-${claim.id}`} label={t`Claim ${position}`}>
                              <textarea
                                id={`claim-${claim.id}`}
                                rows={2}
                                value={claim.statement}
                                placeholder={t`State the hypothesis, e.g. “The campaign was conducted by the armed forces of State A.”`}
                                onChange={(e) => update({ claims: draft.claims.map((c) => (c.id === claim.id ? { ...c, statement: e.target.value } : c)) })}
                              />
                            </Field>
                            <Field id={`claim-state-${claim.id}`} label={t`Claim ${position}: attributed to state (optional)`}>
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
                            <button type="button" className="secondary" onClick={() => update({ claims: draft.claims.filter((c) => c.id !== claim.id) })} aria-label={t`Remove claim ${position}`}>
                              <Trans context="verb, button">Remove</Trans>
                            </button>
                          </div>
                        )}
                      </li>
                    );
                  })}
                </ol>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => update({ claims: [...draft.claims.filter((c) => !c.catchAll), { id: newId(), statement: "", catchAll: false }, ...draft.claims.filter((c) => c.catchAll)] })}
                >
                  <Trans>Add a claim</Trans>
                </button>
              </div>
            )}

            {tab === "evidence" && (
              <div>
                <FilePicker id="stix-file" label={t`Import evidence and claims from a STIX 2.1 bundle`} accept=".json,application/json,application/stix+json" disabled={busy || dirty} onFile={(file) => void importStix(file)}>
                  {dirty && (
                    <span className="muted small">
                      <Trans>Save your changes first.</Trans>
                    </span>
                  )}
                </FilePicker>
                <div className="actions">
                  <button type="button" className="secondary" onClick={addEvidence}>
                    <Trans>Add an evidence item</Trans>
                  </button>
                </div>
                <EvidenceIndex
                  items={draft.evidence}
                  openId={openEvidence}
                  onOpen={setOpenEvidence}
                  marks={(e) => {
                    const before = saved.evidence.find((x) => x.id === e.id);
                    const state = !before ? (
                      <span className="badge">{t({ message: "new", context: "an evidence item not saved yet" })}</span>
                    ) : JSON.stringify(before) !== JSON.stringify(e) ? (
                      <span className="badge">{t({ message: "edited", context: "an evidence item with unsaved edits" })}</span>
                    ) : null;
                    return custodyInputs[e.id] ? (
                      <>
                        {state}{" "}
                        <span className="badge">
                          <Trans>custody event not added</Trans>
                        </span>
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
                    {blankClaimsSentence(blankSaved.map((b) => b.position))}{" "}
                    {plural(blankSaved.length, {
                      one: "Write it on the Claims tab (or remove it) and save the case: a packet is never sent with an empty claim.",
                      other: "Write them on the Claims tab (or remove them) and save the case: a packet is never sent with an empty claim.",
                    })}
                  </p>
                )}
                {panelDirty && (
                  <p className="notice">
                    <Trans>The panel has unsaved changes; packets are built from the saved panel.</Trans>
                  </p>
                )}
                {team ? <PacketExport c={saved} registry={team.registry} panel={team.panel} /> : <OperationStatus operation={teamOperation} />}
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * What is unsaved, for the line beside Save: "Unsaved changes (case and a
 * custody event being typed)", with the time the draft was kept when it is
 * up to date. At least one part is unsaved. Reads the catalog: call it while rendering.
 */
function unsavedSentence(caseChanged: boolean, panelChanged: boolean, typingCustody: boolean, keptAt: string | undefined): string {
  const parts = formatList(
    [
      caseChanged && t({ message: "case", context: "what has unsaved changes: the case" }),
      panelChanged && t({ message: "panel", context: "what has unsaved changes: the case's panel" }),
      typingCustody && t({ message: "a custody event being typed", context: "what has unsaved changes" }),
    ].filter((p): p is string => typeof p === "string"),
  );
  if (keptAt === undefined) return t`Unsaved changes (${parts})`;
  const time = formatTimestamp(keptAt);
  return t`Unsaved changes (${parts}), kept as a draft at ${time}`;
}

/** "to the case and its panel", "a custody event being typed"… for the offer of a kept draft (which holds at least one). */
function offerParts(offer: DraftContent): string {
  return formatList(
    [
      offer.case && t({ message: "to the case", context: "a kept draft has unsaved changes…" }),
      offer.panel && t({ message: "to its panel", context: "a kept draft has unsaved changes…" }),
      offer.custody && t({ message: "a custody event being typed", context: "what has unsaved changes" }),
    ].filter((p): p is string => typeof p === "string"),
  );
}

/** What a STIX import did, one sentence each: counts, what was skipped, states no country has. Reads the catalog. */
function stixImportSentences(result: { readonly claims: number; readonly evidence: number; readonly skipped: Readonly<Record<string, number>>; readonly unknownStates: readonly string[] }): string[] {
  const { claims, evidence } = result;
  const sentences = [
    t`Imported ${plural(claims, { one: "# claim", other: "# claims" })} and ${plural(evidence, { one: "# evidence item", other: "# evidence items" })} from STIX.`,
  ];
  const skippedTypes = Object.entries(result.skipped).map(([type, n]) => {
    const count = formatNumber(n);
    return t({ message: `${type}: ${count}`, comment: "A STIX object type (kept in English, as STIX names it) and how many objects of it were skipped, e.g. indicator: 3" });
  });
  if (skippedTypes.length > 0) {
    const list = formatList(skippedTypes);
    sentences.push(t`Objects of other types were skipped (${list}).`);
  }
  sentences.push(t`Grade each new source before sending.`);
  if (result.unknownStates.length > 0) {
    const states = formatList(result.unknownStates.map((code) => t({ message: `“${code}”`, comment: "A code quoted, e.g. “SW”" })));
    sentences.push(
      plural(result.unknownStates.length, {
        one: `The bundle attributes claims to ${states}, which is not a country code: choose the state of those claims on the Claims tab.`,
        other: `The bundle attributes claims to ${states}, which are not country codes: choose the state of those claims on the Claims tab.`,
      }),
    );
  }
  return sentences;
}

/** "Accusing states: XY (not a country code)", "Claim 2's attributed state: SW (not a country code)". Reads the catalog. */
function unknownField(i18n: I18n, f: UnknownCountryField, countries: Countries | undefined): string {
  const codes = formatList(f.codes.map((c) => countryLabel(c, countries)));
  if (f.field === "parties") {
    const role = i18n._(PARTY_ROLE_LABEL[f.role]);
    return t({ message: `${role}: ${codes}`, comment: "A role of states in a case and the codes recorded for it, e.g. Accused states: SW (not a country code)" });
  }
  const position = formatNumber(f.position);
  return t`Claim ${position}'s attributed state: ${codes}`;
}

/** States recorded (by an earlier version) with a code no country has: the case is saved again only once each is chosen from the list. */
function UnknownCountries({ fields, alertRef }: { fields: readonly UnknownCountryField[]; alertRef: RefObject<HTMLParagraphElement | null> }) {
  const { i18n } = useLingui();
  const countries = useCountries();
  const found = fields.map((f) => unknownField(i18n, f, countries)).join("; ");
  return (
    <p className="alert" role="alert" data-testid="unknown-countries" ref={alertRef} tabIndex={-1}>
      <Trans>
        Some states in this case are not given by a country code (an earlier version accepted any two letters), so a conflict of interest with them could not be detected:{" "}
        {found}.
      </Trans>{" "}
      <Trans>Remove each and choose the state from the list by its name (on the Details or Claims tab); until then the case cannot be saved.</Trans>
    </p>
  );
}

/** "Claim 1 has no statement yet." / "Claims 1 and 3 have no statement yet." Reads the catalog: call it while rendering. */
function blankClaimsSentence(positions: readonly number[]): string {
  const list = formatList(positions.map((p) => formatNumber(p)));
  return plural(positions.length, { one: `Claim ${list} has no statement yet.`, other: `Claims ${list} have no statement yet.` });
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
  const { i18n } = useLingui();
  const options = vocabularyOptions(i18n);
  const title = e.title.trim() || t`(untitled)`;
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
        {title} <TlpBadge marking={e.marking} /> <Grading grading={e.grading} />
      </h3>
      <Field id={id("title")} label={t({ message: "Title", context: "of an evidence item" })}>
        <input id={id("title")} value={e.title} placeholder={t`Name this item, e.g. “VPN log of the water utility”`} onChange={(x) => onChange({ title: x.target.value })} />
      </Field>
      <Choice id={id("kind")} label={t({ message: "Kind", context: "of an evidence item" })} value={e.kind} options={options.kind} onChange={(v) => onChange({ kind: v })} />
      <Choice id={id("marking")} label={t`Marking (TLP 2.0)`} value={e.marking} options={options.tlp} onChange={(v) => onChange({ marking: v })} />
      <Choice id={id("reliability")} label={t`Source reliability (Admiralty)`} value={e.grading.reliability} options={options.reliability} onChange={(v) => onChange({ grading: { ...e.grading, reliability: v } })} />
      <Choice id={id("credibility")} label={t`Information credibility (Admiralty)`} value={e.grading.credibility} options={options.credibility} onChange={(v) => onChange({ grading: { ...e.grading, credibility: v } })} />
      <Field id={id("description")} label={t`Description`}>
        <textarea id={id("description")} rows={4} value={e.description} onChange={(x) => onChange({ description: x.target.value })} />
      </Field>
      <Field id={id("source")} label={t`Source description`}>
        <textarea id={id("source")} rows={2} value={e.sourceDescription} onChange={(x) => onChange({ sourceDescription: x.target.value })} />
      </Field>
      <h4>
        <Trans>Attachments</Trans>
      </h4>
      {e.attachments.length === 0 && (
        <p className="muted">
          <Trans context="no attachments">None.</Trans>
        </p>
      )}
      <ul className="plain">
        {e.attachments.map((a) => (
          <li key={a.id} data-testid="evidence-attachment">
            <strong>
              <Ltr>{a.name}</Ltr>
            </strong>{" "}
            <span className="muted small">
              <Ltr>{a.mediaType}</Ltr> · {formatBytes(a.size)}
            </span>
            <div className="mono small wrap">
              SHA-256 <Ltr>{a.sha256}</Ltr>
            </div>
            <AttachmentPreview attachment={a} />
          </li>
        ))}
      </ul>
      <FilePicker id={id("attach")} label={t`Attach a file`} disabled={busy || dirty || !saved} onFile={(file) => onAttach(file)}>
        {(dirty || !saved) && (
          <span className="muted small">
            <Trans>Save your changes first.</Trans>
          </span>
        )}
      </FilePicker>
      <h4>
        <Trans>Chain of custody</Trans>
      </h4>
      <CustodyTimeline evidence={e} />
      <fieldset className="custody-form">
        <legend>
          <Trans>Record a custody event (events are only ever added)</Trans>
        </legend>
        <Choice id={id("c-action")} label={t({ message: "Action", context: "what was done in a custody event" })} value={event.action} options={options.action} onChange={(v) => setEvent({ ...event, action: v })} />
        <Field id={id("c-actor")} label={t({ message: "Actor", context: "who did it, in a custody event" })}>
          <input id={id("c-actor")} value={event.actor} onChange={(x) => setEvent({ ...event, actor: x.target.value })} />
        </Field>
        <Field id={id("c-place")} label={t({ message: "Place", context: "where, in a custody event" })}>
          <input id={id("c-place")} value={event.place} onChange={(x) => setEvent({ ...event, place: x.target.value })} />
        </Field>
        <Field id={id("c-sha")} label={t`SHA-256 observed (optional)`}>
          <input id={id("c-sha")} className="mono" value={event.sha256} onChange={(x) => setEvent({ ...event, sha256: x.target.value })} />
        </Field>
        <Field id={id("c-note")} label={t({ message: "Note", context: "noun, of a custody event" })}>
          <input id={id("c-note")} value={event.note} onChange={(x) => setEvent({ ...event, note: x.target.value })} />
        </Field>
        <button type="button" className="secondary" onClick={addEvent} disabled={event.actor.trim() === ""}>
          <Trans>Add the event</Trans>
        </button>
      </fieldset>
      <div className="actions">
        <button type="button" className="danger" onClick={onRemove} aria-label={t`Remove this item: ${title}`}>
          <Trans>Remove this item</Trans>
        </button>
      </div>
    </article>
  );
}
