import { Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import type { Evidence } from "../../../../shared/case/model";
import { ok } from "../../../../shared/result";
import { changedAnswers } from "../../../../shared/scoring/answers";
import { reviewAnswers, type Gap } from "../../../../shared/scoring/completeness";
import { setAchCell, setAttestation, setClaimAnswer, setOverall, setShareRationale } from "../../../../shared/scoring/edit";
import { normaliseEstimates } from "../../../../shared/scoring/normalise";
import { movesPacket } from "../../../../shared/scoring/revision";
import { EMPTY_ANSWERS, type Answers, type ClaimAnswer, type ClaimField, type ClaimId, type EvidenceId } from "../../../../shared/scoring/scoresheet";
import { baseOf, latestOf, type DraftReason, type SentScoresheet } from "../../../../shared/scoring/scoring-store";
import { scoringContextOf } from "../../../../shared/scoring/submit";
import type { ScoringView } from "../../../../shared/worker/contracts/scoring";
import { saveFile } from "../../../app/download";
import { hrefTo } from "../../../app/routes";
import { useAutosave } from "../../../app/useAutosave";
import { OperationStatus, useOperation } from "../../../components/Progress";
import { Ltr } from "../../../components/Ltr";
import { TabList } from "../../../components/TabList";
import { TlpBadge } from "../../../components/case/TlpBadge";
import { shortHash } from "../../../components/case/format";
import { cryptoWorker } from "../../../crypto/worker-client";
import { formatDateTime, formatNumber } from "../../../i18n/format";
import { describeWorkerError } from "../../../i18n/problems";
import { rubricTitle } from "../../../i18n/vocabulary";
import { EvidenceItem } from "../CaseReaderEvidence";
import { ACTIVATE_CELL_EVENT, AchMatrix, achCellId } from "./AchMatrix";
import { ClaimCard, fieldId } from "./ClaimCard";
import { OverallSection, overallFieldId } from "./OverallSection";
import { RevisionHistory } from "./RevisionHistory";
import { answerKeyName, answerValueText, gapSentence, warningSentence, type ClaimNames } from "./scoring-words";
import { timeLeft } from "./time-left";

/** Where a gap's link takes the person: the control that answers it. */
function gapTarget(gap: Gap): string | undefined {
  switch (gap.kind) {
    case "missing":
      return fieldId(gap.claim, gap.field);
    case "estimate-outside-term":
      return fieldId(gap.claim, "best");
    case "range-incomplete":
    case "range-order":
      return fieldId(gap.claim, "lowest");
    case "unknown-term":
      return gap.field === "ach" ? (gap.evidence && gap.claim ? achCellId(gap.evidence, gap.claim) : undefined) : gap.claim ? fieldId(gap.claim, gap.field) : undefined;
    case "ach-missing":
      return gap.claims[0] ? achCellId(gap.evidence, gap.claims[0]) : undefined;
    case "missing-overall":
      return overallFieldId(gap.field);
    case "not-attested":
      return overallFieldId("attestation");
    case "not-asked":
    case "unknown-claim":
    case "unknown-evidence":
      return gap.kind === "not-asked" && gap.claim ? `claim-${gap.claim}-heading` : undefined;
  }
}

type Part = "claims" | "ach" | "overall" | "review";

/** The part of the scoresheet where a gap is answered. */
function gapPart(gap: Gap): Part {
  switch (gap.kind) {
    case "ach-missing":
    case "unknown-evidence":
      return "ach";
    case "unknown-term":
      return gap.field === "ach" ? "ach" : "claims";
    case "missing-overall":
    case "not-attested":
      return "overall";
    case "not-asked":
      return gap.claim ? "claims" : gap.field === "ach" ? "ach" : "overall";
    case "missing":
    case "estimate-outside-term":
    case "range-incomplete":
    case "range-order":
    case "unknown-claim":
      return "claims";
  }
}

const focusById = (id: string | undefined) => {
  if (!id) return;
  const element = document.getElementById(id);
  element?.scrollIntoView({ block: "center" });
  if (element?.getAttribute("role") === "gridcell") element.dispatchEvent(new Event(ACTIVATE_CELL_EVENT, { bubbles: true }));
  else element?.focus();
};

/**
 * The panelist's scoresheet for a received case: every claim on the rubric,
 * the ACH matrix, the questions about the case as a whole and the
 * attestation; autosaved as an encrypted draft; signed and sealed to the
 * chair and the secretariat when complete; revised with a reason per change.
 * Nothing of another panelist's scores is ever on this screen.
 */
export function ScoringScreen({ caseId }: { caseId: string }) {
  const { t } = useLingui();
  const loading = useOperation();
  const [data, setData] = useState<{ received: ReceivedCase; view: ScoringView } | undefined>();

  useEffect(() => {
    let live = true;
    void loading
      .run(t`Opening your scoresheet…`, async (o) => {
        const view = await cryptoWorker.call("scoring:open", { caseId }, o);
        return view.ok ? ok({ received: view.value.received, view: view.value }) : view;
      })
      .then((d) => {
        if (live && d) setData(d);
      });
    return () => {
      live = false;
    };
    // Opened once per case.
  }, [caseId]);

  if (!data) return <OperationStatus operation={loading} />;
  return <ScoringForm received={data.received} view={data.view} />;
}

type Draft = { readonly answers: Answers; readonly reasons: readonly DraftReason[] };

function ScoringForm({ received, view }: { received: ReceivedCase; view: ScoringView }) {
  const { t, i18n } = useLingui();
  const c = received.case;
  const rubric = received.rubric;
  const round = view.round;
  const context = useMemo(() => scoringContextOf(received), [received]);
  const [sent, setSent] = useState<readonly SentScoresheet[]>(view.sent);
  // What the next scoresheet revises: the last one of this round, or, opening round n ≥ 2, the final one of round n − 1.
  const last = baseOf(sent, round);
  const opensRound = round > 1 && latestOf(sent, round) === undefined;
  // The secretariat sent a new version of the case after the last signature: the next revision is signed on it (answers may all stay).
  const { manifestSha256, contentSha256 } = received.packet;
  const packetMoved = last !== undefined && manifestSha256 !== undefined && movesPacket(last.sheet, { packetManifest: manifestSha256, packetContent: contentSha256 });
  const previousRound = round - 1;
  const [answers, setAnswers] = useState<Answers>(view.draft?.answers ?? last?.sheet.answers ?? EMPTY_ANSWERS);
  const [reasons, setReasons] = useState<readonly DraftReason[]>(view.draft?.reasons ?? []);
  const [opened, setOpened] = useState<Evidence | undefined>();
  const [signed, setSigned] = useState<SentScoresheet | undefined>();
  const signing = useOperation();
  const copying = useOperation();
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const canScore = view.seat !== null && !view.packetTooOld;

  const autosave = useAutosave<Draft>(async (draft) => {
    const r = await cryptoWorker.call("scoring:save-draft", { caseId: c.id, round, answers: draft.answers, reasons: [...draft.reasons] });
    return r.ok ? { ok: true, savedAt: r.value.savedAt } : { ok: false, error: describeWorkerError(r.error) };
  });
  const changeDraft = autosave.change;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (canScore) changeDraft({ answers, reasons });
  }, [answers, reasons, canScore, changeDraft]);

  // For the benchmark (tests/bench/scoring.bench.ts): the moment the scoresheet is on screen and usable.
  useEffect(() => {
    performance.mark(SCORING_READY_MARK);
  }, []);

  // The review (gaps, the sum, the counts in the tabs, the changes since the last revision) follows the answers in a
  // deferred render of its own, so that a keystroke's render does not check 1,000 cells; signing waits for it.
  const reviewed = useDeferredValue(answers);
  const reviewPending = reviewed !== answers;
  const review = useMemo(() => reviewAnswers(reviewed, context), [reviewed, context]);
  const claimNames: ClaimNames = useMemo(() => new Map(c.claims.map((claim, i) => [claim.id, i + 1])), [c.claims]);
  const evidenceTitle = useCallback((id: string) => c.evidence.find((e) => e.id === id)?.title ?? id, [c.evidence]);
  const changes = useMemo(() => (last ? changedAnswers(last.sheet.answers, reviewed) : []), [last, reviewed]);
  const reasonOf = (key: string) => reasons.find((r) => r.answer === key)?.reason ?? "";
  const missingReasons = changes.filter((ch) => reasonOf(ch.key).trim() === "").length;
  // The time left, refreshed every minute (not on every keystroke).
  const [minute, setMinute] = useState(() => Math.floor(Date.now() / 60_000));
  useEffect(() => {
    const timer = setInterval(() => setMinute(Math.floor(Date.now() / 60_000)), 15_000);
    return () => clearInterval(timer);
  }, []);
  const deadline = useMemo(() => timeLeft(received.deadline, minute * 60_000, i18n.locale), [received.deadline, minute, i18n.locale]);
  // The packet's deadline is round 1's; the feedback packet of a later round gives none.
  const revisionClosed = round === 1 && last !== undefined && deadline.passed;
  const emptyCells = review.gaps.reduce((n, g) => n + (g.kind === "ach-missing" ? g.claims.length : 0), 0);

  const parts: readonly Part[] = rubric.asks.ach !== "off" ? ["claims", "ach", "overall", "review"] : ["claims", "overall", "review"];
  const [part, setPart] = useState<Part>("claims");
  // A gap's link opens the part that answers it, then moves the focus to the control.
  const pendingFocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (pendingFocus.current === undefined) return;
    focusById(pendingFocus.current);
    pendingFocus.current = undefined;
  }, [part]);
  const goTo = (next: Part, id: string | undefined) => {
    if (next === part) return focusById(id);
    pendingFocus.current = id;
    setPart(next);
  };
  const onAch = useCallback((e: EvidenceId, claim: ClaimId, term: string | undefined) => setAnswers((a) => setAchCell(a, e, claim, term)), []);
  const onClaim = useCallback(<F extends ClaimField>(claim: ClaimId, field: F, value: ClaimAnswer[F] | undefined) => setAnswers((a) => setClaimAnswer(a, claim, field, value)), []);
  const openEvidence = useCallback((e: Evidence) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened(e);
  }, []);
  useEffect(() => {
    if (opened) dialog.current?.showModal();
  }, [opened]);
  const closeEvidence = () => {
    dialog.current?.close();
    setOpened(undefined);
    returnFocus.current?.focus();
  };

  const normalise = () => {
    const n = normaliseEstimates(answers, c.claims);
    if (n) setAnswers(n.answers);
  };

  const submit = async () => {
    setSigned(undefined);
    await autosave.flush();
    const result = await signing.run(t`Signing and encrypting your scoresheet…`, (o) => cryptoWorker.call("scoring:submit", { caseId: c.id, round, answers, reasons: [...reasons] }, o));
    if (!result) return;
    saveFile(result.file);
    setSent((s) => [...s, result.sent]);
    setReasons([]);
    setSigned(result.sent);
    document.getElementById("scoring-signed")?.focus();
  };

  const saveCopy = async (s: SentScoresheet) => {
    const file = await copying.run(t`Preparing your signed copy…`, (o) => cryptoWorker.call("scoring:own-copy", { caseId: c.id, round: s.sheet.round, revision: s.sheet.revision }, o));
    if (file) saveFile(file);
  };

  const title = rubricTitle(i18n, rubric);
  const claimsDone = review.claimsDone;
  const claimCount = c.claims.length;
  const deadlineText = useMemo(() => formatDateTime(received.deadline), [received.deadline]);
  const deadlineLeft = deadline.text;
  const sum = review.sum;
  const nextRevision = opensRound ? 1 : (last?.sheet.revision ?? 0) + 1;
  const lastRevision = last?.sheet.revision ?? 0;
  const shareRationale = answers.shareRationale === true;
  const signedRevision = signed?.sheet.revision;
  const signedFile = signed?.fileName;
  const signedHash = signed ? shortHash(signed.sha256) : "";

  return (
    <div className="scoring" data-testid="scoring">
      <header className="scoring-header">
        <p className="lead" dir="auto">
          {c.title}
        </p>
        <p className="evidence-meta">
          <TlpBadge marking={c.marking} /> <span>{t`Round ${round}`}</span> · <span lang={title.lang}>{title.text}</span>
        </p>
        {round === 1 ? (
          <p className={deadline.passed ? "inline-problem" : undefined} data-testid="scoring-deadline">
            {t`Deadline ${deadlineText} (${deadlineLeft}).`}
          </p>
        ) : null}
        {view.seat ? (
          <p className="small muted">
            {view.seat.role === "chair" ? t`You score as the panel's chair, on the same footing as every member.` : t`You score as a member of the panel.`}{" "}
            {round === 1 ? <Trans>Nothing of any other panelist's scores is on this machine.</Trans> : null}
          </p>
        ) : null}
        {round > 1 ? (
          <p className="notice" data-testid="scoring-round-note">
            <Trans>
              Round {round} starts from your final scoresheet of round {previousRound}: change what the feedback makes you reconsider, with a reason for each change, or keep
              every answer.
            </Trans>{" "}
            <a href={hrefTo("panelist.case", { caseId: c.id })}>{t`Read the round ${round} feedback`}</a>
          </p>
        ) : null}
        <p className="small autosave" role="status" data-testid="autosave-status">
          {autosave.state.status === "saving" || autosave.state.status === "pending" ? t`Saving the draft…` : null}
          {autosave.state.status === "saved" && autosave.state.savedAt ? t`Draft saved, encrypted, at ${formatDateTime(autosave.state.savedAt)}.` : null}
          {autosave.state.status === "failed" ? <span className="inline-problem">{t`The draft was not saved: ${autosave.state.error ?? ""}`}</span> : null}
          {autosave.state.status === "idle" && view.draft ? t`Draft from ${formatDateTime(view.draft.savedAt)}.` : null}
        </p>
      </header>

      {view.seat === null ? (
        <div className="warning" role="alert">
          <Trans>None of your identities holds a seat on this case's panel: you can read the case, not score it. Check that you use the identity whose card the secretariat enrolled.</Trans>
        </div>
      ) : null}
      {packetMoved && canScore ? (
        <p className="notice" data-testid="scoring-new-version">
          <Trans>
            The secretariat sent a new version of this case after you signed revision {lastRevision}. Review what changed, then sign a revision on this version: you may keep
            every answer. The chair accepts only scoresheets made on the version they hold.
          </Trans>{" "}
          <a href={hrefTo("panelist.case", { caseId: c.id })}>{t`See what changed in the case`}</a>
        </p>
      ) : null}
      {view.packetTooOld ? (
        <div className="warning" role="alert">
          <Trans>This case was imported by an earlier version of the app. Import the same case packet again to score it.</Trans>
        </div>
      ) : null}

      <TabList ids={parts} selected={part} onSelect={setPart} label={t`Parts of the scoresheet`} prefix="score-" className="scoring-tabs">
        {(id) => {
          switch (id) {
            case "claims":
              return t`Claims (${claimsDone} of ${claimCount} answered)`;
            case "ach":
              return emptyCells === 0 ? t`Evidence against the claims (complete)` : t`Evidence against the claims (${emptyCells} cells empty)`;
            case "overall":
              return t`The case as a whole`;
            case "review":
              return review.gaps.length === 0 ? t`Review and sign (ready)` : t`Review and sign (${review.gaps.length} left)`;
          }
        }}
      </TabList>

      <fieldset className="scoring-body" disabled={!canScore}>
        <legend className="visually-hidden">{t`Your scoresheet`}</legend>
        {part === "claims" ? (
        <section id="score-panel-claims" role="tabpanel" aria-labelledby="score-tab-claims">
          <h3 id="claims-heading" tabIndex={-1}>
            {t`The claims`}
          </h3>
          <p className="small">
            <Trans>The claims are competing hypotheses, one of them the catch-all: exactly one is true, so your best estimates should sum to about 100 %.</Trans>
          </p>
          <div className={review.warnings.length > 0 ? "sum-bar warning" : "sum-bar"} role="status" data-testid="sum-bar">
            {sum === undefined ? <span>{t`The sum of your best estimates shows once every claim has one.`}</span> : null}
            {sum !== undefined && review.warnings.length === 0 ? <span>{t`Your best estimates sum to ${formatNumber(sum, 1)} %.`}</span> : null}
            {review.warnings.map((w) => (
              <span key={w.kind}>{warningSentence(i18n, w)}</span>
            ))}
            {review.warnings.length > 0 ? (
              <button type="button" className="secondary" onClick={normalise}>
                {t`Scale them to 100 %`}
              </button>
            ) : null}
          </div>
          {c.claims.map((claim, i) => (
            <ClaimCard key={claim.id} claim={claim} position={i + 1} rubric={rubric} answer={answers.claims.find((a) => a.claim === claim.id)} onChange={onClaim} />
          ))}
        </section>
        ) : null}

        {part === "ach" ? (
          <section id="score-panel-ach" role="tabpanel" aria-labelledby="score-tab-ach">
            <h3 id="ach-heading" tabIndex={-1}>
              {t`Evidence against the claims`}
            </h3>
            <p className="small">
              <Trans>For each evidence item, how consistent it is with each claim (Analysis of Competing Hypotheses). The source grading and marking are beside each item.</Trans>
            </p>
            <AchMatrix claims={c.claims} evidence={c.evidence} rubric={rubric} ach={answers.ach} onSet={onAch} onOpenEvidence={openEvidence} />
          </section>
        ) : null}

        {part === "overall" ? (
          <div id="score-panel-overall" role="tabpanel" aria-labelledby="score-tab-overall">
            <OverallSection rubric={rubric} answers={answers} now={() => new Date().toISOString()} onText={(field, value) => setAnswers((a) => setOverall(a, field, value))} onAttest={(att) => setAnswers((a) => setAttestation(a, att))} />
          </div>
        ) : null}
      </fieldset>

      {part === "review" ? (
      <section id="score-panel-review" role="tabpanel" aria-labelledby="score-tab-review" className="review card">
        <h3 id="review-heading" tabIndex={-1}>
          {t`Review and sign`}
        </h3>
        {review.gaps.length > 0 ? (
          <>
            <p>{t`Still to answer before you can sign:`}</p>
            <ul className="gaps" data-testid="gaps">
              {review.gaps.slice(0, 50).map((gap, i) => (
                <li key={i}>
                  <button type="button" className="link-button" onClick={() => goTo(gapPart(gap), gapTarget(gap))}>
                    {gapSentence(i18n, gap, rubric, claimNames, evidenceTitle)}
                  </button>
                </li>
              ))}
            </ul>
            {review.gaps.length > 50 ? <p className="small muted">{t`…and ${review.gaps.length - 50} more.`}</p> : null}
          </>
        ) : (
          <p className="ok" data-testid="complete">
            {t`Every question is answered.`}
          </p>
        )}

        {last ? (
          <div className="changes">
            <h4>{opensRound ? t`Changes since your final scoresheet of round ${previousRound}` : t`Changes since revision ${lastRevision}`}</h4>
            {changes.length === 0 ? (
              <p className="muted">
                {opensRound
                  ? t`You keep every answer of round ${previousRound}; no reason is needed.`
                  : packetMoved
                    ? t`You keep every answer on the new version of the case; no reason is needed.`
                    : t`Nothing has changed since your last signed scoresheet.`}
              </p>
            ) : (
              <ul className="plain">
                {changes.map((ch) => {
                  const id = `reason-${ch.key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
                  const name = answerKeyName(i18n, ch.key, claimNames, evidenceTitle);
                  return (
                    <li key={ch.key} className="change" data-testid="change" data-answer={ch.key}>
                      <p>
                        <strong>{name}</strong>: {answerValueText(i18n, ch.key, ch.before, rubric)} → {answerValueText(i18n, ch.key, ch.after, rubric)}
                      </p>
                      <div className="field">
                        <label htmlFor={id}>{t`Reason for this change (required)`}</label>
                        <input
                          id={id}
                          type="text"
                          maxLength={2000}
                          value={reasonOf(ch.key)}
                          aria-required
                          onChange={(e) => {
                            const reason = e.target.value;
                            setReasons((rs) => [...rs.filter((r) => r.answer !== ch.key), { answer: ch.key, reason }]);
                          }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        ) : null}

        <div className="checkbox consent" data-testid="share-rationale">
          <input id="share-rationale" type="checkbox" checked={shareRationale} aria-describedby="share-rationale-hint" onChange={(e) => setAnswers((a) => setShareRationale(a, e.target.checked))} disabled={!canScore} />
          <label htmlFor="share-rationale">{t`My rationales may be shown, without my name, to the other panelists in the next round.`}</label>
          <p id="share-rationale-hint" className="small muted">
            <Trans>Off unless you tick it. If the chair runs another round, your rationales then go into the feedback the other panelists receive, in random order and with no name, seat or region. Your choice is signed in your scoresheet.</Trans>
          </p>
        </div>

        {revisionClosed ? (
          <p className="inline-problem">{t`The deadline has passed: your scoresheet can no longer be revised unless the chair reopens the round.`}</p>
        ) : null}
        <OperationStatus operation={signing} />
        <div className="actions">
          <button
            type="button"
            data-testid="sign-scoresheet"
            disabled={!canScore || reviewPending || review.gaps.length > 0 || revisionClosed || (last !== undefined && ((changes.length === 0 && !opensRound && !packetMoved) || missingReasons > 0)) || signing.running !== undefined}
            onClick={() => void submit()}
          >
            {opensRound ? t`Sign your round ${round} scoresheet` : last ? t`Sign revision ${nextRevision}` : t`Sign and save the scoresheet`}
          </button>
        </div>
        {last && changes.length > 0 && missingReasons > 0 ? <p className="small muted">{t`Give a reason for each change to sign the revision.`}</p> : null}
        <p className="small muted">
          <Trans>Signing uses your identity's key; the file is encrypted to the chair and the secretariat only. Hand it to the chair on removable media.</Trans>
        </p>
        {signed ? (
          <div className="notice" id="scoring-signed" tabIndex={-1} role="status" data-testid="scoring-signed">
            <p>
              <Trans>
                Revision {signedRevision} signed and saved as <Ltr className="mono">{signedFile}</Ltr>.
              </Trans>
            </p>
            <p className="small">
              <Trans>
                Its SHA-256 begins <Ltr className="mono">{signedHash}</Ltr>
              </Trans>
            </p>
            <button type="button" className="secondary" onClick={() => void saveCopy(signed)}>
              {t`Save my own signed copy (not encrypted)`}
            </button>
          </div>
        ) : null}
        <OperationStatus operation={copying} />
      </section>
      ) : null}

      {sent.length > 0 ? <RevisionHistory sent={sent} rubric={rubric} claimNames={claimNames} evidenceTitle={evidenceTitle} onCopy={(s) => void saveCopy(s)} /> : null}

      <dialog ref={dialog} className="evidence-dialog" aria-labelledby={opened ? `evidence-${opened.id}` : undefined} onClose={closeEvidence}>
        {opened ? <EvidenceItem evidence={opened} /> : null}
        <div className="actions">
          <button type="button" onClick={closeEvidence}>
            {t`Close`}
          </button>
        </div>
      </dialog>
    </div>
  );
}

export const SCORING_READY_MARK = "attribution-panel:scoring-ready";
