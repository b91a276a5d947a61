import type { Issue } from "../validation/issues";
import type { RevisionProblem } from "./revision";

/** Why a scoresheet could not be saved, submitted or copied: values the interface words (renderer/i18n/problems/scoring.ts). */
export type ScoringError =
  /** No case of this id was received in a packet. */
  | { readonly kind: "case-not-received" }
  /** None of this vault's identities holds a seat on the case's roster. */
  | { readonly kind: "not-on-roster" }
  /** The packet was imported by a version that did not keep its manifest's digest and recipients: import it again. */
  | { readonly kind: "packet-too-old" }
  /** The roster names no chair, or the packet no secretariat to encrypt to. */
  | { readonly kind: "no-recipient"; readonly who: "chair" | "secretariat" }
  /** Answers still missing (the screen lists them). */
  | { readonly kind: "incomplete"; readonly gaps: number }
  | { readonly kind: "revision"; readonly problem: RevisionProblem }
  /** A revision after the deadline (until the chair reopens the round). */
  | { readonly kind: "past-deadline"; readonly deadline: string }
  | { readonly kind: "round-not-open"; readonly round: number }
  | { readonly kind: "no-such-revision"; readonly revision: number }
  | { readonly kind: "draft-invalid"; readonly issues: readonly Issue[] }
  /** What the vault holds for this case's scoresheets does not add up (a stored digest that does not match). */
  | { readonly kind: "history-damaged" };
