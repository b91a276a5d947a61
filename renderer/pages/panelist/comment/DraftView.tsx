import { useLingui, Trans } from "@lingui/react/macro";
import { useId, type ReactNode } from "react";
import type { ReceivedCase } from "../../../../shared/case/case-records";
import { pointerOf } from "../../../../shared/formats/json-pointer";
import type { ReceivedDraftView } from "../../../../shared/worker/contract";
import { Timestamp } from "../../../components/case/format";
import { Ltr } from "../../../components/Ltr";
import { MarkdownText } from "../../../components/Markdown";
import { EVIDENCE_KIND_LABEL, PANEL_ROLE_LABEL, regionLabel, tlpLabel } from "../../../i18n/vocabulary";
import { AGGREGATE_LABEL, REASON_LABEL } from "../../chair/opinion/labels";
import { claimLabel, percent, termLabel, termOfValueText } from "../../chair/statistics/labels";
import { describePart } from "./labels";

/** The mark beside a part the chair marked as withholdable from publication: words, not colour alone. */
function Withholdable({ reason }: { reason: ReceivedDraftView["withholdable"][number]["reason"] | undefined }) {
  const { i18n } = useLingui();
  if (reason === undefined) return null;
  const why = i18n._(REASON_LABEL[reason]);
  return (
    <span className="withholdable-mark" data-testid="withholdable-mark">
      <Trans>May be withheld from publication: {why}</Trans>
    </span>
  );
}

/** One line of the list of withholdable parts: the part, and why. */
function WithholdableItem({ part, reason }: { part: string; reason: string }) {
  const { t } = useLingui();
  return <li>{t({ message: `${part}: ${reason}`, context: "a part of the draft opinion, and the reason it may be withheld" })}</li>;
}

/** A part of the draft, framed and labelled when it may be withheld. */
function Part({ reason, children, as = "div" }: { reason: ReceivedDraftView["withholdable"][number]["reason"] | undefined; children: ReactNode; as?: "div" | "li" }) {
  const Tag = as;
  return (
    <Tag className={reason === undefined ? undefined : "withholdable"} data-withholdable={reason !== undefined}>
      {children}
      <Withholdable reason={reason} />
    </Tag>
  );
}

/**
 * The chair's draft opinion as the member received it for comment: the
 * findings per claim (aggregate and its likelihood term), the majority
 * reasoning, the evidence relied on and the roster, every part the chair
 * marked as withholdable framed and labelled with the reason, then the list
 * of those parts.
 */
/**
 * The opinion as a member reads it, each withholdable part marked with its
 * reason: the draft for comment, or (with `testId` and `footer`) the final
 * opinion sent for co-signing.
 */
export function DraftView({
  draft,
  received,
  testId = "draft-for-comment",
  footer,
}: {
  draft: Pick<ReceivedDraftView, "opinion" | "withholdable" | "importedAt" | "sha256">;
  received: ReceivedCase;
  testId?: string;
  footer?: ReactNode;
}) {
  const { t, i18n } = useLingui();
  const uid = useId();
  const { opinion } = draft;
  const reasons = new Map(draft.withholdable.map((w) => [w.pointer, w.reason]));
  const reasonOf = (...tokens: (string | number)[]) => reasons.get(pointerOf(tokens));
  const rubric = received.rubric;
  return (
    <article className="draft-for-comment" data-testid={testId} aria-labelledby={`${uid}-title`}>
      <h4 id={`${uid}-title`}>{opinion.caseTitle}</h4>
      <section aria-labelledby={`${uid}-findings`} className="opinion-part">
        <h5 id={`${uid}-findings`}>
          <Trans>Findings</Trans>
        </h5>
        <ul className="draft-findings">
          {opinion.findings.map((f, i) => {
            const a = f.aggregate;
            const value = percent(a.value);
            const term = termOfValueText(i18n, rubric, a.term);
            const method = i18n._(AGGREGATE_LABEL[a.method]);
            const n = a.n;
            const p25 = a.method === "median" ? percent(a.p25) : "";
            const p75 = a.method === "median" ? percent(a.p75) : "";
            const confidence = f.confidence === undefined ? undefined : termLabel(i18n, rubric, "confidence", f.confidence);
            const responsibility = f.stateResponsibility === undefined ? undefined : termLabel(i18n, rubric, "stateResponsibility", f.stateResponsibility);
            const legalBasis = f.legalBasis === undefined ? undefined : termLabel(i18n, rubric, "legalBasis", f.legalBasis);
            return (
              <Part key={f.claim} as="li" reason={reasonOf("findings", i)}>
                <p className="claim-label">{claimLabel(i18n, f, i)}</p>
                <p data-testid="draft-finding">
                  {a.method === "median" ? (
                    <Trans>
                      {method}: {value} (interquartile range {p25} to {p75}, {n} scoresheets): {term}
                    </Trans>
                  ) : (
                    <Trans>
                      {method}: {value} ({n} scoresheets): {term}
                    </Trans>
                  )}
                </p>
                {confidence !== undefined ? <p className="small">{t`Analytic confidence: ${confidence}`}</p> : null}
                {responsibility !== undefined ? <p className="small">{t`State responsibility: ${responsibility}`}</p> : null}
                {legalBasis !== undefined ? <p className="small">{t`Legal basis: ${legalBasis}`}</p> : null}
              </Part>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby={`${uid}-reasoning`} className="opinion-part">
        <h5 id={`${uid}-reasoning`}>
          <Trans>Majority reasoning</Trans>
        </h5>
        {opinion.reasoning.length === 0 ? <p className="muted">{t`The draft has no reasoning yet.`}</p> : null}
        {opinion.reasoning.map((p, i) => (
          <Part key={i} reason={reasonOf("reasoning", i)}>
            <MarkdownText source={p} />
          </Part>
        ))}
      </section>
      <section aria-labelledby={`${uid}-evidence`} className="opinion-part">
        <h5 id={`${uid}-evidence`}>
          <Trans>Evidence relied on</Trans>
        </h5>
        <ul className="draft-evidence">
          {opinion.evidence.map((e, i) => (
            <Part key={e.id} as="li" reason={reasonOf("evidence", i)}>
              <span>{e.title}</span> <span className="muted small">{`${i18n._(EVIDENCE_KIND_LABEL[e.kind])} · ${tlpLabel(e.marking)} · `}</span>
              <Ltr>{`${e.grading.reliability}${e.grading.credibility}`}</Ltr>
            </Part>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${uid}-roster`} className="opinion-part">
        <h5 id={`${uid}-roster`}>
          <Trans>Panel</Trans>
        </h5>
        <ul className="draft-roster">
          {opinion.roster.map((s, i) => {
            const reason = reasonOf("roster", i) ?? reasonOf("roster", i, "name") ?? reasonOf("roster", i, "affiliation") ?? reasonOf("roster", i, "region");
            return (
              <Part key={s.seat} as="li" reason={reason}>
                <span>{s.name}</span> <span className="muted small">{`${i18n._(PANEL_ROLE_LABEL[s.role])} · ${regionLabel(i18n, s.region)}${s.affiliation ? ` · ${s.affiliation}` : ""}`}</span>
              </Part>
            );
          })}
        </ul>
      </section>
      <section aria-labelledby={`${uid}-withholdable`} className="opinion-part">
        <h5 id={`${uid}-withholdable`}>
          <Trans>Parts that may be withheld from publication</Trans>
        </h5>
        {draft.withholdable.length === 0 ? (
          <p>{t`The chair marked no part of this draft as withholdable: all of it would be published.`}</p>
        ) : (
          <ul data-testid="draft-withholdable-list">
            {draft.withholdable.map((w) => (
              <WithholdableItem key={w.pointer} part={describePart(i18n, opinion, w.pointer)} reason={i18n._(REASON_LABEL[w.reason])} />
            ))}
          </ul>
        )}
        {footer ?? (
          <p className="small muted">
            <Trans>
              Received <Timestamp iso={draft.importedAt} />. Draft digest (SHA-256): <Ltr>{draft.sha256}</Ltr>
            </Trans>
          </p>
        )}
      </section>
    </article>
  );
}
