import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { formatTimestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatDate, formatList, formatNumber } from "../../i18n/format";
import { hrefTo } from "../../app/routes";
import { navigate } from "../../app/useRoute";

/** The case list, with new and sample cases. */
export function CasesPanel() {
  const { t } = useLingui();
  const operation = useOperation();
  const [cases] = useWorkerList(operation, t`Reading the cases…`, "case:list");
  const [title, setTitle] = useState("");
  const { run } = operation;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(t`Creating the case…`, (o) => cryptoWorker.call("case:create", { title }, o));
    if (created) navigate(hrefTo("secretariat.case", { caseId: created.id }));
  };
  const loadSample = async () => {
    const c = await run(t`Building the sample case (its attachments are encrypted into the vault)…`, (o) => cryptoWorker.call("case:load-sample", {}, o));
    if (c) navigate(hrefTo("secretariat.case", { caseId: c.id }));
  };

  return (
    <section aria-labelledby="cases-heading">
      <h2 id="cases-heading">
        <Trans>Cases</Trans>
      </h2>
      <form className="actions" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label htmlFor="new-case-title">
            <Trans>Title of a new case</Trans>
          </label>
          <input id="new-case-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <button type="submit" disabled={operation.running !== undefined || title.trim() === ""}>
          <Trans>Create the case</Trans>
        </button>
        <button type="button" className="secondary" onClick={() => void loadSample()} disabled={operation.running !== undefined}>
          <Trans>Load the sample case</Trans>
        </button>
      </form>
      <OperationStatus operation={operation} />
      {cases?.length === 0 && (
        <p>
          <Trans>No cases yet.</Trans>
        </p>
      )}
      {cases && cases.length > 0 && (
        <table>
          <caption className="visually-hidden">
            <Trans>Cases</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="table column">Case</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: handling marking (TLP)">Marking</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Claims</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Evidence</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Panel</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Deadline</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => {
              const updated = formatDate(c.updated);
              const draftTime = c.draftSavedAt ? formatTimestamp(c.draftSavedAt) : "";
              const contents = formatList([plural(c.evidence, { one: "# item", other: "# items" }), plural(c.attachments, { one: "# file", other: "# files" })]);
              return (
                <tr key={c.id} data-testid="case-row">
                  <td>
                    <a href={hrefTo("secretariat.case", { caseId: c.id })}>{c.title}</a>
                    <div className="muted small">
                      <Trans context="a case was last changed on">updated {updated}</Trans>
                    </div>
                    {c.draftSavedAt && (
                      <div className="small" data-testid="case-draft">
                        <Trans>Unsaved draft from {draftTime}</Trans>
                      </div>
                    )}
                  </td>
                  <td>
                    <TlpBadge marking={c.marking} />
                  </td>
                  <td>{formatNumber(c.claims)}</td>
                  <td>{contents}</td>
                  <td>{c.panel ? t({ message: "composed", context: "a case's panel: its seats are chosen" }) : t({ message: "not yet", context: "a case's panel: not composed yet" })}</td>
                  <td>{formatDate(c.deadline)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
