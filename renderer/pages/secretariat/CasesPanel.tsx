import { useState, type FormEvent } from "react";
import { formatTimestamp } from "../../components/case/format";
import { TlpBadge } from "../../components/case/TlpBadge";
import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";

const formatDate = (iso: string): string => iso.slice(0, 10);

/** The case list, with new and sample cases. */
export function CasesPanel() {
  const operation = useOperation();
  const [cases] = useWorkerList(operation, "Reading the cases…", "case:list");
  const [title, setTitle] = useState("");
  const { run } = operation;

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run("Creating the case…", (o) => cryptoWorker.call("case:create", { title }, o));
    if (created) window.location.hash = `#/secretariat/cases/${created.id}`;
  };
  const loadSample = async () => {
    const c = await run("Building the sample case (its attachments are encrypted into the vault)…", (o) => cryptoWorker.call("case:load-sample", {}, o));
    if (c) window.location.hash = `#/secretariat/cases/${c.id}`;
  };

  return (
    <section aria-labelledby="cases-heading">
      <h2 id="cases-heading">Cases</h2>
      <form className="actions" onSubmit={(e) => void create(e)}>
        <div className="field">
          <label htmlFor="new-case-title">Title of a new case</label>
          <input id="new-case-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </div>
        <button type="submit" disabled={operation.running !== undefined || title.trim() === ""}>
          Create the case
        </button>
        <button type="button" className="secondary" onClick={() => void loadSample()} disabled={operation.running !== undefined}>
          Load the sample case
        </button>
      </form>
      <OperationStatus operation={operation} />
      {cases?.length === 0 && <p>No cases yet.</p>}
      {cases && cases.length > 0 && (
        <table>
          <caption className="visually-hidden">Cases</caption>
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Marking</th>
              <th scope="col">Claims</th>
              <th scope="col">Evidence</th>
              <th scope="col">Panel</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-testid="case-row">
                <td>
                  <a href={`#/secretariat/cases/${c.id}`}>{c.title}</a>
                  <div className="muted small">updated {formatDate(c.updated)}</div>
                  {c.draftSavedAt && (
                    <div className="small" data-testid="case-draft">
                      Unsaved draft from {formatTimestamp(c.draftSavedAt)}
                    </div>
                  )}
                </td>
                <td>
                  <TlpBadge marking={c.marking} />
                </td>
                <td>{c.claims}</td>
                <td>
                  {c.evidence} items, {c.attachments} files
                </td>
                <td>{c.panel ? "composed" : "not yet"}</td>
                <td>{formatDate(c.deadline)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
