/**
 * `attribution-panel verify PATH [--json]`: everything the Verify page
 * checks (shared/publication/verify.ts), from a publication folder or its
 * opinion.json alone. Exit 0 when valid, 1 when not (each reason a
 * sentence), 2 for unusable input. The sentences are English: the tool is
 * outside the app's message catalogs.
 */
import type { AggregateCheck } from "../shared/publication/aggregates";
import type { PublicationProblem, PublicationReport, PublicationScope, UnusablePublication } from "../shared/publication/verify";
import type { ZipProblem } from "../shared/publication/zip";

/** A publication as read from disk: the folder's files, or one opinion.json. */
export type ReadPublication = { readonly scope: PublicationScope; readonly files: ReadonlyMap<string, Uint8Array> };

export const unusableSentence = (path: string, e: UnusablePublication): string => {
  switch (e.kind) {
    case "no-opinion-json":
      return `"${path}" holds no opinion.json: give the folder of a publication, or its opinion.json.`;
    case "not-json":
      return `"${path}": opinion.json is not valid JSON.`;
    case "not-a-publication":
      return `"${path}": opinion.json is not an Attribution Panel publication.`;
  }
};

export const zipSentence = (path: string, e: ZipProblem): string => {
  switch (e.kind) {
    case "not-a-zip":
      return `"${path}" is a damaged zip archive.`;
    case "too-large":
      return `"${path}" unzips to more than a publication holds (512 MiB).`;
    case "too-many-files":
      return `"${path}" holds more files than a publication has.`;
    case "bad-path":
      return `"${path}" holds a file named "${e.path}", which cannot be part of a publication (it leaves the folder).`;
  }
};

const figureText = (c: AggregateCheck): string => `${c.figure}${c.region === undefined ? "" : ` (${c.region})`}`;
const num = (n: number | undefined): string => (n === undefined ? "none" : String(Number(n.toFixed(6))));

export function problemSentence(p: PublicationProblem): string {
  switch (p.kind) {
    case "invalid-publication":
      return `opinion.json does not have the shape of a publication (${p.issues.map((i) => i.path.join(".") || "top").join(", ")}).`;
    case "payload":
      switch (p.error.kind) {
        case "signature":
          return "The chair's signature does not verify over the payload: it was changed after signing, or signed by another key.";
        case "disclosures":
          return `The released disclosures do not fit the signed payload (${p.error.error.kind}): one was added, changed, duplicated or does not belong to it.`;
        case "not-on-roster":
        case "not-the-chair":
          return `The payload was signed by ${p.error.fingerprint}, which is not the chair's seat on the roster the payload carries.`;
        case "not-canonical":
          return "The payload is not canonical JSON (RFC 8785), so it is not the bytes the chair signed.";
        case "separate-opinion":
        case "invalid-separate-opinion-entry":
          return `Separate opinion ${p.error.index + 1} does not verify against its author's seat and the draft it answers.`;
        case "two-opinions-one-seat":
          return `Two separate opinions come from the same seat, ${p.error.fingerprint}.`;
        default:
          return `The payload is not a valid opinion payload (${p.error.kind}).`;
      }
    case "opinion-differs":
      return "The opinion shown in opinion.json is not the signed payload with the released disclosures: it was changed.";
    case "redaction-not-withheld":
      return `A redaction names ${p.digest}, which is not a withheld part of the signed payload.`;
    case "redaction-twice":
      return `The redaction of ${p.digest} is declared twice.`;
    case "co-signature":
      return `Co-signature ${p.index + 1} does not verify for this payload and a member's seat (${p.problem.kind}).`;
    case "co-signature-listing":
      return `The seat or stance listed beside co-signature ${p.index + 1} is not what its signed statement says.`;
    case "seat-twice":
      return `The seat ${p.seat} is counted twice among those who co-signed or did not.`;
    case "seat-unaccounted":
      return `The member seat ${p.seat} neither co-signed nor is listed as not signing.`;
    case "not-a-member":
      return `${p.seat} is listed as not signing but holds no member seat.`;
    case "separate-opinions-listing":
      return "The list of separate opinions beside the opinion does not match those the payload carries.";
    case "signed-file-missing":
      return `${p.path} is missing: stock tools could not check that signature.`;
    case "signed-file-differs":
      return `${p.path} is not the exact signed bytes (or signature) opinion.json carries.`;
    case "allowed-signers":
      return `allowed_signers does not list the key ${p.fingerprint} for ${p.namespace}: ssh-keygen would refuse its signature.`;
    case "statement-missing":
      return "The secretariat's publication statement (signed/publication.json and its .sig) is missing.";
    case "statement-signature":
      return "The secretariat's publication statement does not verify: it was changed after signing, or signed by another key.";
    case "statement-invalid":
      return "The secretariat's publication statement is not a valid statement.";
    case "statement-signer":
      return `The publication statement was signed by ${p.signed}, not by the secretariat key opinion.json names (${p.named}).`;
    case "statement-differs":
      return `The secretariat's statement says another ${p.field} than opinion.json.`;
    case "file-changed":
      return `${p.path} is not the file the secretariat published (its SHA-256 differs from the statement's).`;
    case "file-missing":
      return `${p.path}, listed in the secretariat's statement, is missing.`;
    case "file-not-listed":
      return `${p.path} is not part of the publication: the secretariat's statement does not list it.`;
    case "sums-missing":
      return "SHA256SUMS is missing.";
    case "sums-differ":
      return `SHA256SUMS does not agree with ${p.path}.`;
    case "aggregate":
      return `Claim ${p.check.claim}: the stated ${figureText(p.check)} is ${num(p.check.stated)}, but the released estimates give ${num(p.check.recomputed)}.`;
  }
}

export function humanReport(path: string, r: PublicationReport): string {
  const lines: string[] = [];
  lines.push(`Publication of case ${r.caseId ?? "?"}${r.caseTitle === undefined ? "" : ` "${r.caseTitle}"`}, published ${r.publishedAt ?? "?"} (${path}).`);
  if (r.scope === "opinion-json") lines.push("Only opinion.json was given: the files beside it and the secretariat's statement were not checked.");
  lines.push("", "Signatures:");
  for (const s of r.signatures) lines.push(`  ${s.valid ? "valid  " : "INVALID"} ${s.role.padEnd(11)} ${s.fingerprint ?? "(unknown key)"}  ${s.namespace}${s.stance === undefined ? "" : ` (${s.stance})`}  ${s.file}`);
  lines.push("", `Disclosures: ${r.released.length} released, ${r.redactions.length} withheld${r.decoys > 0 ? ` (and ${r.decoys} undisclosed digests that are decoys)` : ""}.`);
  for (const w of r.redactions) lines.push(`  withheld ${w.digest}  reason: ${w.reason}`);
  if (r.notSigned.length > 0) lines.push("", "Did not co-sign by the deadline:", ...r.notSigned.map((s) => `  ${s}`));
  if (r.aggregates.length > 0) {
    lines.push("", "Aggregates, stated / recomputed from the released estimates:");
    for (const a of r.aggregates) lines.push(`  ${a.claim} ${a.method} ${figureText(a)}: ${num(a.stated)} / ${a.recomputable ? num(a.recomputed) : "not recomputable (inputs withheld)"}${a.recomputable ? (a.matches ? "  ok" : "  MISMATCH") : ""}`);
  }
  lines.push("");
  if (r.valid) lines.push("VALID: every check passed.");
  else lines.push(`NOT VALID (${r.problems.length} problem${r.problems.length === 1 ? "" : "s"}):`, ...r.problems.map((p) => `  - ${problemSentence(p)}`));
  return `${lines.join("\n")}\n`;
}

/** The machine-readable report of `--json`. */
export function jsonReport(r: PublicationReport): string {
  return `${JSON.stringify(
    {
      valid: r.valid,
      scope: r.scope,
      caseId: r.caseId ?? null,
      publishedAt: r.publishedAt ?? null,
      signatures: r.signatures.map((s) => ({ file: s.file, role: s.role, principal: s.fingerprint ?? null, namespace: s.namespace, valid: s.valid, ...(s.stance === undefined ? {} : { stance: s.stance }) })),
      disclosures: { released: r.released, withheld: r.redactions, decoys: r.decoys },
      notSigned: r.notSigned,
      aggregates: r.aggregates.map((a) => ({ claim: a.claim, method: a.method, figure: a.figure, ...(a.region === undefined ? {} : { region: a.region }), stated: a.stated ?? null, recomputed: a.recomputed ?? null, recomputable: a.recomputable, matches: a.matches })),
      problems: r.problems.map((p) => ({ kind: p.kind, sentence: problemSentence(p) })),
    },
    null,
    2,
  )}\n`;
}
