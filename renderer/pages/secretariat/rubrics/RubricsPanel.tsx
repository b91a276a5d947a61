import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useState } from "react";
import type { RubricEntryView } from "../../../../shared/worker/contract";
import { hrefTo } from "../../../app/routes";
import { Ltr } from "../../../components/Ltr";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatDate, formatNumber } from "../../../i18n/format";
import { rubricTitle } from "../../../i18n/vocabulary";
import { NewRubricForm } from "./NewRubricForm";

/** The rubric's latest revision, and whether a sent packet carried it. */
export const latestRevision = (entry: RubricEntryView) => entry.revisions[entry.revisions.length - 1] as RubricEntryView["revisions"][number];

/** The secretariat's rubrics: the default one and their own; new, duplicate, edit, retire and restore. */
export function RubricsPanel() {
  const { t, i18n } = useLingui();
  const operation = useOperation();
  const { run } = operation;
  const [rubrics, setRubrics] = useState<RubricEntryView[] | undefined>();
  /** The form open: a new rubric, or a copy of the rubric of that id. */
  const [creating, setCreating] = useState<{ readonly from?: RubricEntryView } | undefined>();
  const [done, setDone] = useState("");

  const reload = useCallback(async () => {
    const list = await run(t`Reading the rubrics…`, (o) => cryptoWorker.call("rubric:list", {}, o));
    if (list) setRubrics(list);
  }, [run, t]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const setRetired = async (entry: RubricEntryView, retire: boolean) => {
    const title = rubricTitle(i18n, entry.latest).text;
    const changed = retire
      ? await run(t`Retiring the rubric…`, (o) => cryptoWorker.call("rubric:retire", { id: entry.id }, o))
      : await run(t`Restoring the rubric…`, (o) => cryptoWorker.call("rubric:restore", { id: entry.id }, o));
    if (!changed) return;
    setDone(retire ? t`“${title}” is retired: panels can no longer choose it. Panels that use it keep it.` : t`“${title}” is restored: panels can choose it again.`);
    await reload();
  };

  return (
    <section aria-labelledby="rubrics-heading">
      <h2 id="rubrics-heading">
        <Trans>Rubrics</Trans>
      </h2>
      <p className="muted">
        <Trans>
          A panel scores every claim on one rubric: which questions are asked, with which terms. The default rubric is built in; duplicate it, or start a new one, to make your own. A packet carries the latest revision of its
          panel's rubric; once a revision has been sent it is frozen, and editing the rubric makes a new revision.
        </Trans>
      </p>
      {creating === undefined && (
        <div className="actions">
          <button type="button" onClick={() => setCreating({})} disabled={operation.running !== undefined}>
            <Trans>New rubric</Trans>
          </button>
        </div>
      )}
      {creating && <NewRubricForm key={creating.from?.id ?? ""} {...(creating.from ? { from: creating.from, fromTitle: rubricTitle(i18n, creating.from.latest).text } : {})} onCancel={() => setCreating(undefined)} />}
      <OperationStatus operation={operation} />
      {done && (
        <p role="status" className="ok">
          {done}
        </p>
      )}
      {rubrics && (
        <table data-testid="rubric-list">
          <caption className="visually-hidden">
            <Trans>Rubrics</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="table column">Rubric</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: a rubric's id">Id</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: a rubric's latest revision">Revision</Trans>
              </th>
              <th scope="col">
                <Trans context="table column: whether a rubric can still be edited or chosen">State</Trans>
              </th>
              <th scope="col">
                <Trans context="table column">Actions</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {rubrics.map((entry) => {
              const title = rubricTitle(i18n, entry.latest);
              const name = title.text;
              const latest = latestRevision(entry);
              const revision = formatNumber(latest.revision);
              const next = formatNumber(latest.revision + 1);
              const frozen = latest.frozenAt !== null;
              const packets = entry.revisions.reduce((n, r) => n + r.packets, 0);
              const retiredOn = formatDate(entry.retiredAt ?? "");
              return (
                <tr key={entry.id} data-testid="rubric-row" className={entry.retiredAt ? "muted" : undefined}>
                  <td>
                    <a href={hrefTo("secretariat.rubric", { rubricId: entry.id })} lang={title.lang}>
                      {title.text}
                    </a>
                  </td>
                  <td>
                    <Ltr className="mono rubric-id">{entry.id}</Ltr>
                  </td>
                  <td>{revision}</td>
                  <td data-testid="rubric-state">
                    {entry.builtIn ? (
                      <Trans>Built in, read-only</Trans>
                    ) : (
                      <>
                        {frozen ? <Trans>Frozen: revision {revision} was sent.</Trans> : <Trans>Not sent yet: edited in place.</Trans>}
                        {packets > 0 && <div className="small">{plural(packets, { one: "Carried by # packet.", other: "Carried by # packets." })}</div>}
                        {entry.retiredAt && (
                          <div className="small">
                            <strong>
                              <Trans>Retired on {retiredOn}.</Trans>
                            </strong>
                          </div>
                        )}
                      </>
                    )}
                  </td>
                  <td>
                    <div className="actions rubric-actions">
                      <a href={hrefTo("secretariat.rubric", { rubricId: entry.id })}>
                        {entry.builtIn || entry.retiredAt ? (
                          <Trans context="link: view a rubric">
                            View<span className="visually-hidden"> “{name}”</span>
                          </Trans>
                        ) : frozen ? (
                          <Trans context="link: edit a rubric whose latest revision was sent">
                            Edit<span className="visually-hidden"> “{name}”</span> (makes revision {next})
                          </Trans>
                        ) : (
                          <Trans context="link: edit a rubric">
                            Edit<span className="visually-hidden"> “{name}”</span>
                          </Trans>
                        )}
                      </a>
                      <button type="button" className="secondary small-button" onClick={() => setCreating({ from: entry })} disabled={operation.running !== undefined}>
                        <Trans context="button: duplicate a rubric">
                          Duplicate<span className="visually-hidden"> “{name}”</span>
                        </Trans>
                      </button>
                      {!entry.builtIn &&
                        (entry.retiredAt ? (
                          <button type="button" className="secondary small-button" onClick={() => void setRetired(entry, false)} disabled={operation.running !== undefined}>
                            <Trans context="button: restore a retired rubric">
                              Restore<span className="visually-hidden"> “{name}”</span>
                            </Trans>
                          </button>
                        ) : (
                          <button type="button" className="secondary small-button" onClick={() => void setRetired(entry, true)} disabled={operation.running !== undefined}>
                            <Trans context="button: retire a rubric">
                              Retire<span className="visually-hidden"> “{name}”</span>
                            </Trans>
                          </button>
                        ))}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
