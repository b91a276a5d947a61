/**
 * The chair's merge, stage by stage, for the merge benchmark (merge.bench.ts
 * in Node, merge-worker.ts in Chromium): the same shared code the
 * import runs (shared/merge/import-scoresheets.ts), called one stage at a
 * time over all the files so each stage can be timed:
 *   decrypt     age (X25519) with the chair's key: the ustar archive
 *   verify      the archive read as the signed copy: SSHSIG over the manifest,
 *               every file's size and SHA-256, the scoresheet's schema
 *   check       what the chair holds loaded (the case, its roster, the
 *               scoresheets held: chairHolding), then each file checked against
 *               the roster, case, round, rubric, completeness and revision
 *               chain (check-incoming.ts)
 *   store       the accepted scoresheets written as the import writes them:
 *               the held record once, one audit entry per file, one write
 *   statistics  every statistic of the chair's view (statisticsOf in
 *               shared/merge/statistics.ts: per claim n, median, IQR, pools,
 *               ranges, disagreement, regional medians, strip, dissenters,
 *               distributions; the alphas; the group ACH matrix)
 * and, for the total, the merge as the app's worker runs it (wholeMerge).
 * Pure TypeScript over shared/: no Node, no DOM.
 */
import type { ReceivedCase } from "../../shared/case/case-records";
import { readAllBytes } from "../../shared/encoding/bytes";
import { decryptStream } from "../../shared/formats/age/age";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { chairHolding, chairView } from "../../shared/merge/chair-case";
import { checkIncomingScoresheet, type HeldSheet } from "../../shared/merge/check-incoming";
import { importInto, type FileResult, type IncomingFile } from "../../shared/merge/import-scoresheets";
import { heldChange } from "../../shared/merge/merge-store";
import type { AuditRequest } from "../../shared/vault/audit-log";
import { statisticsOf, type PanelStatistics } from "../../shared/merge/statistics";
import { openScoresheet, type OpenedScoresheet } from "../../shared/scoring/scoresheet-file";
import type { UnlockedVault } from "../../shared/vault/unlocked-vault";

export const STAGES = ["decrypt", "verify", "check", "store", "statistics"] as const;
export type Stage = (typeof STAGES)[number];
export type StageTimes = Readonly<Record<Stage, number>>;

/** Every statistic of the chair's view of `round` (shared/merge/statistics.ts, as the worker's `merge:statistics` computes it). */
export function chairStatistics(received: ReceivedCase, held: readonly HeldSheet[], round: number): PanelStatistics {
  const statistics = statisticsOf(received, held, round);
  if (!statistics.ok) throw new Error(`no statistics: ${JSON.stringify(statistics.error)}`);
  return statistics.value;
}

export type StagedRun = { readonly times: StageTimes; readonly accepted: number; readonly held: readonly HeldSheet[]; readonly statistics: PanelStatistics };

/**
 * The import of `files` into what the chair holds of case `caseId`, one stage at a time over all the
 * files, each stage timed; throws on any refusal, since the benchmark's
 * files are all valid (a refusal would time the wrong path).
 */
export async function stagedMerge(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], files: readonly IncomingFile[], now: () => Date): Promise<StagedRun> {
  let t = performance.now();
  const lap = () => {
    const at = performance.now();
    const ms = at - t;
    t = at;
    return ms;
  };

  const holding = await chairHolding(v, caseId, identities);
  if (!holding.ok) throw new Error(`the chair's holding: ${JSON.stringify(holding.error)}`);
  const { received, chair, round } = holding.value;
  const loading = lap();

  const plain: Uint8Array[] = [];
  // Each file as one chunk, as unpackJsonArchive hands it to the reader (not through a Blob).
  const streamOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  for (const f of files) plain.push(await readAllBytes(streamOf(f.bytes).pipeThrough(decryptStream([{ kind: "x25519", secretKey: chair.encryption.secretKey }], { armor: false }))));
  const decrypt = lap();

  const opened: OpenedScoresheet[] = [];
  for (const [i, bytes] of plain.entries()) {
    const o = await openScoresheet(bytes, { kind: "plain" });
    if (!o.ok) throw new Error(`${files[i]?.name}: refused on opening: ${JSON.stringify(o.error)}`);
    opened.push(o.value);
  }
  const verify = lap();

  // Checked in turn, as the import does (each check sees the files accepted before it), then stored in one write with
  // one audit entry per file, as importInto does; timed apart.
  let held = holding.value.held;
  const entries: AuditRequest[] = [];
  for (const [i, o] of opened.entries()) {
    const verdict = checkIncomingScoresheet(o, received, held, round);
    if (!verdict.ok || verdict.value.outcome !== "accepted") throw new Error(`${files[i]?.name}: not accepted: ${JSON.stringify(verdict)}`);
    held = [...held, { sheet: o.sheet, sha256: o.sha256, receivedAt: now().toISOString() }];
    entries.push({ event: "scoresheet-imported", detail: { case: received.case.id, round, seat: verdict.value.fingerprint, revision: verdict.value.revision, sha256: o.sha256 } });
  }
  const check = loading + lap();
  const change = heldChange(v, received.case.id, held);
  if (!change.ok) throw new Error(`storing: ${JSON.stringify(change.error)}`);
  const written = await v.write({ put: [change.value] }, entries);
  if (!written.ok) throw new Error(`storing: ${JSON.stringify(written.error)}`);
  const store = lap();

  const statistics = chairStatistics(received, held, round);
  const stats = lap();
  if (statistics.counted !== files.length) throw new Error(`the statistics counted ${statistics.counted} scoresheets, not ${files.length}`);
  return { times: { decrypt, verify, check, store, statistics: stats }, accepted: opened.length, held, statistics };
}

/**
 * The merge as the app's worker runs it, minus the messages: `merge:import`
 * (what the chair holds loaded, importInto with every stage per file, then
 * the dashboard and the statistics of the round from the scoresheets in
 * hand, chairView). The total, and the import's results.
 */
export async function wholeMerge(v: UnlockedVault, caseId: string, identities: readonly PersonalIdentity[], files: readonly IncomingFile[], now: () => Date): Promise<{ readonly ms: number; readonly results: readonly FileResult[] }> {
  const started = performance.now();
  const holding = await chairHolding(v, caseId, identities);
  if (!holding.ok) throw new Error(`the chair's holding: ${JSON.stringify(holding.error)}`);
  const imported = await importInto(v, holding.value, { caseId, files, now });
  const view = await chairView(v, holding.value, imported.held, now());
  if (!view.ok || !view.value.statistics.ok) throw new Error(`the chair's view: ${JSON.stringify(view)}`);
  const { dashboard } = view.value;
  const statistics = view.value.statistics.value;
  const ms = performance.now() - started;
  const refused = imported.results.filter((r) => r.outcome !== "accepted");
  if (refused.length > 0 || statistics.counted !== files.length || dashboard.counts.submitted !== files.length) throw new Error(`the import did not accept every file: ${JSON.stringify(refused)}`);
  return { ms, results: imported.results };
}
