import { t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import type { CustodyInput } from "../../../../shared/case/case-draft";
import { canAddCustodyEvent, NO_CUSTODY_INPUT, withCustodyEvent } from "../../../../shared/case/custody-input";
import type { Evidence } from "../../../../shared/case/model";
import { AttachmentPreview } from "../../../components/case/AttachmentPreview";
import { CustodyTimeline } from "../../../components/case/CustodyTimeline";
import { Grading } from "../../../components/case/Grading";
import { TlpBadge } from "../../../components/case/TlpBadge";
import { FilePicker } from "../../../components/FilePicker";
import { Ltr } from "../../../components/Ltr";
import { formatBytes } from "../../../i18n/format";
import { Choice, Field, vocabularyOptions } from "./fields";

/** The open evidence item: its fields, attachments, chain of custody and the form of a new custody event. */
export function EvidenceEditor({
  evidence: e,
  saved,
  busy,
  dirty,
  onChange,
  custodyInput,
  onCustodyInput,
  onAttach,
  onRemove,
}: {
  evidence: Evidence;
  saved: Evidence | undefined;
  busy: boolean;
  dirty: boolean;
  onChange: (change: (item: Evidence) => Evidence) => void;
  /** The custody event being typed, held by the editor (so it survives a change of item or tab, and is kept with the draft). */
  custodyInput: CustodyInput | undefined;
  onCustodyInput: (input: CustodyInput | undefined) => void;
  onAttach: (file: File) => void;
  onRemove: () => void;
}) {
  const { i18n } = useLingui();
  const options = vocabularyOptions(i18n);
  const title = e.title.trim() || t`(untitled)`;
  const event = custodyInput ?? NO_CUSTODY_INPUT;
  const setEvent = onCustodyInput;
  const set = (patch: Partial<Omit<Evidence, "id">>) => onChange((item) => ({ ...item, ...patch }));
  const id = (name: string) => `ev-${e.id}-${name}`;
  const addEvent = () => {
    const time = new Date().toISOString();
    onChange((item) => withCustodyEvent(item, event, time));
    onCustodyInput(undefined);
  };
  return (
    <article className="card" data-testid="evidence-editor" aria-labelledby={id("h")}>
      <h3 id={id("h")}>
        {title} <TlpBadge marking={e.marking} /> <Grading grading={e.grading} />
      </h3>
      <Field id={id("title")} label={t({ message: "Title", context: "of an evidence item" })}>
        <input id={id("title")} value={e.title} placeholder={t`Name this item, e.g. “VPN log of the water utility”`} onChange={(x) => set({ title: x.target.value })} />
      </Field>
      <Choice id={id("kind")} label={t({ message: "Kind", context: "of an evidence item" })} value={e.kind} options={options.kind} onChange={(v) => set({ kind: v })} />
      <Choice id={id("marking")} label={t`Marking (TLP 2.0)`} value={e.marking} options={options.tlp} onChange={(v) => set({ marking: v })} />
      <Choice id={id("reliability")} label={t`Source reliability (Admiralty)`} value={e.grading.reliability} options={options.reliability} onChange={(v) => set({ grading: { ...e.grading, reliability: v } })} />
      <Choice id={id("credibility")} label={t`Information credibility (Admiralty)`} value={e.grading.credibility} options={options.credibility} onChange={(v) => set({ grading: { ...e.grading, credibility: v } })} />
      <Field id={id("description")} label={t`Description`}>
        <textarea id={id("description")} rows={4} value={e.description} onChange={(x) => set({ description: x.target.value })} />
      </Field>
      <Field id={id("source")} label={t`Source description`}>
        <textarea id={id("source")} rows={2} value={e.sourceDescription} onChange={(x) => set({ sourceDescription: x.target.value })} />
      </Field>
      <h4>
        <Trans>Attachments</Trans>
      </h4>
      {e.attachments.length === 0 && (
        <p className="muted">
          <Trans context="no attachments">None.</Trans>
        </p>
      )}
      <ul className="plain">
        {e.attachments.map((a) => (
          <li key={a.id} data-testid="evidence-attachment">
            <strong>
              <Ltr>{a.name}</Ltr>
            </strong>{" "}
            <span className="muted small">
              <Ltr>{a.mediaType}</Ltr> · {formatBytes(a.size)}
            </span>
            <div className="mono small wrap">
              SHA-256 <Ltr>{a.sha256}</Ltr>
            </div>
            <AttachmentPreview attachment={a} />
          </li>
        ))}
      </ul>
      <FilePicker id={id("attach")} label={t`Attach a file`} disabled={busy || dirty || !saved} onFile={(file) => onAttach(file)}>
        {(dirty || !saved) && (
          <span className="muted small">
            <Trans>Save your changes first.</Trans>
          </span>
        )}
      </FilePicker>
      <h4>
        <Trans>Chain of custody</Trans>
      </h4>
      <CustodyTimeline evidence={e} />
      <fieldset className="custody-form">
        <legend>
          <Trans>Record a custody event (events are only ever added)</Trans>
        </legend>
        <Choice id={id("c-action")} label={t({ message: "Action", context: "what was done in a custody event" })} value={event.action} options={options.action} onChange={(v) => setEvent({ ...event, action: v })} />
        <Field id={id("c-actor")} label={t({ message: "Actor", context: "who did it, in a custody event" })}>
          <input id={id("c-actor")} value={event.actor} onChange={(x) => setEvent({ ...event, actor: x.target.value })} />
        </Field>
        <Field id={id("c-place")} label={t({ message: "Place", context: "where, in a custody event" })}>
          <input id={id("c-place")} value={event.place} onChange={(x) => setEvent({ ...event, place: x.target.value })} />
        </Field>
        <Field id={id("c-sha")} label={t`SHA-256 observed (optional)`}>
          <input id={id("c-sha")} className="mono" value={event.sha256} onChange={(x) => setEvent({ ...event, sha256: x.target.value })} />
        </Field>
        <Field id={id("c-note")} label={t({ message: "Note", context: "noun, of a custody event" })}>
          <input id={id("c-note")} value={event.note} onChange={(x) => setEvent({ ...event, note: x.target.value })} />
        </Field>
        <button type="button" className="secondary" onClick={addEvent} disabled={!canAddCustodyEvent(event)}>
          <Trans>Add the event</Trans>
        </button>
      </fieldset>
      <div className="actions">
        <button type="button" className="danger" onClick={onRemove} aria-label={t`Remove this item: ${title}`}>
          <Trans>Remove this item</Trans>
        </button>
      </div>
    </article>
  );
}
