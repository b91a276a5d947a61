import { Trans, useLingui } from "@lingui/react/macro";
import type { Dashboard, DashboardSeat } from "../../../shared/merge/dashboard";
import { Timestamp } from "../../components/case/format";
import { formatNumber } from "../../i18n/format";
import { PANEL_ROLE_LABEL, regionName } from "../../i18n/vocabulary";

/** Every seat of the roster, the chair's included, with what the chair holds from it. */
export function SeatTable({ dashboard }: { dashboard: Dashboard }) {
  const { i18n } = useLingui();
  return (
    <div className="table-scroll">
      <table className="seats" data-testid="seat-table">
        <caption className="visually-hidden">
          <Trans>The scoresheets held from each seat of the panel</Trans>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Trans context="column heading: a person's name">Name</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: UN regional group">Region</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: role on the panel">Role</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: whether a scoresheet was received">Status</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: the scoresheet's revision number">Revision</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: when the panelist signed the scoresheet">Signed</Trans>
            </th>
            <th scope="col">
              <Trans context="column heading: when the chair imported the scoresheet">Received</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {dashboard.seats.map((seat) => (
            <tr key={seat.fingerprint} data-testid="seat-row" data-status={seat.status}>
              <th scope="row">{seat.displayName}</th>
              <td>{regionName(i18n, seat.region)}</td>
              <td>{i18n._(PANEL_ROLE_LABEL[seat.role])}</td>
              <td>
                <SeatStatusText seat={seat} />
              </td>
              <td>{seat.status === "missing" ? "" : formatNumber(seat.revision)}</td>
              <td>{seat.status === "missing" ? "" : <Timestamp iso={seat.signedAt} />}</td>
              <td>{seat.status === "missing" ? "" : <Timestamp iso={seat.receivedAt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SeatStatusText({ seat }: { seat: DashboardSeat }) {
  if (seat.status !== "missing" && seat.earlierVersion) {
    return (
      <>
        <SeatStatusWord seat={seat} />{" "}
        <span className="seat-status earlier-version" data-testid="earlier-version">
          <Trans>On an earlier version of the case</Trans>
        </span>
      </>
    );
  }
  return <SeatStatusWord seat={seat} />;
}

function SeatStatusWord({ seat }: { seat: DashboardSeat }) {
  switch (seat.status) {
    case "submitted":
      return (
        <span className="seat-status submitted">
          <Trans context="a seat's scoresheet status">Submitted</Trans>
        </span>
      );
    case "late":
      return (
        <span className="seat-status late">
          {seat.late === "signed" ? <Trans>Late: signed after the deadline</Trans> : <Trans>Late: received after the deadline</Trans>}
        </span>
      );
    case "missing":
      return (
        <span className="seat-status missing">
          <Trans context="a seat's scoresheet status">Missing</Trans>
        </span>
      );
  }
}
