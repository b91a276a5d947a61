import type { CaseChanges as Changes } from "../../../shared/case/case-diff";
import { CASE_FIELDS, CLAIM_FIELDS, countChanges, EVIDENCE_FIELDS } from "../../../shared/case/case-diff";
import { formatBytes } from "../../app/progress";
import { shortHash } from "../../components/case/format";

const CASE_FIELD_LABEL: Readonly<Record<(typeof CASE_FIELDS)[number], string>> = {
  title: "title",
  summary: "summary",
  incidentWindow: "incident window",
  sectors: "sectors",
  civilianImpact: "civilian impact",
  parties: "parties (accusing, accused, affected states)",
  marking: "marking",
  deadline: "deadline",
  composition: "panel composition rules",
};
const CLAIM_FIELD_LABEL: Readonly<Record<(typeof CLAIM_FIELDS)[number], string>> = {
  statement: "statement",
  attributedState: "attributed state",
  catchAll: "catch-all",
  source: "source",
};
const EVIDENCE_FIELD_LABEL: Readonly<Record<(typeof EVIDENCE_FIELDS)[number], string>> = {
  kind: "kind",
  title: "title",
  description: "description",
  sourceDescription: "source description",
  grading: "grading",
  marking: "marking",
  custody: "chain of custody",
  stixId: "STIX id",
};

const quoted = (text: string) => `“${text}”`;
const list = <F extends string>(fields: readonly F[], labels: Readonly<Record<F, string>>) => fields.map((f) => labels[f]).join(", ");

/** The change list one line per change, in reading order: the case, claims, evidence, attachments. */
function lines(c: Changes): string[] {
  const out: string[] = [];
  if (c.fields.length > 0) out.push(`Case details changed: ${list(c.fields, CASE_FIELD_LABEL)}.`);
  for (const x of c.claims.added) out.push(`Claim added: ${quoted(x.statement)}.`);
  for (const x of c.claims.changed) out.push(`Claim changed (${list(x.fields, CLAIM_FIELD_LABEL)}): ${quoted(x.statement)}.`);
  for (const x of c.claims.removed) out.push(`Claim removed: ${quoted(x.statement)}.`);
  for (const x of c.evidence.added) out.push(`Evidence added: ${quoted(x.title)}.`);
  for (const x of c.evidence.changed) out.push(`Evidence changed (${list(x.fields, EVIDENCE_FIELD_LABEL)}): ${quoted(x.title)}.`);
  for (const x of c.evidence.removed) out.push(`Evidence removed: ${quoted(x.title)}.`);
  for (const a of c.attachments.added) out.push(`Attachment added to ${quoted(a.evidenceTitle)}: ${a.name} (${formatBytes(a.size)}, SHA-256 ${shortHash(a.sha256)}).`);
  for (const a of c.attachments.changed) {
    out.push(
      a.sha256 === a.previousSha256
        ? `Attachment renamed in ${quoted(a.evidenceTitle)}: ${a.previousName} is now ${a.name} (same bytes).`
        : `Attachment replaced in ${quoted(a.evidenceTitle)}: ${a.name} now has other bytes (${formatBytes(a.size)}, SHA-256 ${shortHash(a.sha256)}; was ${formatBytes(a.previousSize)}, ${shortHash(a.previousSha256)}).`,
    );
  }
  for (const a of c.attachments.removed) out.push(`Attachment removed from ${quoted(a.evidenceTitle)}: ${a.name}.`);
  return out;
}

/** "What changed in packet N": shown in the reader when a packet replaced an earlier one of the same case. */
export function CaseChanges({ sequence, since, changes }: { sequence: number; since: number; changes: Changes }) {
  const items = lines(changes);
  return (
    <section className="card case-changes" aria-labelledby="case-changes-heading" data-testid="case-changes">
      <h3 id="case-changes-heading">What changed in packet {sequence}</h3>
      <p className="muted small">Compared with packet {since}, which this packet replaced in your vault.</p>
      {countChanges(changes) === 0 ? (
        <p>Nothing in the case changed: the secretariat sent it again.</p>
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
