import { t } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import type { CustodyInput, CustodyInputs } from "../../../../shared/case/case-draft";
import { evidenceEditState, withEvidenceEdit, withNewEvidence, withoutEvidence } from "../../../../shared/case/case-edit";
import type { Case, Evidence, EvidenceId } from "../../../../shared/case/model";
import { EvidenceIndex } from "../../../components/case/EvidenceIndex";
import { FilePicker } from "../../../components/FilePicker";
import { EvidenceEditor } from "./EvidenceEditor";
import type { CaseEdit } from "./fields";
import { newEvidenceId } from "./new-id";

/**
 * The Evidence tab: a STIX import, and the items as an index with the open
 * one beside it. Which item is open, and the custody events being typed, are
 * held by the editor (they survive a change of tab and are kept with the draft).
 */
export function EvidenceTab({
  draft,
  saved,
  busy,
  dirty,
  edit,
  openId,
  onOpen,
  custodyInputs,
  onCustodyInput,
  generation,
  onImportStix,
  onAttach,
}: {
  draft: Case;
  saved: Case;
  busy: boolean;
  /** The case has unsaved edits: imports and attachments are saved at once, so they wait for a save. */
  dirty: boolean;
  edit: CaseEdit;
  openId: string | undefined;
  onOpen: (id: string | undefined) => void;
  custodyInputs: CustodyInputs;
  onCustodyInput: (evidenceId: EvidenceId, input: CustodyInput | undefined) => void;
  /** Bumped when a draft is restored or changes are discarded, so that fields holding their own text start again. */
  generation: number;
  onImportStix: (file: File) => void;
  onAttach: (evidenceId: string, file: File) => void;
}) {
  const add = () => {
    const id = newEvidenceId();
    edit((c) => withNewEvidence(c, id));
    onOpen(id);
  };
  const remove = (id: EvidenceId) => {
    const { open } = withoutEvidence(draft, id);
    edit((c) => withoutEvidence(c, id).case);
    onCustodyInput(id, undefined);
    onOpen(open);
  };
  const marks = (e: Evidence) => {
    const edited = evidenceEditState(e, saved.evidence);
    const state =
      edited === "new" ? (
        <span className="badge">{t({ message: "new", context: "an evidence item not saved yet" })}</span>
      ) : edited === "edited" ? (
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
  };
  return (
    <div>
      <FilePicker id="stix-file" label={t`Import evidence and claims from a STIX 2.1 bundle`} accept=".json,application/json,application/stix+json" disabled={busy || dirty} onFile={onImportStix}>
        {dirty && (
          <span className="muted small">
            <Trans>Save your changes first.</Trans>
          </span>
        )}
      </FilePicker>
      <div className="actions">
        <button type="button" className="secondary" onClick={add}>
          <Trans>Add an evidence item</Trans>
        </button>
      </div>
      <EvidenceIndex items={draft.evidence} openId={openId} onOpen={onOpen} marks={marks}>
        {(e) => (
          <EvidenceEditor
            key={`${e.id}:${generation}`}
            evidence={e}
            saved={saved.evidence.find((x) => x.id === e.id)}
            busy={busy}
            dirty={dirty}
            onChange={(change) => edit((c) => withEvidenceEdit(c, e.id, change))}
            custodyInput={custodyInputs[e.id]}
            onCustodyInput={(input) => onCustodyInput(e.id, input)}
            onAttach={(file) => onAttach(e.id, file)}
            onRemove={() => remove(e.id)}
          />
        )}
      </EvidenceIndex>
    </div>
  );
}
