import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useRef, useState } from "react";
import type { InboxImport } from "../../../shared/worker/contract";
import { FingerprintCheck, fingerprintConfirmed } from "../../components/FingerprintCheck";

export type SignerQuestion = Extract<InboxImport, { outcome: "confirm-signer" }>;

/** The first packet from a secretariat: its fingerprint, typed as it is read out of band, before its key is pinned. */
export function ConfirmSigner({ question, busy, onConfirm, onCancel }: { question: SignerQuestion; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useLingui();
  const heading = useRef<HTMLHeadingElement>(null);
  const [typed, setTyped] = useState("");
  const matched = fingerprintConfirmed(question.fingerprint, typed);
  useEffect(() => {
    setTyped("");
    heading.current?.focus();
  }, [question.fingerprint]);
  return (
    <form
      className="card confirm-signer"
      data-testid="confirm-signer"
      aria-labelledby="confirm-signer-heading"
      onSubmit={(e) => {
        e.preventDefault();
        if (matched) onConfirm();
      }}
    >
      <h3 id="confirm-signer-heading" ref={heading} tabIndex={-1}>
        <Trans>Confirm the secretariat's key</Trans>
      </h3>
      <p>
        <Trans>This packet is signed by a secretariat key you have not confirmed yet. Nothing has been imported.</Trans>
      </p>
      <p>
        <Trans>
          Ask the secretariat to read you its fingerprint out of band: in person, by telephone or from paper it gave you, never from the same message as the
          packet. Type it here as you hear it; the packet is imported only once every group matches, and from then on packets must be signed by this key.
        </Trans>
      </p>
      <FingerprintCheck
        id="signer-fingerprint"
        label={t`Type the secretariat's fingerprint as it is read to you`}
        fingerprint={question.fingerprint}
        groups={question.fingerprintGroups}
        typed={typed}
        onTyped={setTyped}
        owner="secretariat"
      />
      <div className="actions">
        <button type="submit" disabled={busy || !matched}>
          <Trans>The fingerprint matches: import</Trans>
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          <Trans>Cancel</Trans>
        </button>
      </div>
    </form>
  );
}
