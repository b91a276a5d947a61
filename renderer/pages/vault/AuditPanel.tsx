import { useEffect, useState } from "react";
import type { AuditView } from "../../../shared/worker/contract";
import { OperationStatus, useOperation } from "../../components/Progress";
import { cryptoWorker } from "../../crypto/worker-client";
import { auditSentence, EMPTY_NAME_BOOK, type NameBook } from "./audit-sentence";

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
  const operation = useOperation();
  const { run } = operation;
  const [log, setLog] = useState<AuditView | undefined>();
  const [names, setNames] = useState<NameBook>(EMPTY_NAME_BOOK);
  useEffect(() => {
    let current = true;
    void (async () => {
      // Names first: reading a tampered record logs it, and the chain must not be verified while an entry is being appended.
      const book = await readNameBook();
      const read = await run("Verifying the audit log…", (o) => cryptoWorker.call("audit:list", {}, o));
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
      <h2 id="audit-heading">Audit log</h2>
      <p className="muted">Security events, each encrypted and chained to the one before by its SHA-256; the whole chain is checked at every unlock and here.</p>
      <OperationStatus operation={operation} />
      {log && (
        <p className={log.status.ok ? "ok" : "alert"} role="status" data-testid="audit-status">
          {log.status.ok ? `Chain intact: ${log.status.count} entries, each linked to the one before.` : log.status.message}
        </p>
      )}
      {log && log.entries.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="audit-heading" tabIndex={0}>
          <table className="audit">
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time (UTC)</th>
                <th scope="col">What happened</th>
              </tr>
            </thead>
            <tbody>
              {[...log.entries].reverse().map((entry) => (
                <tr key={entry.seq} data-testid="audit-entry" data-event={entry.event} className={entry.event === "tamper-detected" ? "danger-row" : undefined}>
                  <td className="nowrap">{entry.seq}</td>
                  <td className="mono small nowrap">{entry.time.replace("T", " ").replace(/\.\d+Z$/, "")}</td>
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
