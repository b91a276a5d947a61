/**
 * Signing a scoresheet: from the received case, the panelist's identities,
 * the answers and the history of what was already signed, build the next
 * scoresheet of the round, check it (complete, a valid revision, before the
 * deadline for a revision), sign it with the identity that holds the seat
 * (chosen by the roster's fingerprint), and seal it to the chair and the
 * secretariat the packet names. Writing it to the vault is the caller's
 * (one transaction with the history and the draft).
 */
import { parseRecipient, encodeRecipient } from "../formats/age/age";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { importIdentityCard } from "../identity/identity-card";
import type { ReceivedCase } from "../case/case-records";
import { err, ok, type Result } from "../result";
import { reviewAnswers, type ScoringContext } from "./completeness";
import { checkRevision } from "./revision";
import { SCORESHEET_FORMAT, SCORESHEET_VERSION, type Answers, type ChangeReason, type Scoresheet, type SeatId } from "./scoresheet";
import { scoresheetDigest, scoresheetFileName, sealScoresheet } from "./scoresheet-file";
import type { ScoringError } from "./scoring-error";
import { baseOf, type DraftReason, type SentScoresheet } from "./scoring-store";
import { changedAnswers } from "./answers";

/** The case as the scoring rules see it. */
export const scoringContextOf = (received: ReceivedCase): ScoringContext => ({ claims: received.case.claims, evidence: received.case.evidence, rubric: received.rubric });

export type Seat = { readonly identity: PersonalIdentity; readonly fingerprint: SeatId; readonly role: "chair" | "member"; readonly displayName: string };

/** The identity of this vault that holds a seat on the case's roster (the roster's order decides if several do). */
export function seatOf(received: ReceivedCase, identities: readonly PersonalIdentity[]): Seat | undefined {
  for (const person of received.roster) {
    const identity = identities.find((i) => sshFingerprint(i.signing.publicKey) === person.fingerprint);
    if (identity) return { identity, fingerprint: person.fingerprint, role: person.role, displayName: person.displayName };
  }
  return undefined;
}

/** The X25519 keys a scoresheet is sealed to: the chair's (from its roster card) and the secretariat's (the packet's other recipients). */
export function scoresheetRecipients(received: ReceivedCase, me: PersonalIdentity): Result<Uint8Array[], ScoringError> {
  const chair = received.roster.find((p) => p.role === "chair");
  const card = chair ? importIdentityCard(chair.cardFile) : undefined;
  const chairKey = card?.ok ? parseRecipient(card.value.ageRecipient) : undefined;
  if (!chairKey?.ok) return err({ kind: "no-recipient", who: "chair" });
  const recipients = received.packet.recipients;
  if (recipients === undefined) return err({ kind: "packet-too-old" });
  const mine = encodeRecipient(me.encryption.publicKey);
  const secretariat: Uint8Array[] = [];
  for (const r of recipients.filter((text) => text !== mine)) {
    const key = parseRecipient(r);
    if (!key.ok) return err({ kind: "no-recipient", who: "secretariat" });
    secretariat.push(key.value);
  }
  if (secretariat.length === 0) return err({ kind: "no-recipient", who: "secretariat" });
  const keys = [chairKey.value, ...secretariat];
  // When the secretariat also chairs (or one key appears twice), each key once.
  const unique = new Map(keys.map((k) => [encodeRecipient(k), k]));
  return ok([...unique.values()]);
}

export type Submission = { readonly sheet: Scoresheet; readonly sha256: string; readonly bytes: Uint8Array; readonly fileName: string };

/**
 * The next scoresheet of `round`, signed and sealed; refused when `round` is
 * not the open one, when the answers are incomplete, when a revision lacks a
 * reason per changed answer or changes nothing, or when a revision of the
 * same round comes after that round's deadline. The first scoresheet of round
 * n ≥ 2 revises the final one of round n − 1 (revision.ts) and may keep every
 * answer.
 */
export async function submitScoresheet(input: {
  readonly received: ReceivedCase;
  readonly identities: readonly PersonalIdentity[];
  readonly history: readonly SentScoresheet[];
  readonly round: number;
  /** The round open for this panelist: n once they imported a valid feedback packet opening round n; 1 (the default) before. */
  readonly openRound?: number;
  /** The deadline of rounds after the first, when their feedback packet gives one (round 1's is the case packet's). */
  readonly roundDeadline?: string;
  readonly answers: Answers;
  readonly reasons: readonly DraftReason[];
  readonly now: Date;
}): Promise<Result<Submission, ScoringError>> {
  const { received, round, answers, now } = input;
  if (round !== (input.openRound ?? 1)) return err({ kind: "round-not-open", round });
  const seat = seatOf(received, input.identities);
  if (!seat) return err({ kind: "not-on-roster" });
  const { manifestSha256: manifest, contentSha256: content } = received.packet;
  if (manifest === undefined || content === undefined) return err({ kind: "packet-too-old" });
  const recipients = scoresheetRecipients(received, seat.identity);
  if (!recipients.ok) return recipients;
  const review = reviewAnswers(answers, scoringContextOf(received));
  if (review.gaps.length > 0) return err({ kind: "incomplete", gaps: review.gaps.length });

  const previous = baseOf(input.history, round);
  if (!previous && round > 1) return err({ kind: "revision", problem: { kind: "previous-round-missing", round: round - 1 } });
  const deadline = round === 1 ? received.deadline : input.roundDeadline;
  const revisesThisRound = previous !== undefined && previous.sheet.round === round;
  if (revisesThisRound && deadline !== undefined && now.getTime() > Date.parse(deadline)) return err({ kind: "past-deadline", deadline });
  // Only the reasons for answers that changed are signed (a reason left from an answer changed back is dropped).
  const changed = previous ? new Set(changedAnswers(previous.sheet.answers, answers).map((c) => c.key)) : new Set<string>();
  const changes: ChangeReason[] = input.reasons.filter((r) => changed.has(r.answer) && r.reason.trim() !== "").map((r) => ({ answer: r.answer, reason: r.reason.trim() }));
  const sheet: Scoresheet = {
    format: SCORESHEET_FORMAT,
    version: SCORESHEET_VERSION,
    caseId: received.case.id,
    packetManifest: manifest,
    packetContent: content,
    round,
    seat: { fingerprint: seat.fingerprint, role: seat.role },
    rubric: { id: received.rubric.id, revision: received.rubric.revision },
    revision: revisesThisRound ? previous.sheet.revision + 1 : 1,
    ...(previous ? { previous: { sha256: previous.sha256, changes } } : {}),
    answers,
    signedAt: now.toISOString(),
  };
  const chain = checkRevision(sheet, previous ? { sheet: previous.sheet, sha256: previous.sha256 } : undefined);
  if (!chain.ok) return err({ kind: "revision", problem: chain.error });
  const bytes = await sealScoresheet(sheet, seat.identity.signing, recipients.value, now);
  return ok({ sheet, sha256: scoresheetDigest(sheet), bytes, fileName: scoresheetFileName(sheet, false) });
}

/** The panelist's own signed copy of a scoresheet they signed (unencrypted; the same signature, since Ed25519 is deterministic). */
export async function ownCopy(sent: SentScoresheet, identities: readonly PersonalIdentity[]): Promise<Result<{ bytes: Uint8Array; fileName: string }, ScoringError>> {
  const identity = identities.find((i) => sshFingerprint(i.signing.publicKey) === sent.sheet.seat.fingerprint);
  if (!identity) return err({ kind: "not-on-roster" });
  const bytes = await sealScoresheet(sent.sheet, identity.signing, [], new Date(sent.sheet.signedAt));
  return ok({ bytes, fileName: scoresheetFileName(sent.sheet, true) });
}

