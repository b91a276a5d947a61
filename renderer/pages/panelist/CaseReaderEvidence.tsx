import { useState } from "react";
import type { Evidence } from "../../../shared/case/model";
import { formatBytes } from "../../app/progress";
import { AttachmentPreview } from "../../components/case/AttachmentPreview";
import { CustodyTimeline } from "../../components/case/CustodyTimeline";
import { EvidenceIndex } from "../../components/case/EvidenceIndex";
import { EVIDENCE_KIND_LABEL } from "../../components/case/format";
import { Grading } from "../../components/case/Grading";
import { TlpBadge } from "../../components/case/TlpBadge";

/** The evidence of a received case: the index, and the one item open beside it (the first, to begin with). */
export function CaseReaderEvidence({ evidence }: { evidence: readonly Evidence[] }) {
  const [openId, setOpenId] = useState<string | undefined>(evidence[0]?.id);
  if (evidence.length === 0) return <p>This case has no evidence items.</p>;
  return (
    <EvidenceIndex items={evidence} openId={openId} onOpen={setOpenId}>
      {(item) => <EvidenceItem key={item.id} evidence={item} />}
    </EvidenceIndex>
  );
}

function EvidenceItem({ evidence }: { evidence: Evidence }) {
  const headingId = `evidence-${evidence.id}`;
  return (
    <article className="card evidence" aria-labelledby={headingId} data-testid="evidence-item">
      <h4 id={headingId}>{evidence.title}</h4>
      <p className="evidence-meta">
        {EVIDENCE_KIND_LABEL[evidence.kind]} · <TlpBadge marking={evidence.marking} /> · <Grading grading={evidence.grading} />
      </p>
      <p className="prose">{evidence.description}</p>
      <p className="prose small">
        <strong>Source:</strong> {evidence.sourceDescription || "not described"}
      </p>
      <h5>Attachments</h5>
      {evidence.attachments.length === 0 ? (
        <p className="muted">No files.</p>
      ) : (
        <table className="attachments">
          <caption className="visually-hidden">Files of {evidence.title}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Media type</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          {evidence.attachments.map((a) => (
            <tbody key={a.id} data-testid="evidence-attachment">
              <tr className="attachment-row">
                <td>{a.name}</td>
                <td className="small">{a.mediaType || "unknown"}</td>
                <td>{formatBytes(a.size)}</td>
                <td>
                  <span className="mono small wrap" data-testid="evidence-sha256">
                    {a.sha256}
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
      <h5>Chain of custody</h5>
      <CustodyTimeline evidence={evidence} />
    </article>
  );
}
