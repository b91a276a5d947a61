/**
 * The merge, on the chair's side (shared/merge): the cases this vault
 * chairs, importing scoresheets, the dashboard, the quorum, the statistics
 * of a round, and the Delphi rounds (opening the next, feedback packets, movement). The identities
 * are loaded for the call only and wiped after. A refusal the chair can act
 * on (not the chair, case not received, a store that does not add up)
 * comes back as a value in the answer; a vault failure is the worker's
 * refusal, like everywhere else.
 */
import { loadReceivedCases } from "../case/case-records";
import { chairHolding, chairIdentity, chairView, recordQuorum } from "../merge/chair-case";
import type { Dashboard } from "../merge/dashboard";
import { importInto, type IncomingFile } from "../merge/import-scoresheets";
import type { MergeError } from "../merge/merge-error";
import { statisticsOf, type PanelStatistics } from "../merge/statistics";
import { ok, type Result } from "../result";
import { movementOf } from "../merge/movement";
import { exportFeedback } from "../merge/round-export";
import { openRound, roundOverview, type RoundOverview } from "../merge/round-open";
import { withIdentities } from "./case-kit";
import type { ChairedCase, ChairViewAnswer, DashboardAnswer, FeedbackExport, MergeHandlers, MergeImport, MovementAnswer, RoundAnswer, StatisticsAnswer } from "./contracts/chair";
import type { WorkerError } from "./contracts/envelope";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

/** A merge failure as the answer's value, or (a vault failure) as the worker's refusal. */
/** A merge refusal as the chair's methods answer it; the vault's own failures stay worker errors. */
export const mergeRefused = (e: MergeError): Result<{ readonly outcome: "refused"; readonly error: MergeError }, WorkerError> => (e.kind === "vault-failed" ? refused(e.error) : ok({ outcome: "refused", error: e }));

const answer = (r: Result<Dashboard, MergeError>): Result<DashboardAnswer, WorkerError> => (r.ok ? ok({ outcome: "dashboard", dashboard: r.value }) : mergeRefused(r.error));
const roundAnswer = (r: Result<RoundOverview, MergeError>): Result<RoundAnswer, WorkerError> => (r.ok ? ok({ outcome: "round", state: r.value }) : mergeRefused(r.error));

/** Statistics as the answers carry them: a refusal the chair can act on ("nothing-submitted" while none is held) is a value. */
const statisticsAnswer = (r: Result<PanelStatistics, MergeError>): StatisticsAnswer => (r.ok ? { outcome: "statistics", statistics: r.value } : { outcome: "refused", error: r.error });

export function createMergeHandlers({ withVault, clock }: VaultAccess): MergeHandlers {
  return {
    "merge:cases": () =>
      withVault((v) =>
        withIdentities(v, async (identities) => {
          const received = await loadReceivedCases(v);
          if (!received.ok) return refused(received.error);
          const out: ChairedCase[] = [];
          for (const r of received.value) {
            const chair = chairIdentity(r, identities);
            if (chair) out.push({ caseId: r.case.id, title: r.case.title, deadline: r.deadline, chair: chair.seat.displayName });
          }
          return ok(out.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.title.localeCompare(b.title)));
        }),
      ),

    // The dashboard of the round the chair has open for the case.
    "merge:dashboard": ({ caseId }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<ChairViewAnswer, WorkerError>> => {
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const view = await chairView(v, holding.value, holding.value.held, clock());
          return view.ok ? ok({ outcome: "dashboard", dashboard: view.value.dashboard, statistics: statisticsAnswer(view.value.statistics) }) : mergeRefused(view.error);
        }),
      ),

    "merge:import": ({ caseId, files }, context) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<MergeImport, WorkerError>> => {
          const incoming: IncomingFile[] = [];
          for (const f of files) incoming.push({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) });
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const imported = await importInto(v, holding.value, { caseId, files: incoming, now: clock, onProgress: context.progress });
          // The view from what is in hand: the held scoresheets change only by the writes that succeeded.
          const view = await chairView(v, holding.value, imported.held, clock());
          return view.ok ? ok({ outcome: "imported", results: imported.results, dashboard: view.value.dashboard, statistics: statisticsAnswer(view.value.statistics) }) : mergeRefused(view.error);
        }),
      ),

    "merge:declare-quorum": ({ caseId, round }) => withVault((v) => withIdentities(v, async (identities) => answer(await recordQuorum(v, caseId, identities, round, clock())))),

    // The statistics of a round from one reading of the vault (the case and the scoresheets held); "nothing-submitted" for a round with none.
    "merge:statistics": ({ caseId, round }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<StatisticsAnswer, WorkerError>> => {
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const statistics = statisticsOf(holding.value.received, holding.value.held, round);
          return statistics.ok ? ok({ outcome: "statistics", statistics: statistics.value }) : mergeRefused(statistics.error);
        }),
      ),

    "merge:round": ({ caseId }) => withVault((v) => withIdentities(v, async (identities) => roundAnswer(await roundOverview(v, caseId, identities)))),

    "merge:open-round": ({ caseId, round, deadline, note }) =>
      withVault((v) =>
        withIdentities(v, async (identities) => {
          const opened = await openRound(v, { caseId, round, deadline, note, identities, now: clock() });
          return roundAnswer(opened.ok ? await roundOverview(v, caseId, identities) : opened);
        }),
      ),

    "merge:export-feedback": ({ caseId, seat }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<FeedbackExport, WorkerError>> => {
          const made = await exportFeedback(v, { caseId, seat, identities, now: clock() });
          if (!made.ok) return mergeRefused(made.error);
          const { fileName, bytes, sha256, round } = made.value;
          return ok({ outcome: "exported", file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, sha256, round });
        }),
      ),

    // The movement from round − 1 to round, over the final scoresheets of each the chair holds.
    "merge:movement": ({ caseId, round }) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<MovementAnswer, WorkerError>> => {
          if (round < 2) return ok({ outcome: "refused", error: { kind: "round-not-opened" } });
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const { received, held } = holding.value;
          const claims = received.case.claims.map((c) => ({ claim: c.id, statement: c.statement, catchAll: c.catchAll === true }));
          return ok({ outcome: "movement", movement: movementOf(received, held, round), claims });
        }),
      ),
  };
}
