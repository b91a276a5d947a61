import { Trans, useLingui } from "@lingui/react/macro";
import { useId } from "react";
import { pointerOf } from "../../../../shared/formats/json-pointer";
import type { Opinion } from "../../../../shared/opinion/opinion";
import { WITHHOLDING_REASONS, type WithholdingReason } from "../../../../shared/opinion/withholding";
import type { DraftState, OpinionView } from "../../../../shared/worker/contract";
import { Ltr } from "../../../components/Ltr";
import { formatNumber } from "../../../i18n/format";
import { CREDIBILITY_LABEL, EVIDENCE_KIND_LABEL, PANEL_ROLE_LABEL, RELIABILITY_LABEL, regionLabel, tlpLabel, UN_REGION_ABBREVIATION } from "../../../i18n/vocabulary";
import { claimLabel, percent } from "../statistics/labels";
import { markOf, setMark } from "./draft-edit";
import { REASON_LABEL } from "./labels";

type Loaded = Extract<OpinionView, { outcome: "draft" }>;
type PartProps = { opinion: Opinion; draft: DraftState; onChange: (d: DraftState) => void };

/** One of the four reasons a part may be withheld for. */
function ReasonSelect({ label, value, disabled, onChange, testId }: { label: string; value: WithholdingReason; disabled: boolean; onChange: (r: WithholdingReason) => void; testId: string }) {
  const { i18n } = useLingui();
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as WithholdingReason)} data-testid={testId}>
      {WITHHOLDING_REASONS.map((r) => (
        <option key={r} value={r}>
          {i18n._(REASON_LABEL[r])}
        </option>
      ))}
    </select>
  );
}

/** The evidence the opinion relies on: title, kind, Admiralty grading, TLP marking, SHA-256 of each attachment, and whether it may be withheld. */
export function EvidencePart({ opinion, draft, onChange }: PartProps) {
  const { t, i18n } = useLingui();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part">
      <h4 id={`${id}-heading`}>
        <Trans>Evidence relied on</Trans>
      </h4>
      <p className="muted small">
        <Trans>Evidence marked TLP:RED or TLP:AMBER+STRICT is marked as withholdable at first. A withheld item stays signed: the published opinion shows only its digest.</Trans>
      </p>
      <div className="table-scroll">
        <table className="opinion-table" data-testid="opinion-evidence-table">
          <thead>
            <tr>
              <th scope="col">
                <Trans context="column heading">Evidence</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Kind</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: Admiralty source grading">Grading</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: TLP marking">Marking</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">SHA-256 of the files</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading: whether an evidence item may be withheld, and the reason">May be withheld, and why</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {opinion.evidence.map((e, i) => {
              const pointer = pointerOf(["evidence", i]);
              const mark = markOf(draft, pointer);
              const { reliability, credibility } = e.grading;
              const title = e.title;
              return (
                <tr key={e.id} data-testid="opinion-evidence" data-evidence={e.id} data-withheld={mark !== undefined}>
                  <th scope="row">{title}</th>
                  <td>{i18n._(EVIDENCE_KIND_LABEL[e.kind])}</td>
                  <td>
                    <abbr title={`${i18n._(RELIABILITY_LABEL[reliability])}; ${i18n._(CREDIBILITY_LABEL[credibility])}`}>
                      <Ltr>{`${reliability}${credibility}`}</Ltr>
                    </abbr>
                  </td>
                  <td>
                    <Ltr>{tlpLabel(e.marking)}</Ltr>
                  </td>
                  <td className="hashes">
                    {e.sha256.length === 0 ? (
                      <span className="muted">{t`No file`}</span>
                    ) : (
                      e.sha256.map((h) => (
                        <Ltr key={h} className="hash">
                          {h}
                        </Ltr>
                      ))
                    )}
                  </td>
                  <td>
                    <div className="withhold-cell">
                      <input
                        type="checkbox"
                        aria-label={t`${title} may be withheld`}
                        checked={mark !== undefined}
                        onChange={(ev) => onChange(setMark(draft, pointer, ev.target.checked ? "sources-and-methods" : null))}
                        data-testid="opinion-evidence-withhold"
                      />
                      <ReasonSelect
                        label={t`Reason ${title} may be withheld for`}
                        value={mark?.reason ?? "sources-and-methods"}
                        disabled={mark === undefined}
                        onChange={(r) => onChange(setMark(draft, pointer, r))}
                        testId="opinion-evidence-reason"
                      />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const DETAILS = ["name", "region", "affiliation"] as const;
type Detail = (typeof DETAILS)[number];

/** The panel's roster: per seat, which of its details (name, regional group, affiliation) may be withheld, and why. */
export function RosterPart({ opinion, draft, onChange }: PartProps) {
  const { t, i18n } = useLingui();
  const id = useId();
  const detailLabel = (detail: Detail, seat: string): string => {
    switch (detail) {
      case "name":
        return t`The name of seat ${seat} may be withheld`;
      case "region":
        return t`The regional group of seat ${seat} may be withheld`;
      case "affiliation":
        return t`The affiliation of seat ${seat} may be withheld`;
    }
  };
  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part">
      <h4 id={`${id}-heading`}>
        <Trans>Panel roster</Trans>
      </h4>
      <div className="table-scroll">
        <table className="opinion-table" data-testid="opinion-roster-table">
          <thead>
            <tr>
              <th scope="col">
                <Trans context="column heading: a seat's number on the panel">Seat</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Name</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Regional group</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Affiliation</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Reason</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {opinion.roster.map((s, i) => {
              const seat = formatNumber(i + 1);
              const pointers = Object.fromEntries(DETAILS.map((d) => [d, pointerOf(["roster", i, d])])) as Record<Detail, string>;
              const marked = DETAILS.filter((d) => markOf(draft, pointers[d]) !== undefined);
              const reason = marked.length > 0 ? (markOf(draft, pointers[marked[0] as Detail])?.reason ?? "personal-data") : "personal-data";
              const values: Record<Detail, string> = { name: s.name, region: regionLabel(i18n, s.region), affiliation: s.affiliation };
              return (
                <tr key={s.seat} data-testid="opinion-seat">
                  <th scope="row">
                    {seat} <span className="muted small">{i18n._(PANEL_ROLE_LABEL[s.role])}</span>
                  </th>
                  {DETAILS.map((d) => (
                    <td key={d}>
                      <span>{values[d]}</span>
                      <br />
                      <label className="small">
                        <input
                          type="checkbox"
                          aria-label={detailLabel(d, seat)}
                          checked={marked.includes(d)}
                          onChange={(ev) => onChange(setMark(draft, pointers[d], ev.target.checked ? reason : null))}
                          data-testid={`opinion-seat-${d}`}
                        />{" "}
                        <span aria-hidden="true">{t`May be withheld`}</span>
                      </label>
                    </td>
                  ))}
                  <td>
                    <ReasonSelect
                      label={t`Reason the details of seat ${seat} may be withheld for`}
                      value={reason}
                      disabled={marked.length === 0}
                      onChange={(r) => onChange(marked.reduce((d, detail) => setMark(d, pointers[detail], r), draft))}
                      testId="opinion-seat-reason"
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The released anonymised estimates (every counted seat's final best estimate per claim, no seat named), with or without regions, and whether the regions may be withheld. */
export function EstimatesPart({ view, opinion, draft, onChange }: PartProps & { view: Loaded }) {
  const { t, i18n } = useLingui();
  const id = useId();
  const regions = draft.choices.regions;
  const withheld = draft.regionsWithheld;
  const statements = new Map(view.claims.map((c, i) => [c.claim as string, claimLabel(i18n, c, i)]));
  return (
    <section aria-labelledby={`${id}-heading`} className="opinion-part">
      <h4 id={`${id}-heading`}>
        <Trans>Released estimates</Trans>
      </h4>
      <p className="muted small">
        <Trans>Every counted panelist's final best estimate per claim, so anyone can recompute the aggregates. The opinion lists them in random order and names no seat; here they are sorted.</Trans>
      </p>
      <div className="opinion-options">
        <label>
          <input
            type="checkbox"
            checked={regions}
            onChange={(e) => onChange({ ...draft, choices: { ...draft.choices, regions: e.target.checked }, regionsWithheld: e.target.checked ? draft.regionsWithheld : null })}
            data-testid="opinion-regions"
          />{" "}
          <Trans>Release each estimate with its panelist's UN regional group</Trans>
        </label>
        {regions && (
          <span className="opinion-region-mark">
            <label>
              <input
                type="checkbox"
                checked={withheld !== null}
                onChange={(e) => onChange({ ...draft, regionsWithheld: e.target.checked ? "personal-data" : null })}
                data-testid="opinion-regions-withhold"
              />{" "}
              <Trans>The regions may be withheld</Trans>
            </label>{" "}
            <ReasonSelect label={t`Reason the regions may be withheld for`} value={withheld ?? "personal-data"} disabled={withheld === null} onChange={(r) => onChange({ ...draft, regionsWithheld: r })} testId="opinion-regions-reason" />
          </span>
        )}
      </div>
      <div className="table-scroll">
        <table className="opinion-table" data-testid="opinion-estimates-table">
          <thead>
            <tr>
              <th scope="col">
                <Trans context="column heading">Claim</Trans>
              </th>
              <th scope="col">
                <Trans context="column heading">Best estimates</Trans>
              </th>
            </tr>
          </thead>
          <tbody>
            {opinion.estimates.map((e) => (
              <tr key={e.claim} data-testid="opinion-estimates">
                <th scope="row">{statements.get(e.claim) ?? e.claim}</th>
                <td>
                  <ul className="estimate-list">
                    {[...e.values]
                      .sort((a, b) => a.value - b.value)
                      .map((v, j) => (
                        <li key={j}>
                          {percent(v.value)}
                          {v.region !== undefined && <span className="muted small"> {i18n._(UN_REGION_ABBREVIATION[v.region])}</span>}
                        </li>
                      ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
