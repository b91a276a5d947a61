/**
 * What the unlock found, shown once the vault is open: tampering as alerts
 * (a broken audit log, a record index that is gone or older, records that
 * are not the version this app last wrote), and when the vault last changed
 * with the end of its audit log, so that a person can notice the one thing
 * the app cannot: the whole vault replaced with an older copy of itself.
 */
import { plural } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import type { AuditStatus, IntegrityReport } from "../../../shared/worker/contract";
import { Ltr } from "../../components/Ltr";
import { describeAuditStatus, describeVaultError } from "../../i18n/problems";
import { formatDateTime } from "../../i18n/format";

type Report = { readonly audit: AuditStatus; readonly integrity: IntegrityReport | null };

/** The first 16 hex digits of a hash, in groups of four: enough to compare by eye, short enough to note down. */
export const shortHash = (hex: string): string => (hex.slice(0, 16).match(/.{1,4}/g) ?? []).join(" ");

/** The tampering the unlock found, if any: nothing when all is as this app last wrote it. */
export function UnlockProblems({ audit, integrity }: Report) {
  const records = integrity?.records ?? [];
  const more = (integrity?.recordCount ?? 0) - records.length;
  return (
    <>
      {!audit.ok && (
        <div className="alert" role="alert" data-testid="audit-broken">
          {describeAuditStatus(audit)}
        </div>
      )}
      {integrity?.index && (
        <div className="alert" role="alert" data-testid="index-broken">
          {describeVaultError(integrity.index)}
        </div>
      )}
      {records.length > 0 && (
        <div className="alert unlock-problems" role="alert" data-testid="records-broken">
          <p>
            {plural(integrity?.recordCount ?? records.length, {
              one: "At unlock, # stored record was not as this app last wrote it:",
              other: "At unlock, # stored records were not as this app last wrote them:",
            })}
          </p>
          <ul>
            {records.map((r) => (
              <li key={`${r.table}/${r.id}`}>{describeVaultError(r)}</li>
            ))}
          </ul>
          {more > 0 && <p>{plural(more, { one: "# more is not listed here.", other: "# more are not listed here." })}</p>}
        </div>
      )}
    </>
  );
}

/** The whole report: the problems, then when the vault last changed and where its audit log ended. */
export function UnlockReport(report: Report) {
  const { integrity } = report;
  const head = integrity?.auditHead;
  const hash = head ? shortHash(head.hash) : "";
  const when = integrity?.lastModifiedAt ? formatDateTime(integrity.lastModifiedAt) : undefined;
  return (
    <>
      <UnlockProblems {...report} />
      {integrity && (when || head || integrity.upgraded) && (
        <div className="notice unlock-report" data-testid="unlock-report">
          <p>
            {when && <Trans>This vault last changed on {when}.</Trans>}{" "}
            {head && plural(head.seq, { one: "The audit log then held # entry.", other: "The audit log then held # entries." })}{" "}
            {head && (
              <Trans>
                The last entry's hash begins <Ltr className="mono">{hash}</Ltr>.
              </Trans>
            )}
          </p>
          {integrity.upgraded && (
            <p>
              <Trans>This vault was upgraded at this unlock: from now on, a record put back from an older copy is detected.</Trans>
            </p>
          )}
          <p className="muted">
            <Trans>If you remember a later change or a longer log, this whole vault may have been replaced with an older copy of itself, which the app cannot detect.</Trans>
          </p>
        </div>
      )}
    </>
  );
}
