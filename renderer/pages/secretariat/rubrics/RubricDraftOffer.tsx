import { Trans } from "@lingui/react/macro";
import type { RubricDraft } from "../../../../shared/rubric/rubric-draft";
import { formatTimestamp } from "../../../components/case/format";
import type { Operation } from "../../../components/Progress";

/** The offer of a rubric's draft kept earlier: restore it or discard it (the rubric is not editable until the person chooses). */
export function RubricDraftOffer({ offer, operation, onRestore, onDiscard }: { offer: RubricDraft; operation: Operation; onRestore: () => void; onDiscard: () => void }) {
  const busy = operation.running !== undefined;
  const offerTime = formatTimestamp(offer.savedAt);
  return (
    <div className="card draft-offer" data-testid="rubric-draft-offer">
      <h3>
        <Trans>Unsaved changes</Trans>
      </h3>
      <p>
        <Trans>This rubric has unsaved changes, kept as a draft in your vault on {offerTime}.</Trans> <Trans>Restore them to go on editing, or discard them to edit the rubric as it was saved.</Trans>
      </p>
      <div className="actions">
        <button type="button" onClick={onRestore} disabled={busy}>
          <Trans>Restore the unsaved draft from {offerTime}</Trans>
        </button>
        <button type="button" className="secondary" onClick={onDiscard} disabled={busy}>
          <Trans context="button: discard the kept draft">Discard it</Trans>
        </button>
      </div>
    </div>
  );
}
