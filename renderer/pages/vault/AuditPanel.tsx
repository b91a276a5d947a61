import { OperationStatus, useOperation, useWorkerList } from "../../components/Progress";

const EVENT_LABEL: Record<string, string> = {
  "vault-created": "Vault created",
  unlocked: "Unlocked",
  "unlock-failed": "Failed unlock attempts",
  "passphrase-changed": "Passphrase changed",
  locked: "Locked",
  "identity-created": "Identity created",
  "identity-exported": "Secret key exported",
  "contact-imported": "Contact imported",
  "contact-trusted": "Contact trusted",
  "contact-revoked": "Contact revoked",
  "backup-made": "Backup made",
  "backup-restored": "Restored from backup",
  "tamper-detected": "Tampering detected",
};

export function AuditPanel() {
  const operation = useOperation();
  const [log] = useWorkerList(operation, "Verifying the audit log…", "audit:list");
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
        <table className="audit">
          <caption className="visually-hidden">Audit log entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time (UTC)</th>
              <th scope="col">Event</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {[...log.entries].reverse().map((entry) => (
              <tr key={entry.seq} data-testid="audit-entry" className={entry.event === "tamper-detected" ? "danger-row" : undefined}>
                <td>{entry.seq}</td>
                <td className="mono small">{entry.time.replace("T", " ").replace(/\.\d+Z$/, "")}</td>
                <td>{EVENT_LABEL[entry.event] ?? entry.event}</td>
                <td className="small">
                  {entry.detail
                    ? Object.entries(entry.detail)
                        .map(([k, v]) => `${k}: ${String(v)}`)
                        .join(" · ")
                    : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
