import { Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import type { Evidence } from "../../../shared/case/model";
import { AttachmentPreview } from "../../components/case/AttachmentPreview";
import { CustodyTimeline } from "../../components/case/CustodyTimeline";
import { EvidenceIndex } from "../../components/case/EvidenceIndex";
import { Grading } from "../../components/case/Grading";
import { TlpBadge } from "../../components/case/TlpBadge";
import { Ltr } from "../../components/Ltr";
import { formatBytes } from "../../i18n/format";
import { EVIDENCE_KIND_LABEL } from "../../i18n/vocabulary";

/** The evidence of a received case: the index, and the one item open beside it (the first, to begin with). */
export function CaseReaderEvidence({ evidence }: { evidence: readonly Evidence[] }) {
  const [openId, setOpenId] = useState<string | undefined>(evidence[0]?.id);
  if (evidence.length === 0) {
    return (
      <p>
        <Trans>This case has no evidence items.</Trans>
      </p>
    );
  }
  return (
    <EvidenceIndex items={evidence} openId={openId} onOpen={setOpenId}>
      {(item) => <EvidenceItem key={item.id} evidence={item} />}
    </EvidenceIndex>
  );
}

export function EvidenceItem({ evidence }: { evidence: Evidence }) {
  const { t, i18n } = useLingui();
  const title = evidence.title;
  const headingId = `evidence-${evidence.id}`;
  return (
    <article className="card evidence" aria-labelledby={headingId} data-testid="evidence-item">
      <h4 id={headingId}>{evidence.title}</h4>
      <p className="evidence-meta">
        {i18n._(EVIDENCE_KIND_LABEL[evidence.kind])} · <TlpBadge marking={evidence.marking} /> · <Grading grading={evidence.grading} />
      </p>
      <p className="prose">{evidence.description}</p>
      <p className="prose small">
        {evidence.sourceDescription ? (
          <Trans>
            <strong>Source:</strong> {evidence.sourceDescription}
          </Trans>
        ) : (
          <Trans>
            <strong>Source:</strong> not described
          </Trans>
        )}
      </p>
      <h5>
        <Trans>Attachments</Trans>
      </h5>
      {evidence.attachments.length === 0 ? (
        <p className="muted">
          <Trans>No files.</Trans>
        </p>
      ) : (
        <table className="attachments">
          <caption className="visually-hidden">
            <Trans>Files of {title}</Trans>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <Trans context="a file's name, column heading">Name</Trans>
              </th>
              <th scope="col">
                <Trans>Media type</Trans>
              </th>
              <th scope="col">
                <Trans context="a file's size, column heading">Size</Trans>
              </th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          {evidence.attachments.map((a) => (
            <tbody key={a.id} data-testid="evidence-attachment">
              <tr className="attachment-row">
                <td>
                  <Ltr>{a.name}</Ltr>
                </td>
                <td className="small">{a.mediaType ? <Ltr>{a.mediaType}</Ltr> : t({ message: "unknown", context: "a file's media type" })}</td>
                <td>{formatBytes(a.size)}</td>
                <td>
                  <span className="mono small wrap" data-testid="evidence-sha256">
                    <Ltr>{a.sha256}</Ltr>
                  </span>
                </td>
              </tr>
              <tr className="attachment-actions">
                <td colSpan={4}>
                  <AttachmentPreview attachment={a} />
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      )}
      <h5>
        <Trans>Chain of custody</Trans>
      </h5>
      <CustodyTimeline evidence={evidence} />
    </article>
  );
}
