import { Trans, useLingui } from "@lingui/react/macro";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { admiraltyCode, type Claim, type Evidence } from "../../../../shared/case/model";
import type { Rubric } from "../../../../shared/rubric/rubric";
import type { Answers, ClaimId, EvidenceId } from "../../../../shared/scoring/scoresheet";
import { Ltr } from "../../../components/Ltr";
import { TlpBadge } from "../../../components/case/TlpBadge";
import { claimStatement, rubricTermLabel } from "../../../i18n/vocabulary";
import { consistencyShortcuts, moveForKey, moveInGrid } from "./ach-keys";

/** The id of a cell, which a gap's link focuses. */
export const achCellId = (evidence: string, claim: string): string => `ach-${evidence}-${claim}`;
/** Sent (bubbling) from a cell to make it the active one and focus the grid: cells themselves take no focus. */
export const ACTIVATE_CELL_EVENT = "ach:activate";

type Cell = { row: number; col: number };

/** What a cell shows and says for each term (computed once per rubric and language, not per cell). */
type TermLook = { readonly code: string; readonly label: string; readonly lang?: string };

const Row = memo(function Row({
  evidence,
  row,
  claims,
  cells,
  active,
  looks,
  emptyLabel,
  onCell,
  onOpen,
}: {
  evidence: Evidence;
  row: number;
  claims: readonly Claim[];
  cells: Readonly<Record<string, string>> | undefined;
  /** The active column when the active cell is in this row. */
  active: number | undefined;
  looks: ReadonlyMap<string, TermLook>;
  emptyLabel: string;
  onCell: (cell: Cell) => void;
  onOpen: (evidence: Evidence) => void;
}) {
  const { t } = useLingui();
  return (
    <tr aria-rowindex={row + 2}>
      <th scope="row" className="ach-evidence">
        <button type="button" className="link-button" dir="auto" tabIndex={-1} onClick={() => onOpen(evidence)} title={t`Open this evidence item (V)`}>
          {evidence.title}
        </button>
        <span className="ach-evidence-meta">
          <Ltr className="grading-code mono">{admiraltyCode(evidence.grading)}</Ltr> <TlpBadge marking={evidence.marking} />
        </span>
      </th>
      {claims.map((claim, col) => {
        const term = cells?.[claim.id];
        const look = term === undefined ? undefined : looks.get(term);
        // One element per cell (1,000 in a large case): the code is shown; the label says the code and the term's name.
        return (
          <td
            key={claim.id}
            id={achCellId(evidence.id, claim.id)}
            role="gridcell"
            aria-colindex={col + 2}
            aria-selected={active === col}
            aria-label={look ? `${look.code}: ${look.label}` : emptyLabel}
            lang={look?.lang}
            className={`ach-cell${term ? ` ach-${term}` : " ach-empty"}${active === col ? " active" : ""}`}
            onClick={() => onCell({ row, col })}
          >
            {look ? look.code : "·"}
          </td>
        );
      })}
    </tr>
  );
});

/**
 * The ACH matrix: evidence items down, claims across, a consistency term in
 * each cell. The grid holds the focus and names its active cell
 * (aria-activedescendant): moving is a change of state, not of focus, which
 * stays fast with a thousand cells. Keyboard: arrows move (Home/End, Ctrl+Home/End), a term's key or
 * digit sets the cell and moves to the next, Delete clears, V opens the
 * row's evidence; buttons under the matrix set the selected cell by mouse.
 * The grid is one stop in the tab order, so Tab leaves the matrix.
 */
export const AchMatrix = memo(function AchMatrix({
  claims,
  evidence,
  rubric,
  ach,
  onSet,
  onOpenEvidence,
}: {
  claims: readonly Claim[];
  evidence: readonly Evidence[];
  rubric: Rubric;
  ach: Answers["ach"];
  onSet: (evidence: EvidenceId, claim: ClaimId, term: string | undefined) => void;
  onOpenEvidence: (evidence: Evidence) => void;
}) {
  const { t, i18n } = useLingui();
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const shortcuts = useMemo(() => consistencyShortcuts(rubric.consistency), [rubric]);
  const rows = useMemo(() => new Map(ach.map((r) => [r.evidence as string, r.cells as Readonly<Record<string, string>>])), [ach]);
  const looks = useMemo(
    () =>
      new Map<string, TermLook>(
        rubric.consistency.map((term) => {
          const label = rubricTermLabel(i18n, "consistency", term);
          return [term.id, { code: term.code, label: label.text, ...(label.lang ? { lang: label.lang } : {}) }];
        }),
      ),
    [rubric, i18n],
  );
  const emptyLabel = t`empty`;
  const legend = useMemo(() => {
    const keyOf = new Map<string, string>();
    for (const [key, id] of shortcuts) if (!/\d/.test(key) && !keyOf.has(id)) keyOf.set(id, key);
    return rubric.consistency.map((term, i) => ({ term, key: keyOf.get(term.id), digit: i < 9 ? String(i + 1) : undefined }));
  }, [rubric, shortcuts]);

  // The grid keeps the focus; the active cell is its aria-activedescendant, scrolled into view after the frame's layout.
  useEffect(() => {
    const e = evidence[active.row];
    const c = claims[active.col];
    if (!e || !c) return;
    const frame = requestAnimationFrame(() => document.getElementById(achCellId(e.id, c.id))?.scrollIntoView({ block: "nearest", inline: "nearest" }));
    return () => cancelAnimationFrame(frame);
  }, [active, evidence, claims]);

  const grid = useRef<HTMLTableElement>(null);
  const go = useCallback((cell: Cell) => setActive(cell), []);
  useEffect(() => {
    const table = grid.current;
    if (!table) return;
    const activate = (event: Event) => {
      const id = (event.target as HTMLElement).id;
      for (let row = 0; row < evidence.length; row++) {
        const col = claims.findIndex((c) => achCellId((evidence[row] as Evidence).id, c.id) === id);
        if (col >= 0) {
          setActive({ row, col });
          table.focus();
          return;
        }
      }
    };
    table.addEventListener(ACTIVATE_CELL_EVENT, activate);
    return () => table.removeEventListener(ACTIVATE_CELL_EVENT, activate);
  }, [evidence, claims]);
  const pick = useCallback((cell: Cell) => {
    setActive(cell);
    grid.current?.focus();
  }, []);
  const set = (cell: Cell, term: string | undefined) => {
    const e = evidence[cell.row];
    const c = claims[cell.col];
    if (e && c) onSet(e.id as EvidenceId, c.id as ClaimId, term);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    if (event.target !== event.currentTarget) return;
    const rtl = getComputedStyle(event.currentTarget).direction === "rtl";
    const move = moveForKey(event.key, event.ctrlKey || event.metaKey, rtl);
    if (move) {
      go(moveInGrid(active, move, evidence.length, claims.length));
    } else if (event.key === "Delete" || event.key === "Backspace") {
      set(active, undefined);
    } else if ((event.key === "v" || event.key === "V") && !shortcuts.has(event.key)) {
      const e = evidence[active.row];
      if (e) onOpenEvidence(e);
    } else if (!event.ctrlKey && !event.metaKey && !event.altKey && shortcuts.has(event.key)) {
      set(active, shortcuts.get(event.key));
      go(moveInGrid(active, "next", evidence.length, claims.length));
    } else return;
    event.preventDefault();
  };

  const activeEvidence = evidence[active.row];
  const activeClaim = claims[active.col];
  const activeId = activeEvidence && activeClaim ? achCellId(activeEvidence.id, activeClaim.id) : undefined;
  if (evidence.length === 0) return <p className="muted">{t`This case has no evidence items to weigh against the claims.`}</p>;
  return (
    <div className="ach">
      <p className="small" id="ach-help">
        <Trans>
          Arrow keys move between cells; type a term's key (or its number) to fill a cell and move on; Delete empties a cell; V opens the evidence item of the row. The buttons below the matrix fill the selected cell.
        </Trans>
      </p>
      <ul className="ach-legend small" aria-label={t`Keys of the terms`}>
        {legend.map(({ term, key, digit }) => {
          const label = rubricTermLabel(i18n, "consistency", term);
          return (
            <li key={term.id}>
              <Ltr className="mono ach-code">{term.code}</Ltr> <span lang={label.lang}>{label.text}</span>{" "}
              <kbd>{[key, digit].filter(Boolean).join(" / ")}</kbd>
            </li>
          );
        })}
      </ul>
      <div className="ach-scroll">
        <table
          ref={grid}
          role="grid"
          tabIndex={0}
          aria-activedescendant={activeId}
          className="ach-grid" style={{ width: `${18 + 3.5 * claims.length}rem` }} aria-labelledby="ach-heading" aria-describedby="ach-help" aria-rowcount={evidence.length + 1} aria-colcount={claims.length + 1} onKeyDown={onKeyDown}>
          <colgroup>
            <col className="ach-col-evidence" />
            {claims.map((claim) => (
              <col key={claim.id} className="ach-col-claim" />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">{t`Evidence item`}</th>
              {claims.map((claim, i) => {
                const position = i + 1;
                const statement = claimStatement(i18n, claim);
                return (
                  <th key={claim.id} scope="col" title={statement} aria-colindex={i + 2}>
                    {t`Claim ${position}`}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {evidence.map((e, row) => (
              <Row
                key={e.id}
                evidence={e}
                row={row}
                claims={claims}
                cells={rows.get(e.id)}
                active={active.row === row ? active.col : undefined}
                looks={looks}
                emptyLabel={emptyLabel}
                onCell={pick}
                onOpen={onOpenEvidence}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions ach-palette" role="group" aria-label={t`Set the selected cell`}>
        {rubric.consistency.map((term) => {
          const label = rubricTermLabel(i18n, "consistency", term);
          return (
            <button
              key={term.id}
              type="button"
              className="secondary"
              title={label.text}
              onClick={() => {
                set(active, term.id);
                pick(moveInGrid(active, "next", evidence.length, claims.length));
              }}
            >
              <Ltr className="mono">{term.code}</Ltr> <span lang={label.lang}>{label.text}</span>
            </button>
          );
        })}
        <button type="button" className="secondary" onClick={() => set(active, undefined)}>
          {t`Empty the cell`}
        </button>
      </div>
    </div>
  );
});
