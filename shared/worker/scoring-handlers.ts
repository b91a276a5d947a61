/**
 * Scoring, on the panelist's side (shared/scoring): open, autosave, sign and
 * seal, copy; import and read the chair's feedback packets, which open the
 * later Delphi rounds. The identities are loaded for signing and decrypting
 * only and wiped after.
 */
import { loadReceivedCase, packetLacksDigests, type ReceivedCase } from "../case/case-records";
import { ok, type Result } from "../result";
import { loadHistory, loadScoreDraft, draftChange, historyChange, newDraft } from "../scoring/scoring-store";
import type { ScoringError } from "../scoring/scoring-error";
import { checkFeedback, loadFeedback, openRoundOf } from "../scoring/feedback-import";
import { ownCopy, seatOf, submitScoresheet } from "../scoring/submit";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { VaultError } from "../vault/vault-error";
import { withIdentities } from "./case-kit";
import type { WorkerError } from "./contracts/envelope";
import type { FeedbackImport, ScoringHandlers } from "./contracts/scoring";
import { refused, refusedWith } from "./refusal";
import type { VaultAccess } from "./vault-session";

const scoringRefused = (e: ScoringError): Result<never, WorkerError> => refusedWith({ kind: "scoring", error: e });
/** A failure of the scoring store: its own damage, or the vault's. */
const storeRefused = (e: VaultError | { readonly kind: "history-damaged" }): Result<never, WorkerError> => (e.kind === "history-damaged" ? scoringRefused({ kind: "history-damaged" }) : refused(e));

async function loadReceived(v: UnlockedVault, caseId: string): Promise<Result<ReceivedCase, WorkerError>> {
  // Received cases are stored under a keyed id of the case id (case-records.ts); "missing": never received.
  const r = await loadReceivedCase(v, caseId);
  if (!r.ok && r.error.kind === "missing") return scoringRefused({ kind: "case-not-received" });
  return r.ok ? r : refused(r.error);
}

export function createScoringHandlers({ withVault, clock }: VaultAccess): ScoringHandlers {
  return {
    "scoring:open": ({ caseId }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const history = await loadHistory(v, caseId);
        if (!history.ok) return storeRefused(history.error);
        const feedback = await loadFeedback(v, caseId);
        if (!feedback.ok) return refused(feedback.error);
        const round = openRoundOf(feedback.value);
        const draft = await loadScoreDraft(v, caseId, round);
        if (!draft.ok) return refused(draft.error);
        return withIdentities(v, async (identities) => {
          const seat = seatOf(received.value, identities);
          const r = received.value;
          return ok({
            caseId,
            received: r,
            round,
            seat: seat ? { fingerprint: seat.fingerprint, role: seat.role, displayName: seat.displayName } : null,
            packetTooOld: packetLacksDigests(r.packet),
            draft: draft.value ? { answers: draft.value.answers, reasons: draft.value.reasons, savedAt: draft.value.savedAt } : null,
            sent: history.value,
            feedbackRounds: feedback.value.map((f) => f.round),
          });
        });
      }),

    "scoring:save-draft": ({ caseId, round, answers, reasons }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const feedback = await loadFeedback(v, caseId);
        if (!feedback.ok) return refused(feedback.error);
        if (round !== openRoundOf(feedback.value)) return scoringRefused({ kind: "round-not-open", round });
        const now = clock();
        const change = draftChange(v, newDraft(received.value.case.id, round, answers, reasons, now));
        if (!change.ok) return refused(change.error);
        const written = await v.write({ put: [change.value] });
        return written.ok ? ok({ savedAt: now.toISOString() }) : refused(written.error);
      }),

    "scoring:submit": ({ caseId, round, answers, reasons }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const history = await loadHistory(v, caseId);
        if (!history.ok) return storeRefused(history.error);
        const feedback = await loadFeedback(v, caseId);
        if (!feedback.ok) return refused(feedback.error);
        return withIdentities(v, async (identities) => {
          const now = clock();
          const openRound = openRoundOf(feedback.value);
          const submitted = await submitScoresheet({ received: received.value, identities, history: history.value, round, openRound, answers, reasons, now });
          if (!submitted.ok) return scoringRefused(submitted.error);
          const { sheet, sha256, bytes, fileName } = submitted.value;
          const entry = { sheet, sha256, fileName };
          const record = historyChange(v, received.value.case.id, [...history.value, entry]);
          // The draft goes on from what was signed, its reasons spent.
          const draft = draftChange(v, newDraft(received.value.case.id, round, answers, [], now));
          if (!record.ok) return refused(record.error);
          if (!draft.ok) return refused(draft.error);
          const written = await v.write({ put: [record.value, draft.value] }, { event: "scoresheet-signed", detail: { case: caseId, round, revision: sheet.revision, sha256 } });
          if (!written.ok) return refused(written.error);
          return ok({ file: { fileName, mediaType: "application/octet-stream", blob: new Blob([bytes as Uint8Array<ArrayBuffer>]) }, sent: entry });
        });
      }),

    "scoring:own-copy": ({ caseId, round, revision }) =>
      withVault(async (v) => {
        const history = await loadHistory(v, caseId);
        if (!history.ok) return storeRefused(history.error);
        const sent = history.value.find((s) => s.sheet.round === round && s.sheet.revision === revision);
        if (!sent) return scoringRefused({ kind: "no-such-revision", revision });
        return withIdentities(v, async (identities) => {
          const copy = await ownCopy(sent, identities);
          if (!copy.ok) return scoringRefused(copy.error);
          const audited = await v.audit("scoresheet-copied", { case: caseId, round, revision, sha256: sent.sha256 });
          if (!audited.ok) return refused(audited.error);
          return ok({ fileName: copy.value.fileName, mediaType: "application/x-tar", blob: new Blob([copy.value.bytes as Uint8Array<ArrayBuffer>]) });
        });
      }),

    // A refusal the panelist can act on comes back as a value (nothing stored); a vault failure is the worker's refusal.
    "scoring:import-feedback": ({ caseId, file }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const bytes = new Uint8Array(await file.arrayBuffer());
        return withIdentities(v, async (identities): Promise<Result<FeedbackImport, WorkerError>> => {
          const checked = await checkFeedback(v, { received: received.value, identities, bytes, now: clock() });
          if (!checked.ok) return checked.error.kind === "vault-failed" ? refused(checked.error.error) : ok({ outcome: "refused", refusal: checked.error });
          const { outcome, round, record, change } = checked.value;
          if (change) {
            const written = await v.write({ put: [change] }, { event: "feedback-imported", detail: { case: caseId, round, sha256: record.sha256, replaced: outcome === "replaced" } });
            if (!written.ok) return refused(written.error);
          }
          return ok({ outcome, round });
        });
      }),

    "scoring:feedback": ({ caseId }) =>
      withVault(async (v) => {
        const received = await loadReceived(v, caseId);
        if (!received.ok) return received;
        const feedback = await loadFeedback(v, caseId);
        return feedback.ok ? feedback : refused(feedback.error);
      }),
  };
}

