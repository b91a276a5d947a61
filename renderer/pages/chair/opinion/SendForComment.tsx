import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
import type { Opinion } from "../../../../shared/opinion/opinion";
import { MAX_NOTE } from "../../../../shared/scoring/scoresheet";
import type { SentForComment } from "../../../../shared/worker/contract";
import { saveFile } from "../../../app/download";
import { fromDateTimeInput, toDateTimeInput } from "../../../components/case/format";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatNumber } from "../../../i18n/format";
import { describeMergeError } from "../../../i18n/problems";
import { describeDraftRefusal } from "./labels";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

type Sent = Extract<SentForComment, { outcome: "sent" }>;
type Refusal = Extract<SentForComment, { outcome: "invalid" }>["refusal"];

/**
 * Sending the draft to the members for comment: a deadline for their
 * answers and an optional note, then one file per member, signed with the
 * chair's key and encrypted to that member and to the chair. The draft's
 * salts are fixed when it is sent: a separate or dissenting opinion names
 * the digest of exactly what went out (shown, so members can compare).
 */
export function SendForComment({ caseId, opinion, beforeSend, onSent }: { caseId: string; opinion: Opinion | null; beforeSend: () => Promise<unknown>; onSent: () => void }) {
  const { t } = useLingui();
  const id = useId();
  const sending = useOperation();
  const [deadline, setDeadline] = useState(() => new Date(Math.ceil((Date.now() + WEEK_MS) / 3_600_000) * 3_600_000).toISOString());
  const [note, setNote] = useState("");
  const [sent, setSent] = useState<Sent | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  const describe = (refusal: Refusal): string => {
    switch (refusal.kind) {
      case "deadline-passed":
        return t`The deadline for comments must be later than now.`;
      case "no-members":
        return t`The panel has no member to send the draft to.`;
      case "too-many-rounds":
        return t`The draft has been sent for comment as many times as a case allows.`;
      default:
        return describeDraftRefusal(refusal, opinion);
    }
  };

  const send = async () => {
    setProblem(undefined);
    setSent(undefined);
    // What is waiting is saved first, so the draft sent is the one on screen.
    await beforeSend();
    const answer = await sending.run(t`Concealing, signing and encrypting the draft for each member…`, (o) =>
      cryptoWorker.call("opinion:send-for-comment", { caseId, deadline, ...(note.trim() === "" ? {} : { note }) }, o),
    );
    if (!answer) return;
    if (answer.outcome === "refused") return setProblem(describeMergeError(answer.error));
    if (answer.outcome === "invalid") return setProblem(describe(answer.refusal));
    for (const f of answer.files) saveFile(f.file);
    setSent(answer);
    onSent();
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part" data-testid="send-for-comment">
      <h4 id={`${id}-heading`}>
        <Trans>Send the draft to the members for comment</Trans>
      </h4>
      <p className="muted small">
        <Trans>
          Each member receives the whole draft, with what may be withheld and why, and may answer with comments and a separate or dissenting opinion of their own. One file per member,
          signed with your chair key and encrypted to that member and to you.
        </Trans>
      </p>
      <div className="field">
        <label htmlFor={`${id}-deadline`}>
          <Trans>Comments due by (UTC)</Trans>
        </label>
        <input id={`${id}-deadline`} type="datetime-local" value={toDateTimeInput(deadline)} onChange={(e) => setDeadline(fromDateTimeInput(e.target.value, deadline))} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>
          <Trans>Note for the members (optional)</Trans>
        </label>
        <textarea id={`${id}-note`} dir="auto" rows={2} maxLength={MAX_NOTE} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" data-testid="send-for-comment-button" disabled={sending.running !== undefined || opinion === null} onClick={() => void send()}>
          <Trans>Send for comment</Trans>
        </button>
      </div>
      <OperationStatus operation={sending} unit="items" />
      {problem && (
        <div className="alert" role="alert" data-testid="send-for-comment-problem">
          {problem}
        </div>
      )}
      {sent && (
        <div className="ok" role="status" data-testid="sent-for-comment">
          <p>
            <Trans>
              Draft {formatNumber(sent.round)} sent for comment; its SHA-256 begins <Ltr>{sent.sha256.slice(0, 12)}</Ltr>. Hand each member their file:
            </Trans>
          </p>
          <ul className="plain">
            {sent.files.map((f) => (
              <li key={f.seat}>
                {f.displayName}: <Ltr>{f.file.fileName}</Ltr>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
