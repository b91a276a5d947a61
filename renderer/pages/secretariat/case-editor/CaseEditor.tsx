import { t } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import { useCallback, useEffect, useRef, useState } from "react";
import { unknownCaseCountries } from "../../../../shared/case/case-countries";
import type { CustodyInput, CustodyInputs } from "../../../../shared/case/case-draft";
import { withCustodyInput } from "../../../../shared/case/custody-input";
import { draftOffer, unsavedContent, unsavedParts, type DraftOffer } from "../../../../shared/case/draft-state";
import type { Case, CaseId, EvidenceId, Panel } from "../../../../shared/case/model";
import { blankPanel } from "../../../../shared/case/panel-draft";
import { hrefTo, type CaseTab } from "../../../app/routes";
import { navigate } from "../../../app/useRoute";
import { setDraftNotice } from "../../../components/case/draft-notice";
import { TlpBadge } from "../../../components/case/TlpBadge";
import { DraftOfferCard } from "../../../components/DraftOfferCard";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { CaseTabs } from "./CaseTabs";
import { ClaimsTab } from "./ClaimsTab";
import { DetailsTab } from "./DetailsTab";
import { EvidenceTab } from "./EvidenceTab";
import type { CaseEdit } from "./fields";
import { PacketsTab } from "./PacketsTab";
import { SealedOpinion } from "../opinion/SealedOpinion";
import { PanelTab } from "./PanelTab";
import { offerParts, stixImportSentences, unsavedSentence } from "./sentences";
import { UnknownCountries } from "./UnknownCountries";
import { useDraftKeeping } from "./useDraftKeeping";
import { useTeam } from "./useTeam";

/**
 * One case, on tab `tab` (from the route: `#/secretariat/cases/<caseId>/<tab>`):
 * its details, claims and evidence are edited as a draft and saved together
 * (the vault checks the whole case, and that custody only grew); attachments
 * and STIX imports are saved at once, so they need no unsaved edits. Unsaved
 * edits (of the case and of its panel) are kept in the vault as the case's
 * draft (useDraftKeeping); opening the case again offers to restore them.
 */
export function CaseEditor({ caseId, tab }: { caseId: CaseId; tab: CaseTab }) {
  // Sentences come from the core `t`, which reads the current language when called: the callbacks below must not change with it.
  const operation = useOperation();
  const [saved, setSaved] = useState<Case | undefined>();
  const [draft, setDraft] = useState<Case | undefined>();
  // undefined: not read yet; null: no draft, or the person chose.
  const [offer, setOffer] = useState<DraftOffer | null | undefined>();
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
    setOffer(draftOffer(kept ?? undefined));
  }, [run, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  // The registry and the stored panel, read when the Panel or Send packets tab first opens.
  const { team, reading, setTeam } = useTeam(caseId, tab === "panel" || tab === "packets");
  // The panel being composed, held here so that it survives a switch of tab and is kept with the draft.
  const [panelDraft, setPanelDraft] = useState<Panel | undefined>();

  const state = { saved, draft, panelDraft, panelBase: team && saved ? (team.panel ?? blankPanel(saved)) : undefined, custody: custodyInputs };
  const unsaved = unsavedParts(state);
  const keeping = useDraftKeeping({ caseId, content: unsavedContent(state), ready: offer === null, title: saved?.title ?? "", saved });

  const changeTab = (next: CaseTab) => {
    keeping.persist();
    // In place of the current entry: Back leaves the case rather than stepping through its tabs.
    navigate(hrefTo("secretariat.case", { caseId, tab: next }), { replace: true });
  };

  if (!draft || !saved || offer === undefined)
    return (
      <section aria-label={t({ message: "Case", context: "the case being opened" })}>
        <OperationStatus operation={operation} />
        <p>
          <a href={hrefTo("secretariat.cases")}>
            <Trans>Back to the cases</Trans>
          </a>
        </p>
      </section>
    );

  const busy = operation.running !== undefined;
  const edit: CaseEdit = (change) => setDraft((d) => (d ? change(d) : d));
  const setCustodyInput = (id: EvidenceId, input: CustodyInput | undefined) => setCustodyInputs((all) => withCustodyInput(all, id, input));
  const unknownStates = unknownCaseCountries(draft);
  // Every save of the case (attach, STIX import included) deletes its stored draft: an unsaved panel is then kept again.
  const adopt = (c: Case) => {
    keeping.caseSaved();
    setSaved(c);
    setDraft(c);
  };

  const restore = (o: DraftOffer) => {
    if (o.case) setDraft(o.case);
    setPanelDraft(o.panel);
    setCustodyInputs(o.custody ?? {});
    keeping.restored(o);
    setOpenEvidence((o.case ?? saved).evidence[0]?.id);
    setGeneration((g) => g + 1);
    setOffer(null);
  };
  const discardKept = async () => {
    if (await run(t`Discarding the draft…`, (o) => cryptoWorker.call("case:draft-discard", { caseId }, o))) {
      keeping.dropped();
      setOffer(null);
    }
  };

  const save = async () => {
    setMessage(undefined);
    // The vault would refuse it: the alert above says which states to choose again (focused, so it is read out again).
    if (unknownStates.length > 0) return unknownAlert.current?.focus();
    // A draft being written lands first, so the save (which deletes it) comes after.
    await keeping.settled();
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
      keeping.dropped();
      setOffer(undefined);
      navigate(hrefTo("secretariat.cases"));
    }
  };

  return (
    <section aria-labelledby="case-heading">
      <p>
        <a href={hrefTo("secretariat.cases")} className="back-link">
          <Trans>All cases</Trans>
        </a>
      </p>
      <h2 id="case-heading">
        {saved.title} <TlpBadge marking={saved.marking} />
      </h2>
      {offer ? (
        <DraftOfferCard savedAt={offer.savedAt} testId="draft-offer" operation={operation} onRestore={() => restore(offer)} onDiscard={() => void discardKept()} status={<OperationStatus operation={operation} />}>
          {(offerTime) => {
            const offerList = offerParts(offer);
            return <Trans>This case has unsaved changes ({offerList}), kept as a draft in your vault on {offerTime}.</Trans>;
          }}
        </DraftOfferCard>
      ) : (
        <>
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={!unsaved.case || busy}>
              <Trans>Save changes</Trans>
            </button>
            <button type="button" className="secondary" onClick={discardChanges} disabled={!(unsaved.case || unsaved.custody) || busy}>
              <Trans>Discard changes</Trans>
            </button>
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
              <Trans>Delete case</Trans>
            </button>
            {(unsaved.case || unsaved.panel || unsaved.custody) && (
              <span className="muted" data-testid="draft-state">
                {unsavedSentence(unsaved, keeping.keptAt)}
              </span>
            )}
          </div>
          <OperationStatus operation={operation} />
          {unknownStates.length > 0 && <UnknownCountries fields={unknownStates} alertRef={unknownAlert} />}
          {keeping.keepError && (
            <p role="alert" className="alert">
              {keeping.keepError}
            </p>
          )}
          {message && (
            <p role="status" className="ok">
              {message}
            </p>
          )}
          <CaseTabs tab={tab} onTab={changeTab} />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
            {tab === "details" && <DetailsTab key={generation} draft={draft} edit={edit} />}
            {tab === "claims" && <ClaimsTab draft={draft} edit={edit} />}
            {tab === "evidence" && (
              <EvidenceTab
                draft={draft}
                saved={saved}
                busy={busy}
                dirty={unsaved.case}
                edit={edit}
                openId={openEvidence}
                onOpen={setOpenEvidence}
                custodyInputs={custodyInputs}
                onCustodyInput={setCustodyInput}
                generation={generation}
                onImportStix={(file) => void importStix(file)}
                onAttach={(evidenceId, file) => void attach(evidenceId, file)}
              />
            )}
            {tab === "panel" && (
              <PanelTab
                saved={saved}
                team={team}
                reading={reading}
                panelDraft={panelDraft}
                onPanelDraft={setPanelDraft}
                onPanelSaved={(panel) => {
                  if (team) setTeam({ ...team, panel });
                  setPanelDraft(undefined);
                }}
              />
            )}
            {tab === "packets" && <PacketsTab saved={saved} team={team} reading={reading} panelChanged={unsaved.panel} />}
            {tab === "opinion" && <SealedOpinion caseId={caseId} />}
          </div>
        </>
      )}
    </section>
  );
}
