import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { custodyMismatches } from "../../../shared/case/custody";
import { describeCustodyFlag } from "../../i18n/problems";
import type { Evidence } from "../../../shared/case/model";
import { Ltr } from "../Ltr";
import { CUSTODY_ACTION_LABEL } from "../../i18n/vocabulary";
import { shortHash, Timestamp } from "./format";

/**
 * An evidence item's chain of custody, oldest first. A step whose recorded
 * SHA-256 does not match the attachment is flagged where it happened.
 */
export function CustodyTimeline({ evidence }: { evidence: Pick<Evidence, "attachments" | "custody"> }) {
  const { i18n } = useLingui();
  if (evidence.custody.length === 0)
    return (
      <p className="muted">
        <Trans>No custody events are recorded for this item.</Trans>
      </p>
    );
  const flags = custodyMismatches(evidence);
  return (
    <>
      {flags.length > 0 && (
        <p className="custody-summary">
          <Plural
            value={flags.length}
            one="One custody step recorded a SHA-256 that does not match this item's files; see below."
            other="# custody steps recorded a SHA-256 that does not match this item's files; see below."
          />
        </p>
      )}
      <ol className="custody">
        {evidence.custody.map((event, index) => {
          const attachment = event.attachmentId ? evidence.attachments.find((a) => a.id === event.attachmentId) : undefined;
          const eventFlags = flags.filter((f) => f.event === index);
          const action = i18n._(CUSTODY_ACTION_LABEL[event.action]);
          const { actor, place } = event;
          return (
            <li key={index} className={eventFlags.length > 0 ? "custody-event custody-mismatch" : "custody-event"} data-testid="custody-event">
              <div className="custody-head">
                {place ? (
                  <Trans context="custody event: action, who, where">
                    <strong>{action}</strong> by {actor} at {place}
                  </Trans>
                ) : (
                  <Trans context="custody event: action, who">
                    <strong>{action}</strong> by {actor}
                  </Trans>
                )}{" "}
                · <Timestamp iso={event.time} />
              </div>
              {attachment && (
                <div className="small">
                  <Trans>
                    File: <Ltr>{attachment.name}</Ltr>
                  </Trans>
                </div>
              )}
              {event.sha256 && (
                <div className="small">
                  <Trans>SHA-256 observed:</Trans>{" "}
                  <Ltr className="mono">
                    <span title={event.sha256}>{shortHash(event.sha256)}</span>
                  </Ltr>
                </div>
              )}
              {event.note && <p className="prose custody-note">{event.note}</p>}
              {eventFlags.map((flag, i) => (
                <p key={i} className="custody-flag" data-testid="custody-flag">
                  <Trans>Hash mismatch:</Trans>{" "}
                  {describeCustodyFlag(flag)}
                </p>
              ))}
            </li>
          );
        })}
      </ol>
    </>
  );
}
