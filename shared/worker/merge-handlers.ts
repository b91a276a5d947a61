/**
 * The merge, on the chair's side (shared/merge): the cases this vault
 * chairs, importing scoresheets, the dashboard, the quorum. The identities
 * are loaded for the call only and wiped after. A refusal the chair can act
 * on (not the chair, case not received, a store that does not add up)
 * comes back as a value in the answer; a vault failure is the worker's
 * refusal, like everywhere else.
 */
import { loadReceivedCases } from "../case/case-records";
import { chairHolding, chairIdentity, dashboardOf, loadDashboard, recordQuorum } from "../merge/chair-case";
import type { Dashboard } from "../merge/dashboard";
import { importInto, type IncomingFile } from "../merge/import-scoresheets";
import type { MergeError } from "../merge/merge-error";
import { ok, type Result } from "../result";
import { OPEN_ROUND } from "../scoring/scoresheet";
import { withIdentities } from "./case-kit";
import type { ChairedCase, DashboardAnswer, MergeHandlers, MergeImport } from "./contracts/chair";
import type { WorkerError } from "./contracts/envelope";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

/** A merge failure as the answer's value, or (a vault failure) as the worker's refusal. */
const mergeRefused = (e: MergeError): Result<{ readonly outcome: "refused"; readonly error: MergeError }, WorkerError> => (e.kind === "vault-failed" ? refused(e.error) : ok({ outcome: "refused", error: e }));

const answer = (r: Result<Dashboard, MergeError>): Result<DashboardAnswer, WorkerError> => (r.ok ? ok({ outcome: "dashboard", dashboard: r.value }) : mergeRefused(r.error));

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

    "merge:dashboard": ({ caseId }) => withVault((v) => withIdentities(v, async (identities) => answer(await loadDashboard(v, caseId, identities, OPEN_ROUND, clock())))),

    "merge:import": ({ caseId, files }, context) =>
      withVault((v) =>
        withIdentities(v, async (identities): Promise<Result<MergeImport, WorkerError>> => {
          const incoming: IncomingFile[] = [];
          for (const f of files) incoming.push({ name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) });
          const holding = await chairHolding(v, caseId, identities);
          if (!holding.ok) return mergeRefused(holding.error);
          const imported = await importInto(v, holding.value, { caseId, files: incoming, now: clock, onProgress: context.progress });
          // The dashboard from what is in hand: the held scoresheets change only by the writes that succeeded.
          const dashboard = await dashboardOf(v, caseId, { received: holding.value.received, held: imported.held }, OPEN_ROUND, clock());
          if (!dashboard.ok) return mergeRefused(dashboard.error);
          return ok({ outcome: "imported", results: imported.results, dashboard: dashboard.value });
        }),
      ),

    "merge:declare-quorum": ({ caseId, round }) => withVault((v) => withIdentities(v, async (identities) => answer(await recordQuorum(v, caseId, identities, round, clock())))),
  };
}
