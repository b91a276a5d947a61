/**
 * The chair's dashboard of one case and round: every seat of the roster
 * (the chair's own included), in the roster's order, with what the chair
 * holds from it, and the count; and the quorum the chair declared, if any.
 *
 * "Late", as defined here: a seat whose latest revision was signed after
 * the packet's deadline (an honest app does not sign a revision after it,
 * so this says the panelist's clock or app was not honest), or was received
 * by the chair (imported here) after the deadline. The first reason found
 * is given, "signed" before "received". A seat with nothing held is
 * "missing", whether or not the deadline has passed (`overdue` says so).
 *
 * "On an earlier version": the seat's latest revision was made on a packet
 * whose content differs from the one the chair holds now (the secretariat
 * sent a new version of the case since; the panelist signs a revision on
 * it). A version 1 scoresheet names no content, so it is never flagged.
 */
import type { ReceivedCase } from "../case/case-records";
import { chainOf, type HeldSheet } from "./check-incoming";

type HeldStatus = { readonly revision: number; readonly signedAt: string; readonly receivedAt: string; readonly sha256: string; readonly earlierVersion: boolean };
export type SeatStatus = ({ readonly status: "submitted" } & HeldStatus) | ({ readonly status: "late"; readonly late: "signed" | "received" } & HeldStatus)
  | { readonly status: "missing" };

export type DashboardSeat = { readonly fingerprint: string; readonly displayName: string; readonly region: string; readonly role: "chair" | "member" } & SeatStatus;

/** The chair's declaration that the panel has a quorum: when, and with how many of how many seats. */
export type QuorumDeclaration = { readonly round: number; readonly declaredAt: string; readonly submitted: number; readonly seats: number; readonly fingerprints: readonly string[] };

export type Dashboard = {
  readonly caseId: string;
  readonly title: string;
  readonly round: number;
  readonly deadline: string;
  /** The deadline has passed at `now`. */
  readonly overdue: boolean;
  readonly seats: readonly DashboardSeat[];
  readonly counts: { readonly seats: number; readonly submitted: number; readonly late: number; readonly missing: number };
  readonly quorum: QuorumDeclaration | null;
};

/** `content`: the digest of the content of the packet the chair holds (undefined: not kept, nothing flagged). */
export function seatStatus(chain: readonly HeldSheet[], deadline: string, content?: string): SeatStatus {
  const latest = chain.at(-1);
  if (!latest) return { status: "missing" };
  const due = Date.parse(deadline);
  const named = latest.sheet.packetContent;
  const earlierVersion = content !== undefined && named !== undefined && named !== content;
  const base = { revision: latest.sheet.revision, signedAt: latest.sheet.signedAt, receivedAt: latest.receivedAt, sha256: latest.sha256, earlierVersion };
  if (Date.parse(latest.sheet.signedAt) > due) return { status: "late", late: "signed", ...base };
  if (Date.parse(latest.receivedAt) > due) return { status: "late", late: "received", ...base };
  return { status: "submitted", ...base };
}

/** `deadline`: the round's (round 1: the case packet's; a later round: the one the chair set on opening it). */
export function chairDashboard(received: ReceivedCase, held: readonly HeldSheet[], round: number, quorum: QuorumDeclaration | null, now: Date, deadline: string = received.deadline): Dashboard {
  const seats = received.roster.map((p): DashboardSeat => ({ fingerprint: p.fingerprint, displayName: p.displayName, region: p.region, role: p.role, ...seatStatus(chainOf(held, p.fingerprint, round), deadline, received.packet.contentSha256) }));
  const count = (s: SeatStatus["status"]) => seats.filter((x) => x.status === s).length;
  const late = count("late");
  return {
    caseId: received.case.id,
    title: received.case.title,
    round,
    deadline,
    overdue: now.getTime() > Date.parse(deadline),
    seats,
    counts: { seats: seats.length, submitted: count("submitted") + late, late, missing: count("missing") },
    quorum: quorum?.round === round ? quorum : null,
  };
}

/** The declaration the chair makes now: the seats that have submitted (late ones included) out of all seats. */
export function declareQuorum(dashboard: Dashboard, now: Date): QuorumDeclaration {
  const fingerprints = dashboard.seats.filter((s) => s.status !== "missing").map((s) => s.fingerprint);
  return { round: dashboard.round, declaredAt: now.toISOString(), submitted: fingerprints.length, seats: dashboard.counts.seats, fingerprints };
}
