import { plural } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { filterEvidence, stepThrough } from "../../../shared/case/evidence-filter";
import { admiraltyCode, EVIDENCE_KINDS, TLP_MARKINGS, type Evidence, type EvidenceKind, type Tlp } from "../../../shared/case/model";
import { formatNumber } from "../../i18n/format";
import { EVIDENCE_KIND_LABEL, tlpLabel } from "../../i18n/vocabulary";
import { TlpBadge } from "./TlpBadge";

type Indexed = Pick<Evidence, "id" | "title" | "description" | "sourceDescription" | "kind" | "marking" | "grading" | "attachments">;

/** "1 file", "3 files": reads the catalog, so call it while rendering. */
const files = (n: number) => plural(n, { one: "# file", other: "# files" });

/**
 * The evidence of a case as an index: one row per item (title, kind,
 * Admiralty grading, TLP marking, number of files), a search and filters,
 * and the one open item beside the list (below it on a narrow window).
 * In the list, Up/Down (or k/j), Home and End move between items; Enter or
 * Space opens the focused one. The same component serves the secretariat's
 * editor and the panelist's reader; `children` renders the open item.
 */
export function EvidenceIndex<E extends Indexed>({
  items,
  openId,
  onOpen,
  children,
  label: labelProp,
  marks,
}: {
  items: readonly E[];
  openId: string | undefined;
  onOpen: (id: string) => void;
  children: (item: E) => ReactNode;
  label?: string;
  /** Extra marks on a row (an unsaved edit, for instance). */
  marks?: (item: E) => ReactNode;
}) {
  const { t, i18n } = useLingui();
  const label = labelProp ?? t`Evidence items`;
  const untitled = t`(untitled)`;
  const base = useId();
  const [text, setText] = useState("");
  const [kind, setKind] = useState<EvidenceKind | "">("");
  const [marking, setMarking] = useState<Tlp | "">("");
  const list = useRef<HTMLOListElement>(null);
  const shown = useMemo(() => filterEvidence(items, { text, kinds: kind ? [kind] : [], markings: marking ? [marking] : [] }), [items, text, kind, marking]);
  const open = items.find((e) => e.id === openId);
  const openIndex = open ? shown.indexOf(open) : -1;
  const filtered = text.trim() !== "" || kind !== "" || marking !== "";
  const matching = formatNumber(shown.length);

  const focusRow = (id: string | undefined) => {
    if (id === undefined) return;
    list.current?.querySelector<HTMLButtonElement>(`button[data-evidence-id="${CSS.escape(id)}"]`)?.focus();
  };
  const onKey = (event: KeyboardEvent<HTMLButtonElement>, id: string) => {
    const ids = shown.map((e) => e.id);
    const moves: Record<string, () => string | undefined> = {
      ArrowDown: () => stepThrough(ids, id, 1),
      j: () => stepThrough(ids, id, 1),
      ArrowUp: () => stepThrough(ids, id, -1),
      k: () => stepThrough(ids, id, -1),
      Home: () => ids[0],
      End: () => ids[ids.length - 1],
    };
    const move = event.altKey || event.ctrlKey || event.metaKey ? undefined : moves[event.key];
    if (!move) return;
    event.preventDefault();
    focusRow(move());
  };
  const goTo = (step: 1 | -1) => {
    const next = stepThrough(
      shown.map((e) => e.id),
      openId,
      step,
    );
    if (next !== undefined) onOpen(next);
  };

  return (
    <div className="evidence-index">
      <div className="evidence-index-side">
        <div className="evidence-filters" role="search" aria-label={labelProp ? t`Find: ${label}` : t`Find evidence items`}>
          <div className="field">
            <label htmlFor={`${base}-text`}>
              <Trans>Search titles and descriptions</Trans>
            </label>
            <input id={`${base}-text`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${base}-kind`}>
              <Trans>Filter by kind</Trans>
            </label>
            <select id={`${base}-kind`} value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind | "")}>
              <option value="">{t`Every kind`}</option>
              {EVIDENCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {i18n._(EVIDENCE_KIND_LABEL[k])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${base}-marking`}>
              <Trans>Filter by marking</Trans>
            </label>
            <select id={`${base}-marking`} value={marking} onChange={(e) => setMarking(e.target.value as Tlp | "")}>
              <option value="">{t`Every marking`}</option>
              {TLP_MARKINGS.map((m) => (
                <option key={m} value={m}>
                  {tlpLabel(m)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="muted small">
          <span role="status" data-testid="evidence-count">
            {filtered ? plural(items.length, { one: `${matching} of # item matches.`, other: `${matching} of # items match.` }) : plural(items.length, { one: "# item.", other: "# items." })}
          </span>{" "}
          <span id={`${base}-keys`}>
            <Trans>In the list, Up and Down (or j and k) move between items; Enter opens one.</Trans>
          </span>
        </p>
        <ol className="evidence-list" aria-label={label} aria-describedby={`${base}-keys`} ref={list}>
          {shown.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="evidence-row"
                data-testid="evidence-index-item"
                data-evidence-id={e.id}
                aria-current={e.id === openId ? "true" : undefined}
                onClick={() => onOpen(e.id)}
                onKeyDown={(event) => onKey(event, e.id)}
              >
                <span className="evidence-row-title">{e.title.trim() || untitled}</span>
                <span className="evidence-row-meta">
                  <span>{i18n._(EVIDENCE_KIND_LABEL[e.kind])}</span>
                  <span className="grading-code mono" title={t`Admiralty grading`}>
                    {admiraltyCode(e.grading)}
                  </span>
                  <TlpBadge marking={e.marking} />
                  <span>{files(e.attachments.length)}</span>
                  {marks?.(e)}
                </span>
              </button>
            </li>
          ))}
        </ol>
        {shown.length === 0 && <p>{items.length === 0 ? t`No evidence items yet.` : t`No item matches; clear the search or the filters.`}</p>}
      </div>
      <div className="evidence-open" data-testid="evidence-open">
        {open ? (
          <>
            <nav className="actions evidence-steps" aria-label={t`Move between items`}>
              <button type="button" className="secondary" onClick={() => goTo(-1)} disabled={shown.length === 0 || openIndex === 0}>
                <Trans>Previous item</Trans>
              </button>
              <button type="button" className="secondary" onClick={() => goTo(1)} disabled={shown.length === 0 || openIndex === shown.length - 1}>
                <Trans>Next item</Trans>
              </button>
              {openIndex === -1 && <span className="muted small">{t`This item is hidden by the search or filters.`}</span>}
            </nav>
            {children(open)}
          </>
        ) : (
          items.length > 0 && <p className="muted">
              <Trans>Choose an item in the list to open it.</Trans>
            </p>
        )}
      </div>
    </div>
  );
}
