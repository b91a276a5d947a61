import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import type { AuditView } from "../../../shared/worker/contract";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { formatNumber } from "../../i18n/format";
import { describeAuditStatus } from "../../i18n/problems";
import { auditSentence, auditTime, EMPTY_NAME_BOOK, type NameBook } from "./audit-sentence";

/**
 * The names of what the vault holds now, so the log can say "Jonas Berg"
 * where its entries hold an id. A list that cannot be read leaves its names
 * out; the sentences then say less, never something wrong.
 */
async function readNameBook(): Promise<NameBook> {
  const [identities, contacts, attachments, experts, cases, received] = await Promise.all([
    cryptoWorker.call("identity:list", {}),
    cryptoWorker.call("contact:list", {}),
    cryptoWorker.call("attachment:list", {}),
    cryptoWorker.call("registry:list", {}),
    cryptoWorker.call("case:list", {}),
    cryptoWorker.call("inbox:list", {}),
  ]);
  const byId = new Map<string, string>();
  const byFingerprint = new Map<string, string>();
  for (const p of [...(identities.ok ? identities.value : []), ...(contacts.ok ? contacts.value : []), ...(experts.ok ? experts.value : [])]) {
    byId.set(p.id, p.displayName);
    byFingerprint.set(p.fingerprint, p.displayName);
  }
  for (const a of attachments.ok ? attachments.value : []) byId.set(a.id, a.name);
  for (const c of cases.ok ? cases.value : []) byId.set(c.id, c.title);
  for (const c of received.ok ? received.value : []) if (!byId.has(c.caseId)) byId.set(c.caseId, c.title);
  return { byId, byFingerprint };
}

export function AuditPanel() {
  const { t } = useLingui();
  const operation = useOperation();
  const { run } = operation;
  const [log, setLog] = useState<AuditView | undefined>();
  const [names, setNames] = useState<NameBook>(EMPTY_NAME_BOOK);
  useEffect(() => {
    let current = true;
    void (async () => {
      // Names first: reading a tampered record logs it, and the chain must not be verified while an entry is being appended.
      const book = await readNameBook();
      const read = await run(t`Verifying the audit log…`, (o) => cryptoWorker.call("audit:list", {}, o));
      if (!current) return;
      setNames(book);
      if (read) setLog(read);
    })();
    return () => {
      current = false;
    };
  }, [run]);
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">
        <Trans>Audit log</Trans>
      </h2>
      <p className="muted">
        <Trans>Security events, each encrypted and chained to the one before by its SHA-256; the whole chain is checked at every unlock and here.</Trans>
      </p>
      <OperationStatus operation={operation} />
      {log && (
        <p className={log.status.ok ? "ok" : "alert"} role="status" data-testid="audit-status">
          {log.status.ok ? chainIntact(log.status.count) : describeAuditStatus(log.status)}
        </p>
      )}
      {log && log.entries.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="audit-heading" tabIndex={0}>
          <table className="audit">
            <caption className="visually-hidden">
              <Trans>Audit log entries, newest first</Trans>
            </caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">
                  <Trans>Time (UTC)</Trans>
                </th>
                <th scope="col">
                  <Trans>What happened</Trans>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...log.entries].reverse().map((entry) => (
                <tr key={entry.seq} data-testid="audit-entry" data-event={entry.event} className={entry.event === "tamper-detected" ? "danger-row" : undefined}>
                  <td className="nowrap">{formatNumber(entry.seq)}</td>
                  <td className="mono small nowrap">
                    <time dateTime={entry.time}>{auditTime(entry.time)}</time>
                  </td>
                  <td>{auditSentence(entry, names)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "Chain intact: 12 entries, each linked to the one before." */
function chainIntact(entries: number): string {
  return plural(entries, { one: "Chain intact: # entry.", other: "Chain intact: # entries, each linked to the one before." });
}
