/**
 * The merge, on the chair's side (shared/merge): the cases this vault
 * chairs, importing scoresheets, the dashboard, the quorum. The identities
 * are loaded for the call only and wiped after. A refusal the chair can act
 * on (not the chair, case not received, a store that does not add up)
 * comes back as a value in the answer; a vault failure is the worker's
 * refusal, like everywhere else.
 */
import { ReceivedCaseRecord } from "../case/records/received-case.record";
import { chairSeat } from "../case/case-records";
import { chairs, loadDashboard, recordQuorum } from "../merge/chair-case";
import type { Dashboard } from "../merge/dashboard";
import { importScoresheets, OPEN_ROUND, type IncomingFile } from "../merge/import-scoresheets";
import type { MergeError } from "../merge/merge-error";
import { ok, type Result } from "../result";
import { withIdentities } from "./case-kit";
import type { ChairedCase, DashboardAnswer, MergeHandlers, MergeImport } from "./contracts/chair";
import type { WorkerError } from "./contracts/envelope";
import { refused } from "./refusal";
import type { VaultAccess } from "./vault-session";

/** A merge failure as the answer's value, or (a vault failure) as the worker's refusal. */
const answer = (r: Result<Dashboard, MergeError>): Result<DashboardAnswer, WorkerError> =>
  r.ok ? ok({ outcome: "dashboard", dashboard: r.value }) : r.error.kind === "vault-failed" ? refused(r.error.error) : ok({ outcome: "refused", error: r.error });

export function createMergeHandlers({ withVault, clock }: VaultAccess): MergeHandlers {
  return {
    "merge:cases": () =>
      withVault((v) =>
        withIdentities(v, async (identities) => {
          const ids = await ReceivedCaseRecord.list(v);
          if (!ids.ok) return refused(ids.error);
          const out: ChairedCase[] = [];
          for (const id of ids.value) {
            const r = await ReceivedCaseRecord.get(v, id);
            if (!r.ok) return refused(r.error);
            if (chairs(r.value, identities)) out.push({ caseId: r.value.case.id, title: r.value.case.title, deadline: r.value.deadline, chair: chairSeat(r.value.roster)?.displayName ?? "" });
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
          const imported = await importScoresheets(v, { caseId, files: incoming, identities, now: clock, onProgress: context.progress });
          if (!imported.ok) return imported.error.kind === "vault-failed" ? refused(imported.error.error) : ok({ outcome: "refused", error: imported.error });
          const dashboard = await loadDashboard(v, caseId, identities, OPEN_ROUND, clock());
          if (!dashboard.ok) return dashboard.error.kind === "vault-failed" ? refused(dashboard.error.error) : ok({ outcome: "refused", error: dashboard.error });
          return ok({ outcome: "imported", results: imported.value, dashboard: dashboard.value });
        }),
      ),

    "merge:declare-quorum": ({ caseId, round }) => withVault((v) => withIdentities(v, async (identities) => answer(await recordQuorum(v, caseId, identities, round, clock())))),
  };
}
