import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import type { SealedView } from "../../../../shared/worker/contract";
import { Timestamp } from "../../../components/case/format";
import { FileDrop } from "../../../components/FileDrop";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { REASON_LABEL } from "../../chair/opinion/labels";
import { stanceLabel } from "../../chair/opinion/exchange-words";
import { Publish } from "./Publish";
import { describeSealedRefusal } from "./sealed-words";

/**
 * The secretariat's side of the sealed opinion (issue 15, "Sealing"): import
 * the chair's file, verified against the roster from the secretariat's own
 * records before anything is stored, and see what was verified: who signed
 * the opinion and how each member stands, the separate and dissenting
 * opinions, what may be withheld and why, and the scoresheets the figures
 * come from.
 */
export function SealedOpinion({ caseId }: { caseId: string }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const loading = useOperation();
  const importing = useOperation();
  const [view, setView] = useState<SealedView | null | undefined>();
  const [outcome, setOutcome] = useState<{ text: string; ok: boolean } | undefined>();
  const { run } = loading;

  const load = useCallback(async () => {
    const read = await run(t`Reading the sealed opinion you hold…`, (o) => cryptoWorker.call("secretariat:sealed-opinion", { caseId }, o));
    if (read) setView(read.sealed);
  }, [run, t, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  const importFile = async (file: File) => {
    setOutcome(undefined);
    const fileName = file.name;
    const result = await importing.run(t`Decrypting and verifying ${fileName}…`, (o) => cryptoWorker.call("secretariat:import-sealed-opinion", { caseId, file }, o));
    if (!result) return;
    if (result.outcome === "refused") return setOutcome({ ok: false, text: describeSealedRefusal(result.refusal) });
    setView(result.sealed);
    setOutcome({
      ok: true,
      text:
        result.outcome === "already-held"
          ? t`You already hold this sealed opinion; nothing changed.`
          : t`The sealed opinion was verified against your own records of the panel and stored, encrypted.`,
    });
  };

  const reasons = view ? [...new Set(view.withholdable.map((w) => w.reason))] : [];
  const round = view?.inputs.round ?? 0;
  return (
    <section aria-labelledby={`${id}-heading`} className="sealed-opinion" data-testid="sealed-opinion">
      <h3 id={`${id}-heading`}>{t`Sealed opinion`}</h3>
      <FileDrop
        id={`${id}-file`}
        busy={importing.running !== undefined}
        accept=".age"
        className="feedback-drop"
        testId="sealed-drop"
        label={t`Import the chair's sealed opinion (.age)`}
        hint={
          <Trans>
            Or drop it here. It is decrypted with your key and verified against the panel in your own records before anything is stored: the chair's signatures, every part of
            the opinion, each member's co-signature and stance.
          </Trans>
        }
        onFiles={(files) => {
          const file = files[0];
          if (file) void importFile(file);
        }}
      />
      <OperationStatus operation={importing} />
      {outcome && (
        <div className={outcome.ok ? "notice" : "alert"} role={outcome.ok ? "status" : "alert"} data-testid="sealed-import-status">
          <p>{outcome.text}</p>
        </div>
      )}
      <OperationStatus operation={loading} />
      {view === null && <p className="muted">{t`No sealed opinion of this case yet.`}</p>}
      {view && (
        <div data-testid="sealed-view">
          <p>
            <Trans>
              Sealed on <Timestamp iso={view.sealedAt} /> by the chair, <span dir="auto">{view.chair.displayName}</span> (<Ltr>{view.chair.fingerprint}</Ltr>); co-signatures were due by{" "}
              <Timestamp iso={view.deadline} />.
            </Trans>
          </p>
          <p className="small">
            <Trans>
              The opinion's SHA-256: <Ltr>{view.payloadSha256}</Ltr>. The file's: <Ltr>{view.fileSha256}</Ltr>.
            </Trans>
          </p>
          <div className="table-scroll">
            <table className="seats" data-testid="sealed-seats">
              <caption>{t`How each member stands`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t`Member`}</th>
                  <th scope="col">{t`Co-signature`}</th>
                </tr>
              </thead>
              <tbody>
                {view.seats.map((s) => (
                  <tr key={s.fingerprint} data-testid="sealed-seat" data-stance={s.stance}>
                    <th scope="row" dir="auto">
                      {s.displayName}
                    </th>
                    <td>{s.stance === "not-signed" ? t`Did not co-sign by the deadline` : stanceLabel(s.stance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p data-testid="sealed-separate">
            {view.separateOpinions.length === 0
              ? t`The opinion carries no separate or dissenting opinion.`
              : view.separateOpinions.map((o) => (o.kind === "dissent" ? t`Dissenting opinion by ${o.displayName}.` : t`Separate opinion by ${o.displayName}.`)).join(" ")}
          </p>
          <p data-testid="sealed-withholdable">
            <Plural value={view.withholdable.length} _0="No part may be withheld: all of it is published." one="# part may be withheld when it is published" other="# parts may be withheld when it is published" />
            {reasons.length > 0 && <> ({reasons.map((r) => i18n._(REASON_LABEL[r])).join(", ")}).</>}
          </p>
          <p className="small muted">
            <Plural
              value={view.inputs.scoresheets}
              one={`The figures come from # scoresheet of round ${round}, named by its digest.`}
              other={`The figures come from # scoresheets of round ${round}, each named by its digest.`}
            />
          </p>
        </div>
      )}
      {view && <Publish key={view.fileSha256} caseId={caseId} />}
    </section>
  );
}
