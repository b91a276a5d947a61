/**
 * The chair imports scoresheet files, several at once. Each file is
 * decrypted with the identity that holds the case's chair seat (chosen by
 * the roster's fingerprint, never "the first identity"), opened
 * (scoresheet-file.ts: signature, digest, manifest), checked against the
 * packet the chair holds and the revisions already held
 * (check-incoming.ts), and, when accepted, stored encrypted in its own
 * transaction with one audit entry. A refused file changes nothing; the
 * other files of the batch go on. Files are checked in the order of their
 * revision per seat, so revisions 1 and 2 of a seat chosen together are
 * both accepted whatever order the files came in; the results keep the
 * order of the files.
 */
import { encodeRecipient } from "../formats/age/age";
import type { PersonalIdentity } from "../identity/identity";
import { ok, type Result } from "../result";
import { openScoresheet, type OpenedScoresheet } from "../scoring/scoresheet-file";
import type { UnlockedVault } from "../vault/unlocked-vault";
import type { AuditRequest } from "../vault/audit-log";
import type { VaultError } from "../vault/vault-error";
import { checkIncomingScoresheet, type HeldSheet } from "./check-incoming";
import { unreadableReason, type IncomingRefusal, type MergeError } from "./merge-error";
import { chairHolding, type ChairHolding } from "./chair-case";
import { heldChange } from "./merge-store";

export type IncomingFile = { readonly name: string; readonly bytes: Uint8Array };

export type FileResult = { readonly name: string } & (
  | { readonly outcome: "accepted"; readonly fingerprint: string; readonly revision: number }
  | { readonly outcome: "already-held"; readonly fingerprint: string; readonly revision: number }
  | { readonly outcome: "refused"; readonly refusal: IncomingRefusal }
  /** Checked and accepted, but the vault could not store it (nothing of it was stored). */
  | { readonly outcome: "failed"; readonly error: VaultError }
);

export type ImportInput = {
  readonly caseId: string;
  readonly files: readonly IncomingFile[];
  readonly now: () => Date;
  readonly onProgress?: (done: number, total: number) => void;
};

export async function importScoresheets(v: UnlockedVault, input: ImportInput & { readonly identities: readonly PersonalIdentity[] }): Promise<Result<FileResult[], MergeError>> {
  const holding = await chairHolding(v, input.caseId, input.identities);
  if (!holding.ok) return holding;
  return ok((await importInto(v, holding.value, input)).results);
}

/**
 * Imports `input.files` into what the chair holds of the case (`holding`,
 * from chairHolding): each file's result, in the order of the files, and
 * the scoresheets held after. Every scoresheet accepted is written in one
 * transaction at the end, with one audit entry each (a batch of 15 files
 * rewrote the held record 15 times before: quadratic in the panel's size);
 * when that write fails, every file it held is "failed" and nothing changed.
 */
export async function importInto(v: UnlockedVault, holding: ChairHolding, input: ImportInput): Promise<{ readonly results: FileResult[]; readonly held: readonly HeldSheet[] }> {
  // Only scoresheets of the round the chair has open for the case (round-open.ts).
  const round = holding.round;
  const { received, chair } = holding;
  let held = holding.held;

  const total = input.files.length * 2;
  let done = 0;
  const step = () => input.onProgress?.(++done, total);
  const key = { kind: "age", identity: chair.encryption.secretKey, myRecipient: encodeRecipient(chair.encryption.publicKey) } as const;
  const results: (FileResult | undefined)[] = input.files.map(() => undefined);
  const opened: { index: number; sheet: OpenedScoresheet }[] = [];
  const accepted: { index: number; entry: AuditRequest }[] = [];
  for (const [index, file] of input.files.entries()) {
    const o = await openScoresheet(file.bytes, key);
    if (o.ok) opened.push({ index, sheet: o.value });
    else {
      results[index] = { name: file.name, outcome: "refused", refusal: { kind: "unreadable", reason: unreadableReason(o.error) } };
      step();
    }
    step();
  }
  opened.sort((a, b) => a.sheet.sheet.revision - b.sheet.sheet.revision || a.index - b.index);
  for (const { index, sheet: o } of opened) {
    const name = (input.files[index] as IncomingFile).name;
    const verdict = checkIncomingScoresheet(o, received, held, round);
    step();
    if (!verdict.ok) {
      results[index] = { name, outcome: "refused", refusal: verdict.error };
      continue;
    }
    const { fingerprint, revision } = verdict.value;
    if (verdict.value.outcome === "already-held") {
      results[index] = { name, outcome: "already-held", fingerprint, revision };
      continue;
    }
    // Held from here on, so a later file of the batch is checked against it (revision 2 after revision 1, a fork).
    held = [...held, { sheet: o.sheet, sha256: o.sha256, receivedAt: input.now().toISOString() }];
    accepted.push({ index, entry: { event: "scoresheet-imported", detail: { case: input.caseId, round, seat: fingerprint, revision, sha256: o.sha256 } } });
    results[index] = { name, outcome: "accepted", fingerprint, revision };
  }
  if (accepted.length === 0) return { results: results.map((r) => r as FileResult), held };

  const change = heldChange(v, received.case.id, held);
  const written = change.ok ? await v.write({ put: [change.value] }, accepted.map((a) => a.entry)) : change;
  if (!written.ok) {
    for (const { index } of accepted) results[index] = { name: (input.files[index] as IncomingFile).name, outcome: "failed", error: written.error };
    return { results: results.map((r) => r as FileResult), held: holding.held };
  }
  return { results: results.map((r) => r as FileResult), held };
}
