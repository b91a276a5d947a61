import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useId, useRef, useState } from "react";
import type { AggregateCheck } from "../../../shared/publication/aggregates";
import type { PublicationReport } from "../../../shared/publication/verify";
import { FileDrop } from "../../components/FileDrop";
import { Ltr } from "../../components/Ltr";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { REASON_LABEL } from "../chair/opinion/labels";
import { regionName } from "../../i18n/vocabulary";
import { figureName, problemSentence, resultName, signerName, signedName, unusableSentence } from "./verify-words";

/** A folder's files with their paths inside the folder (the chosen folder's own name dropped). */
const folderFiles = (files: readonly File[]) =>
  files.map((file) => {
    const relative = file.webkitRelativePath || file.name;
    return { path: relative.split("/").slice(1).join("/") || file.name, file };
  });

/**
 * The Verify page (issue 16, "Verifying"): anyone opens a publication's
 * folder, or its opinion.json, and sees every signature (who, which seat,
 * what it signs), every declared redaction and its reason, the parts
 * released, and the stated aggregates beside those recomputed from the
 * released estimates. Everything is checked in this app's worker from the
 * files alone: no vault, no identity, nothing sent anywhere.
 */
export function VerifyPage() {
  const { t } = useLingui();
  const id = useId();
  const checking = useOperation();
  const [result, setResult] = useState<{ report: PublicationReport; name: string } | { unusable: string } | undefined>();

  const check = async (files: { path: string; file: File }[], scope: "folder" | "opinion-json", name: string) => {
    setResult(undefined);
    const r = await checking.run(t`Checking ${name}…`, (o) => cryptoWorker.call("publication:verify", { files, scope }, o));
    if (!r) return;
    setResult(r.outcome === "checked" ? { report: r.report, name } : { unusable: unusableSentence(r.reason) });
    document.getElementById(`${id}-result`)?.focus();
  };
  const folderInput = { webkitdirectory: "", directory: "" } as Record<string, string>;
  const folder = useRef<HTMLInputElement>(null);

  return (
    <section aria-label={t`Verify a published opinion`} className="verify-page" data-testid="verify-page">
      <p>
        <Trans>
          Open the folder of a publication, or its opinion.json. Everything is checked on this computer from the files alone: no vault or identity is needed, and nothing is
          sent anywhere.
        </Trans>
      </p>
      <div className="verify-open">
        <button type="button" onClick={() => folder.current?.click()} disabled={checking.running !== undefined}>
          {t`Open a publication folder…`}
        </button>
        <input
          ref={folder}
          id={`${id}-folder`}
          type="file"
          multiple
          {...folderInput}
          hidden
          tabIndex={-1}
          aria-label={t`Open a publication folder…`}
          data-testid="verify-folder"
          disabled={checking.running !== undefined}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = "";
            const name = files[0]?.webkitRelativePath.split("/")[0] ?? "";
            if (files.length > 0) void check(folderFiles(files), "folder", name);
          }}
        />
        <FileDrop
          id={`${id}-json`}
          busy={checking.running !== undefined}
          accept=".zip,.json,application/zip,application/json"
          className="feedback-drop"
          testId="verify-json"
          label={t`Or open its .zip, or its opinion.json alone`}
          hint={t`opinion.json alone shows the opinion, its signatures and figures; the files beside it and the secretariat's statement are checked only with the folder.`}
          onFiles={(files) => {
            const file = files[0];
            // A .zip is the whole folder (the worker tells it by its first bytes); any other file is read as opinion.json.
            if (file) void check([{ path: "opinion.json", file }], "opinion-json", file.name);
          }}
        />
      </div>
      <OperationStatus operation={checking} />
      <div id={`${id}-result`} tabIndex={-1} className="verify-result" data-testid="verify-result">
        {result && "unusable" in result ? (
          <div className="alert" role="alert">
            {result.unusable}
          </div>
        ) : null}
        {result && "report" in result ? <Report report={result.report} name={result.name} /> : null}
      </div>
    </section>
  );
}

/** What a verification found, as the Verify page shows it (also shown after the secretariat publishes). */
export function Report({ report, name }: { report: PublicationReport; name: string }) {
  const { t, i18n } = useLingui();
  const findings = Array.isArray(report.opinion?.["findings"]) ? (report.opinion["findings"] as { claim?: unknown }[]) : [];
  const claimName = (claim: string) => {
    const n = findings.findIndex((f) => f.claim === claim) + 1;
    return n > 0 ? t`Claim ${n}` : claim;
  };
  const count = report.problems.length;
  const title = report.caseTitle ?? "";
  const published = report.publishedAt === undefined ? "" : formatDateTime(report.publishedAt);
  const withheld = report.redactions.length;
  const overall = report.aggregates.filter((a) => a.region === undefined);
  const regional = report.aggregates.filter((a) => a.region !== undefined);
  const regionalCount = regional.length;
  const regionalMatching = regional.filter((a) => a.recomputable && a.matches).length;
  const released = report.released.length;
  return (
    <div className="verify-report" data-testid="verify-report" data-valid={report.valid}>
      {report.valid ? (
        <p className="notice" role="status" data-testid="verify-verdict">
          <strong>{t`Valid.`}</strong> {t`Every signature, every released part, every file and every stated figure checks.`}
        </p>
      ) : (
        <div className="warning" role="alert" data-testid="verify-verdict">
          <p>
            <strong>{t`Not valid.`}</strong>{" "}
            <Plural value={count} one="One problem was found:" other="# problems were found:" />
          </p>
          <ul data-testid="verify-problems">
            {report.problems.map((p, i) => (
              <li key={i}>{problemSentence(p, claimName)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="lead" dir="auto">
        {title}
      </p>
      <p className="small muted">
        {t`Opened: ${name}. Published ${published}.`} {report.caseId ? <Ltr className="mono">{report.caseId}</Ltr> : null}
      </p>
      {report.scope === "opinion-json" ? (
        <p className="small notice">{t`Only opinion.json was checked: open the whole folder to check the files beside it and the secretariat's statement.`}</p>
      ) : null}

      <h3>{t`Signatures`}</h3>
      <table data-testid="verify-signatures">
        <thead>
          <tr>
            <th scope="col">{t`Signed by`}</th>
            <th scope="col">{t`What was signed`}</th>
            <th scope="col">{t`Key`}</th>
            <th scope="col">{t`File`}</th>
            <th scope="col">{t`Result`}</th>
          </tr>
        </thead>
        <tbody>
          {report.signatures.map((s, i) => (
            <tr key={i}>
              <td>{signerName(s)}</td>
              <td>{signedName(s)}</td>
              <td>
                <Ltr className="mono small">{s.fingerprint ?? "—"}</Ltr>
              </td>
              <td>
                <Ltr className="mono small">{s.file}</Ltr>
              </td>
              <td className={s.valid ? undefined : "inline-problem"}>{s.valid ? t`Verifies` : t`Does not verify`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.notSigned.length > 0 ? (
        <>
          <p>{t`Member seats that did not co-sign by the deadline:`}</p>
          <ul>
            {report.notSigned.map((seat) => (
              <li key={seat}>
                <Ltr className="mono small">{seat}</Ltr>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h3>{t`Released and withheld parts`}</h3>
      <p data-testid="verify-disclosures">
        <Plural value={released} one="# part released" other="# parts released" />
        {" · "}
        <Plural value={withheld} _0="nothing withheld" one="# part withheld" other="# parts withheld" />
      </p>
      {withheld > 0 ? (
        <table data-testid="verify-redactions">
          <thead>
            <tr>
              <th scope="col">{t`Reason it was withheld`}</th>
              <th scope="col">{t`Digest of the withheld part`}</th>
            </tr>
          </thead>
          <tbody>
            {report.redactions.map((r) => (
              <tr key={r.digest}>
                <td>{i18n._(REASON_LABEL[r.reason])}</td>
                <td>
                  <Ltr className="mono small">{r.digest}</Ltr>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {report.aggregates.length > 0 ? (
        <>
          <h3>{t`Stated figures, recomputed from the released estimates`}</h3>
          <FigureTable checks={overall} claimName={claimName} testId="verify-aggregates" />
          {regional.length > 0 ? (
            // Five regional groups per claim make a long table: folded, unless one of them differs.
            <details open={regional.some((a) => a.recomputable && !a.matches)} data-testid="verify-regional">
              <summary>{t`By UN regional group: ${regionalCount} figures, ${regionalMatching} recomputed and matching`}</summary>
              <FigureTable checks={regional} claimName={claimName} testId="verify-regional-figures" />
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** Stated figures beside their recomputation. */
function FigureTable({ checks, claimName, testId }: { checks: readonly AggregateCheck[]; claimName: (claim: string) => string; testId: string }) {
  const { t, i18n } = useLingui();
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t`Claim`}</th>
          <th scope="col">{t`Figure`}</th>
          <th scope="col">{t`Stated`}</th>
          <th scope="col">{t`Recomputed`}</th>
          <th scope="col">{t`Result`}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((a, i) => (
          <tr key={i}>
            <td>{claimName(a.claim)}</td>
            <td>
              {figureName(a)}
              {a.region ? <span className="small muted"> · {regionName(i18n, a.region)}</span> : null}
            </td>
            <td>{show(a.stated)}</td>
            <td>{a.recomputable ? show(a.recomputed) : "—"}</td>
            <td className={a.recomputable && !a.matches ? "inline-problem" : undefined}>{resultName(a)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const show = (n: number | undefined) => (n === undefined ? "—" : formatNumber(n, 4));
