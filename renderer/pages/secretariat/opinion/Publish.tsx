import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useId, useState } from "react";
import type { IdentitySummary, Publish as Published, WithholdablePartView } from "../../../../shared/worker/contract";
import { saveFile } from "../../../app/download";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { REASON_LABEL } from "../../chair/opinion/labels";
import { Report } from "../../verify/VerifyPage";
import { partName, publishRefusal } from "./publish-words";

/**
 * The secretariat publishes the sealed opinion (issue 16, "Redaction" and
 * "The publication"): each part the chair marked withholdable is listed
 * with what it is, its content in short and the chair's reason, withheld by
 * default as the chair proposed; the secretariat may release any of them,
 * never withhold anything else. Publishing signs the release with the
 * secretariat's identity, verifies it as any reader will, and saves the
 * publication as one .zip; what a reader's check finds is shown at once.
 */
export function Publish({ caseId }: { caseId: string }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const loading = useOperation();
  const publishing = useOperation();
  const [parts, setParts] = useState<readonly WithholdablePartView[] | null | undefined>();
  const [withheld, setWithheld] = useState<ReadonlySet<string>>(new Set());
  const [identities, setIdentities] = useState<readonly IdentitySummary[] | undefined>();
  const [packetSigner, setPacketSigner] = useState<string | undefined>();
  const [done, setDone] = useState<Published | undefined>();
  const { run } = loading;

  const load = useCallback(async () => {
    const read = await run(t`Reading the parts that may be withheld…`, (o) => cryptoWorker.call("publication:withholdable", { caseId }, o));
    if (!read) return;
    setParts(read.parts);
    // As the chair proposed: every marked part withheld.
    setWithheld(new Set((read.parts ?? []).map((p) => p.pointer)));
    const listed = await cryptoWorker.call("identity:list", {});
    if (listed.ok) setIdentities(listed.value);
    const settings = await cryptoWorker.call("vault:settings", {});
    if (settings.ok) setPacketSigner(settings.value.packetSigner);
  }, [run, t, caseId]);
  useEffect(() => {
    void load();
  }, [load]);

  // The statement is signed by the identity that signs for the secretariat: the only one, or the one that signs the packets.
  const signer = identities?.length === 1 ? identities[0] : identities?.find((i) => i.fingerprint === packetSigner);
  const isWithheld = (p: WithholdablePartView) => withheld.has(p.pointer) || (p.inside !== undefined && withheld.has(p.inside));
  const toggle = (pointer: string, on: boolean) =>
    setWithheld((w) => {
      const next = new Set(w);
      if (on) next.add(pointer);
      else next.delete(pointer);
      return next;
    });

  const publish = async () => {
    if (!signer) return;
    setDone(undefined);
    // Only the outer parts are named: what lies inside a withheld part goes with it.
    const withhold = (parts ?? []).filter((p) => withheld.has(p.pointer) && !(p.inside !== undefined && withheld.has(p.inside))).map((p) => p.pointer);
    const result = await publishing.run(t`Signing, verifying and packing the publication…`, (o) => cryptoWorker.call("publication:publish", { caseId, withhold, signer: signer.fingerprint }, o));
    if (!result) return;
    setDone(result);
    if (result.outcome === "published") saveFile(result.file);
    document.getElementById(`${id}-done`)?.focus();
  };

  if (parts === null || parts === undefined) return <OperationStatus operation={loading} />;
  const count = parts.filter(isWithheld).length;
  return (
    <section aria-labelledby={`${id}-heading`} className="publish" data-testid="publish">
      <h3 id={`${id}-heading`}>{t`Publish`}</h3>
      <p>
        <Trans>
          Choose what the public sees. Only the parts the chair marked may be withheld, each for the reason the chair gave; everything else, every separate and dissenting
          opinion included, is always published. Each marked part is withheld unless you release it.
        </Trans>
      </p>
      {parts.length === 0 ? (
        <p className="muted">{t`The chair marked no part as withholdable: the whole opinion is published.`}</p>
      ) : (
        <fieldset className="withholdable" data-testid="publish-parts">
          <legend>{t`Parts the chair marked withholdable`}</legend>
          <ul className="plain">
            {parts.map((p) => {
              const inOuter = p.inside !== undefined && withheld.has(p.inside);
              const box = `${id}-${p.pointer}`;
              const part = partName(p);
              return (
                <li key={p.pointer} className={p.inside ? "nested" : undefined} data-testid="publish-part">
                  <input type="checkbox" id={box} checked={isWithheld(p)} disabled={inOuter} onChange={(e) => toggle(p.pointer, e.target.checked)} aria-describedby={`${box}-what`} />{" "}
                  <label htmlFor={box}>{t`Withhold ${part}`}</label>{" "}
                  <span className="small muted">({i18n._(REASON_LABEL[p.reason])})</span>
                  <p id={`${box}-what`} className="small preview" dir="auto">
                    {p.preview}
                  </p>
                  {inOuter ? <p className="small muted">{t`Withheld with the part it is in.`}</p> : null}
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      {signer ? (
        <p className="small">
          <Trans>
            The publication statement is signed by <span dir="auto">{signer.displayName}</span> (<Ltr>{signer.fingerprint}</Ltr>), the identity that signs this case's packets.
          </Trans>
        </p>
      ) : (
        <p className="warning" data-testid="publish-signer">
          <Trans>Choose the identity that signs for the secretariat first: on the Export tab, pick the one that signs the packets.</Trans>
        </p>
      )}
      <button type="button" onClick={() => void publish()} disabled={!signer || publishing.running !== undefined} data-testid="publish-button">
        {count === 0 ? t`Publish everything and save the .zip` : t`Publish, withholding ${count}, and save the .zip`}
      </button>
      <OperationStatus operation={publishing} />
      <div id={`${id}-done`} tabIndex={-1} className="verify-result" data-testid="publish-result">
        {done?.outcome === "refused" ? (
          <div className="alert" role="alert">
            {publishRefusal(done.reason)}
          </div>
        ) : null}
        {done?.outcome === "published" ? (
          <>
            <p className="notice" role="status" data-testid="publish-saved">
              <Trans>
                The publication was saved as {done.file.fileName} (SHA-256 <Ltr>{done.sha256}</Ltr>). Publish that file, or the folder it unzips to, as it is. Below is what any
                reader's check finds.
              </Trans>
            </p>
            <Report report={done.report} name={done.file.fileName} />
          </>
        ) : null}
      </div>
    </section>
  );
}
