import { custodyMismatches, describeCustodyFlag } from "../../../shared/case/custody";
import type { Evidence } from "../../../shared/case/model";
import { CUSTODY_ACTION_LABEL, shortHash, Timestamp } from "./format";

/**
 * An evidence item's chain of custody, oldest first. A step whose recorded
 * SHA-256 does not match the attachment is flagged where it happened.
 */
export function CustodyTimeline({ evidence }: { evidence: Pick<Evidence, "attachments" | "custody"> }) {
  if (evidence.custody.length === 0) return <p className="muted">No custody events are recorded for this item.</p>;
  const flags = custodyMismatches(evidence);
  return (
    <>
      {flags.length > 0 && (
        <p className="custody-summary">
          {flags.length === 1 ? "One custody step recorded" : `${flags.length} custody steps recorded`} a SHA-256 that does not match this item's files; see
          below.
        </p>
      )}
      <ol className="custody">
        {evidence.custody.map((event, index) => {
          const attachment = event.attachmentId ? evidence.attachments.find((a) => a.id === event.attachmentId) : undefined;
          const eventFlags = flags.filter((f) => f.event === index);
          return (
            <li key={index} className={eventFlags.length > 0 ? "custody-event custody-mismatch" : "custody-event"} data-testid="custody-event">
              <div className="custody-head">
                <strong>{CUSTODY_ACTION_LABEL[event.action]}</strong> by {event.actor}
                {event.place && <> at {event.place}</>} · <Timestamp iso={event.time} />
              </div>
              {attachment && <div className="small">File: {attachment.name}</div>}
              {event.sha256 && (
                <div className="small">
                  SHA-256 observed:{" "}
                  <span className="mono" title={event.sha256}>
                    {shortHash(event.sha256)}
                  </span>
                </div>
              )}
              {event.note && <p className="prose custody-note">{event.note}</p>}
              {eventFlags.map((flag, i) => (
                <p key={i} className="custody-flag" data-testid="custody-flag">
                  Hash mismatch: {describeCustodyFlag(flag)}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
    </>
  );
}
