import type { I18n, MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import type { ReactNode } from "react";
import type { CaseChanges as Changes } from "../../../shared/case/case-diff";
import { CASE_FIELDS, CLAIM_FIELDS, countChanges, EVIDENCE_FIELDS } from "../../../shared/case/case-diff";
import { shortHash } from "../../components/case/format";
import { Ltr } from "../../components/Ltr";
import { formatBytes, formatList } from "../../i18n/format";
import { claimStatement } from "../../i18n/vocabulary";

const CASE_FIELD_LABEL: Readonly<Record<(typeof CASE_FIELDS)[number], MessageDescriptor>> = {
  title: msg({ message: "title", context: "a part of a case that changed, in a list" }),
  summary: msg({ message: "summary", context: "a part of a case that changed, in a list" }),
  incidentWindow: msg({ message: "incident window", context: "a part of a case that changed, in a list" }),
  sectors: msg({ message: "sectors", context: "a part of a case that changed, in a list" }),
  civilianImpact: msg({ message: "civilian impact", context: "a part of a case that changed, in a list" }),
  parties: msg({ message: "parties (accusing, accused, affected states)", context: "a part of a case that changed, in a list" }),
  marking: msg({ message: "marking", context: "a part of a case that changed, in a list (its TLP marking)" }),
  deadline: msg({ message: "deadline", context: "a part of a case that changed, in a list" }),
  composition: msg({ message: "panel composition rules", context: "a part of a case that changed, in a list" }),
};
const CLAIM_FIELD_LABEL: Readonly<Record<(typeof CLAIM_FIELDS)[number], MessageDescriptor>> = {
  statement: msg({ message: "statement", context: "a part of a claim that changed, in a list" }),
  attributedState: msg({ message: "attributed state", context: "a part of a claim that changed, in a list" }),
  catchAll: msg({ message: "catch-all", context: "a part of a claim that changed, in a list: whether it is the catch-all claim" }),
  source: msg({ message: "source", context: "a part of a claim that changed, in a list" }),
};
const EVIDENCE_FIELD_LABEL: Readonly<Record<(typeof EVIDENCE_FIELDS)[number], MessageDescriptor>> = {
  kind: msg({ message: "kind", context: "a part of an evidence item that changed, in a list" }),
  title: msg({ message: "title", context: "a part of an evidence item that changed, in a list" }),
  description: msg({ message: "description", context: "a part of an evidence item that changed, in a list" }),
  sourceDescription: msg({ message: "source description", context: "a part of an evidence item that changed, in a list" }),
  grading: msg({ message: "grading", context: "a part of an evidence item that changed, in a list (Admiralty grading)" }),
  marking: msg({ message: "marking", context: "a part of an evidence item that changed, in a list (its TLP marking)" }),
  custody: msg({ message: "chain of custody", context: "a part of an evidence item that changed, in a list" }),
  stixId: msg({ message: "STIX id", context: "a part of an evidence item that changed, in a list" }),
};

const list = <F extends string>(i18n: I18n, fields: readonly F[], labels: Readonly<Record<F, MessageDescriptor>>) => formatList(fields.map((f) => i18n._(labels[f])));
/** A claim by its statement; the catch-all, which travels as a flag, by the catalog's sentence. */
const claimText = (i18n: I18n, x: { statement: string; catchAll?: true }) => claimStatement(i18n, { statement: x.statement, catchAll: x.catchAll === true });

/** The change list one line per change, in reading order: the case, claims, evidence, attachments. File names and hashes stay left to right. */
function lines(i18n: I18n, c: Changes): ReactNode[] {
  const out: ReactNode[] = [];
  if (c.fields.length > 0) {
    const fields = list(i18n, c.fields, CASE_FIELD_LABEL);
    out.push(<Trans>Case details changed: {fields}.</Trans>);
  }
  for (const x of c.claims.added) {
    const claim = claimText(i18n, x);
    out.push(<Trans>Claim added: “{claim}”.</Trans>);
  }
  for (const x of c.claims.changed) {
    const fields = list(i18n, x.fields, CLAIM_FIELD_LABEL);
    const claim = claimText(i18n, x);
    out.push(
      <Trans>
        Claim changed ({fields}): “{claim}”.
      </Trans>,
    );
  }
  for (const x of c.claims.removed) {
    const claim = claimText(i18n, x);
    out.push(<Trans>Claim removed: “{claim}”.</Trans>);
  }
  for (const x of c.evidence.added) {
    const title = x.title;
    out.push(<Trans>Evidence added: “{title}”.</Trans>);
  }
  for (const x of c.evidence.changed) {
    const fields = list(i18n, x.fields, EVIDENCE_FIELD_LABEL);
    const title = x.title;
    out.push(
      <Trans>
        Evidence changed ({fields}): “{title}”.
      </Trans>,
    );
  }
  for (const x of c.evidence.removed) {
    const title = x.title;
    out.push(<Trans>Evidence removed: “{title}”.</Trans>);
  }
  for (const a of c.attachments.added) {
    const { evidenceTitle, name } = a;
    const size = formatBytes(a.size);
    const hash = shortHash(a.sha256);
    out.push(
      <Trans>
        Attachment added to “{evidenceTitle}”: <Ltr>{name}</Ltr> ({size}, SHA-256 <Ltr>{hash}</Ltr>).
      </Trans>,
    );
  }
  for (const a of c.attachments.changed) {
    const { evidenceTitle, name, previousName } = a;
    if (a.sha256 === a.previousSha256) {
      out.push(
        <Trans>
          Attachment renamed in “{evidenceTitle}”: <Ltr>{previousName}</Ltr> is now <Ltr>{name}</Ltr> (same bytes).
        </Trans>,
      );
    } else {
      const size = formatBytes(a.size);
      const hash = shortHash(a.sha256);
      const previousSize = formatBytes(a.previousSize);
      const previousHash = shortHash(a.previousSha256);
      out.push(
        <Trans>
          Attachment replaced in “{evidenceTitle}”: <Ltr>{name}</Ltr> now has other bytes ({size}, SHA-256 <Ltr>{hash}</Ltr>; was {previousSize},{" "}
          <Ltr>{previousHash}</Ltr>).
        </Trans>,
      );
    }
  }
  for (const a of c.attachments.removed) {
    const { evidenceTitle, name } = a;
    out.push(
      <Trans>
        Attachment removed from “{evidenceTitle}”: <Ltr>{name}</Ltr>.
      </Trans>,
    );
  }
  return out;
}

/** "What changed in packet N": shown in the reader when a packet replaced an earlier one of the same case. */
export function CaseChanges({ sequence, since, changes }: { sequence: number; since: number; changes: Changes }) {
  const { i18n } = useLingui();
  const items = lines(i18n, changes);
  return (
    <section className="card case-changes" aria-labelledby="case-changes-heading" data-testid="case-changes">
      <h3 id="case-changes-heading">
        <Trans>What changed in packet {sequence}</Trans>
      </h3>
      <p className="muted small">
        <Trans>Compared with packet {since}, which this packet replaced in your vault.</Trans>
      </p>
      {countChanges(changes) === 0 ? (
        <p>
          <Trans>Nothing in the case changed: the secretariat sent it again.</Trans>
        </p>
      ) : (
        <ul>
          {items.map((line, i) => (
            <li key={i} data-testid="case-change">
              {line}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
