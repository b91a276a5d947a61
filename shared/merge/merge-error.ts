/**
 * Why the chair's app refuses a scoresheet file, or cannot show a case's
 * dashboard: values the interface words (renderer/i18n/problems/merge.ts).
 * A refused file changes nothing in the vault.
 */
import { unreadableArchive } from "../formats/signed-archive";
import { err, type Err } from "../result";
import type { RevisionProblem } from "../scoring/revision";
import type { ScoresheetFileError } from "../scoring/scoresheet-file";
import type { VaultError } from "../vault/vault-error";

export type IncomingRefusal =
  /** The file does not open as a scoresheet for this chair (unreadableReason says why, in the terms the chair can act on). */
  | { readonly kind: "unreadable"; readonly reason: UnreadableReason }
  /** Signed by a key that holds no seat on the roster of the packet the chair holds (or whose key is not the roster card's). */
  | { readonly kind: "not-on-panel"; readonly fingerprint: string }
  /** The scoresheet answers another case. */
  | { readonly kind: "other-case"; readonly caseId: string }
  /**
   * The scoresheet answers another version of the case than the chair holds (its packet's content differs), or,
   * for the chair's own seat (`own`), another packet than the one the chair holds (see check-incoming.ts).
   */
  | { readonly kind: "other-packet"; readonly own: boolean }
  /** A round the chair has not opened. */
  | { readonly kind: "round-not-open"; readonly round: number; readonly open: number }
  /** The seat the scoresheet names is not the signer's seat as the roster lists it (its role differs). */
  | { readonly kind: "wrong-seat" }
  /** Answers another rubric (or another revision of it) than the packet's. */
  | { readonly kind: "other-rubric"; readonly rubricId: string; readonly revision: number }
  /** A submitted scoresheet must answer every question of the rubric. */
  | { readonly kind: "incomplete"; readonly gaps: number }
  /** An older revision than (or the same number as, with the same bytes handled as "already held") the latest held: `held` is the latest held. */
  | { readonly kind: "replayed"; readonly revision: number; readonly held: number }
  /** A fork of the revision chain: the same revision number with other bytes, or a revision naming a predecessor the chair does not hold. */
  | { readonly kind: "fork"; readonly revision: number }
  /** Revisions are missing between the latest held (`held`, 0 for none) and this one: ask the panelist for revisions held + 1 to revision − 1. */
  | { readonly kind: "gap"; readonly revision: number; readonly held: number }
  /** A next revision that breaks the chain's other rules (a reason missing for a changed answer, nothing changed, the subject changed). */
  | { readonly kind: "invalid-revision"; readonly problem: RevisionProblem }
  /** The chair's packet was imported by a version that did not keep its digests: import the same packet again. */
  | { readonly kind: "packet-too-old" }
  /**
   * A member's scoresheet signed by a version of the app before scoresheet version 2: it names only the member's own
   * packet, which the chair cannot check, not the content of the case it scored.
   */
  | { readonly kind: "case-version-unnamed" }
  /**
   * The first scoresheet of round n ≥ 2 names another scoresheet of round n − 1 than the seat's final one the chair
   * holds (`held`: false when the chair holds none of that seat in round n − 1).
   */
  | { readonly kind: "other-previous-round"; readonly round: number; readonly held: boolean };

export const UNREADABLE_REASONS = ["not-encrypted", "not-addressed-to-you", "not-a-scoresheet", "newer-version", "damaged", "tampered", "invalid-scoresheet", "cancelled"] as const;
/**
 * Why a file did not open as a scoresheet: not an age file (a plain signed
 * copy, say); encrypted to other people; another kind of file; written by a
 * newer app; cut short or in an archive form the app does not read; altered
 * (a signature, digest or manifest that does not hold, or signed by another
 * key than the seat it names); validly signed but not a valid scoresheet.
 */
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

export function unreadableReason(e: ScoresheetFileError): UnreadableReason {
  if (e.kind !== "invalid-content") return unreadableArchive(e, "not-a-scoresheet");
  switch (e.reason) {
    case "wrong-files":
    case "not-json":
      return "not-a-scoresheet";
    case "file-too-large":
      return "damaged";
    case "scoresheet-invalid":
      return "invalid-scoresheet";
    case "manifest-mismatch":
    case "not-signed-by-seat":
      return "tampered";
  }
}

export type MergeError =
  /** No case of this id was received in a packet. */
  | { readonly kind: "case-not-received" }
  /** None of this vault's identities holds the chair seat of the case. */
  | { readonly kind: "not-chair" }
  /** What the vault holds for this case's imported scoresheets does not add up (a stored digest that does not match). */
  | { readonly kind: "store-damaged" }
  /** A quorum needs at least one scoresheet. */
  | { readonly kind: "nothing-submitted" }
  /** A round may be opened only once a quorum is declared for the round before (`round`). */
  | { readonly kind: "no-quorum"; readonly round: number }
  /** That round (or a later one: `round` is the one open) is already open. */
  | { readonly kind: "round-already-open"; readonly round: number }
  /** Only the round after the open one (`open`) may be opened, up to the last round there may be. */
  | { readonly kind: "round-not-next"; readonly open: number }
  /** A round's deadline must be later than now. */
  | { readonly kind: "deadline-in-past" }
  /** Feedback packets go out once a round after the first is open. */
  | { readonly kind: "round-not-opened" }
  /** A feedback packet goes to a seat that submitted a scoresheet in the round before (`round`); this one did not, or is not on the roster. */
  | { readonly kind: "seat-not-submitted"; readonly round: number }
  | { readonly kind: "vault-failed"; readonly error: VaultError };

/** A vault failure as a merge error. */
export const vaultFailed = (error: VaultError): Err<MergeError> => err({ kind: "vault-failed", error });
