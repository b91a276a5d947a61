/**
 * Sentences for case work: the refusals of the registry, cases, panels,
 * drafts and packets sent (shared/case/case-error.ts), panel composition,
 * STIX import, chain-of-custody flags and attachments without a preview.
 */
import { i18n } from "@lingui/core";
import { plural, t } from "@lingui/core/macro";
import type { CaseError } from "../../../shared/case/case-error";
import type { UnknownCountryField } from "../../../shared/case/case-countries";
import type { ConflictReason, Violation } from "../../../shared/case/composition";
import type { CustodyFlag } from "../../../shared/case/custody";
import type { StixError, StixProblem } from "../../../shared/case/stix";
import { formatBytes, formatNumber } from "../format";
import { regionName, UN_REGION_ABBREVIATION } from "../vocabulary";
import { describeJsonError } from "./formats";
import { describeCardError } from "./identity";
import { describeIssueMessage, describeIssues } from "./issues";

export function describeConflictReason(reason: ConflictReason): string {
  const state = reason.state;
  switch (reason.kind) {
    case "nationality":
      return t`nationality ${state} is a party to the case`;
    case "affiliation":
      return t`an affiliation is tied to ${state}, a party to the case`;
  }
}

/** `names`: display names by registry id, for the people a violation names by id. */
export function describeViolation(v: Violation, names: ReadonlyMap<string, string> | Readonly<Record<string, string>> = new Map()): string {
  const who = (id: string) => (names instanceof Map ? names.get(id) : Object.hasOwn(names, id) ? (names as Readonly<Record<string, string>>)[id] : undefined) ?? id;
  switch (v.kind) {
    case "unknown-person": {
      const person = who(v.memberId);
      return t`${person} is not in the expert registry; enrol them (with a verified fingerprint) first.`;
    }
    case "duplicate-seat": {
      const person = who(v.memberId);
      return t`${person} holds more than one seat; each person sits once.`;
    }
    case "too-few-regions": {
      const { regions, required } = v;
      return plural(v.seats, {
        one: `The # seat comes from ${regions} of the 5 UN regional groups; at least ${required} are required.`,
        other: `The # seats come from ${regions} of the 5 UN regional groups; at least ${required} are required.`,
      });
    }
    case "region-over-share": {
      const { count, seats } = v;
      const name = regionName(i18n, v.region);
      const abbreviation = i18n._(UN_REGION_ABBREVIATION[v.region]);
      return plural(v.max, {
        one: `${count} of ${seats} seats go to the ${name} group (${abbreviation}); at most # is allowed.`,
        other: `${count} of ${seats} seats go to the ${name} group (${abbreviation}); at most # are allowed.`,
      });
    }
    case "conflicted-member": {
      const name = v.name;
      const reasons = v.reasons.map(describeConflictReason).join("; ");
      return t`${name} has a conflict of interest (${reasons}); record a waiver with a reason, or choose someone else.`;
    }
    case "conflicted-chair": {
      const name = v.name;
      const reasons = v.reasons.map(describeConflictReason).join("; ");
      return t`${name} cannot chair this panel: ${reasons}. A chair can never be conflicted, even with a waiver.`;
    }
    case "waiver-without-reason": {
      const person = who(v.memberId);
      return t`The waiver for ${person} has no reason; a waiver must say why the conflict is acceptable.`;
    }
  }
}

function describeStixProblem(p: StixProblem): string {
  switch (p.kind) {
    case "too-large": {
      const mib = p.maxBytes / 1024 / 1024;
      return t`the file is larger than ${mib} MiB`;
    }
    case "not-json": {
      const cause = describeJsonError(p.error);
      return t`not valid JSON: ${cause}`;
    }
    case "issue":
      return describeIssueMessage(p.issue);
    case "id-type-mismatch": {
      const type = p.type;
      return t`the id does not match the type "${type}"`;
    }
    case "duplicate-version": {
      const previous = p.previous;
      return t`the same object and version appears twice (also at objects[${previous}])`;
    }
    case "not-canonical": {
      const cause = describeJsonError(p.error);
      return t`cannot be kept as canonical JSON: ${cause}`;
    }
    case "over-limit":
      return describeStixLimit(p);
  }
}

/** A bundle over one of the import's limits (shared/case/stix.ts), named with the limit: one sentence. */
function describeStixLimit(p: Extract<StixProblem, { kind: "over-limit" }>): string {
  const found = formatNumber(p.found ?? p.max + 1);
  switch (p.limit) {
    case "objects":
      return plural(p.max, {
        one: "The STIX bundle was not imported: it holds more than # object, the most this app reads from one bundle. Nothing was stored.",
        other: "The STIX bundle was not imported: it holds more than # objects, the most this app reads from one bundle. Nothing was stored.",
      });
    case "values":
      return plural(p.max, {
        one: "The STIX bundle was not imported: it holds more than # JSON value (names, texts, numbers, lists), the most this app reads from one bundle. Nothing was stored.",
        other: "The STIX bundle was not imported: it holds more than # JSON values (names, texts, numbers, lists), the most this app reads from one bundle. Nothing was stored.",
      });
    case "claims":
      return plural(p.max, {
        one: `The STIX bundle was not imported: it holds ${found} campaigns, intrusion sets and threat actors, each a claim, and a case takes at most # claim besides the catch-all. Nothing was stored.`,
        other: `The STIX bundle was not imported: it holds ${found} campaigns, intrusion sets and threat actors, each a claim, and a case takes at most # claims besides the catch-all. Nothing was stored.`,
      });
    case "evidence":
      return plural(p.max, {
        one: `The STIX bundle was not imported: it holds ${found} indicators, observed data, malware, reports and notes, each an evidence item, and a case holds at most # evidence item. Nothing was stored.`,
        other: `The STIX bundle was not imported: it holds ${found} indicators, observed data, malware, reports and notes, each an evidence item, and a case holds at most # evidence items. Nothing was stored.`,
      });
    case "originals": {
      const size = formatBytes(p.max);
      return t`The STIX bundle was not imported: the original objects it would keep as attachments come to more than ${size}, the most one import stores. Nothing was stored.`;
    }
    case "case-claims":
      return plural(p.max, {
        one: `The STIX bundle was not imported: with its claims the case would have ${found} claims, and a case holds at most #. Nothing was stored.`,
        other: `The STIX bundle was not imported: with its claims the case would have ${found} claims, and a case holds at most #. Nothing was stored.`,
      });
    case "case-evidence":
      return plural(p.max, {
        one: `The STIX bundle was not imported: with its evidence the case would have ${found} evidence items, and a case holds at most #. Nothing was stored.`,
        other: `The STIX bundle was not imported: with its evidence the case would have ${found} evidence items, and a case holds at most #. Nothing was stored.`,
      });
  }
}

/** One sentence for a bundle's errors: how many, then the first (at most 20) with where each is. */
export function describeStixErrors(errors: readonly StixError[], total = errors.length): string {
  // A limit exceeded is the only error reported: the bundle was not read further.
  const limit = errors.find((e) => e.problem.kind === "over-limit")?.problem;
  if (limit?.kind === "over-limit") return describeStixLimit(limit);
  const shown = errors
    .slice(0, 20)
    .map((e) => `${e.path}: ${describeStixProblem(e.problem)}`)
    .join("; ");
  const list = total > Math.min(errors.length, 20) ? `${shown}; …` : shown;
  return plural(total, {
    one: `The STIX bundle is not valid, so nothing was imported (# error): ${list}.`,
    other: `The STIX bundle is not valid, so nothing was imported (# errors): ${list}.`,
  });
}

function describeUnknownCountryField(f: UnknownCountryField): string {
  const codes = f.codes.map((c) => `"${c}"`).join(", ");
  if (f.field === "attributed-state") {
    const position = f.position;
    return t`claim ${position}'s attributed state (${codes})`;
  }
  switch (f.role) {
    case "accusing":
      return t`accusing states (${codes})`;
    case "accused":
      return t`accused states (${codes})`;
    case "affected":
      return t`affected states (${codes})`;
  }
}

function malformedRecord(e: Extract<CaseError, { kind: "malformed-record" }>): string {
  const issues = describeIssues(e.issues);
  switch (e.record) {
    case "case":
      return t`A stored case is malformed (${issues}).`;
    case "panel":
      return t`A stored panel is malformed (${issues}).`;
    case "registry-entry":
      return t`A stored registry entry is malformed (${issues}).`;
  }
}

export function describeCaseError(e: CaseError): string {
  switch (e.kind) {
    case "malformed-record":
      return malformedRecord(e);
    case "registry-card-invalid": {
      const name = e.name;
      return t`The identity card of ${name} in the registry no longer verifies; remove the entry and enrol the expert again.`;
    }
    case "no-panel":
      return t`Compose the panel of this case before sending packets.`;
    case "panel-invalid": {
      const violations = e.violations.map((v) => describeViolation(v, e.names)).join(" ");
      return t`The panel breaks the composition rules, so no packet can be sent: ${violations}`;
    }
    case "not-on-panel":
      return t`That person does not sit on this case's panel.`;
    case "unknown-rubric": {
      const rubricId = e.rubricId;
      return t`The panel uses the rubric "${rubricId}", which this app does not have.`;
    }
    case "attachment-missing": {
      const { name, title } = e;
      return t`The attachment "${name}" of "${title}" is no longer in the vault.`;
    }
    case "attachment-mismatch": {
      const { name, title } = e;
      return t`The attachment "${name}" of "${title}" no longer matches the SHA-256 the case records.`;
    }
    case "invalid-card":
      return describeCardError(e.error);
    case "fingerprint-mismatch":
      return t`The fingerprint you confirmed is not the card's; check it again with the expert, out of band, before enrolling.`;
    case "already-enrolled": {
      const name = e.name;
      return t`${name} is already in the registry.`;
    }
    case "unknown-nationality": {
      const { nationality, name } = e;
      return t`The card gives the nationality "${nationality}", which is not a country code; ask ${name} to correct it (My vault, Identity, Edit details) and to send the new card.`;
    }
    case "unknown-state-code": {
      const codes = e.codes.join(", ");
      return t`These are not country codes: ${codes}; choose the states from the list.`;
    }
    case "invalid-entry": {
      const issues = describeIssues(e.issues);
      return t`The registry entry is not valid: ${issues}.`;
    }
    case "on-a-panel":
      return t`This expert sits on a panel; take them off it first.`;
    case "invalid-case": {
      const issues = describeIssues(e.issues);
      return t`The case cannot be saved: ${issues}.`;
    }
    case "custody-rewritten": {
      const title = e.title;
      return t`The chain of custody of "${title}" can only grow: an earlier event was changed or removed.`;
    }
    case "attachment-unknown": {
      const { title, name } = e;
      return t`"${title}" lists an attachment (${name}) that the vault does not hold.`;
    }
    case "no-such-evidence":
      return t`That evidence item is no longer in the case.`;
    case "invalid-stix":
      return describeStixErrors(e.errors, e.total);
    case "invalid-panel": {
      const issues = describeIssues(e.issues);
      return t`The panel cannot be saved: ${issues}.`;
    }
    case "unknown-country-codes": {
      const fields = e.fields.map(describeUnknownCountryField).join("; ");
      return t`The case was not saved: these are not country codes: ${fields}. Choose each state from the list by its name.`;
    }
    case "no-identity":
      return t`Create your identity first (My vault → Identity): packets are signed by it and addressed to it.`;
    case "identity-not-found": {
      const fingerprint = e.fingerprint;
      return t`None of your identities has the fingerprint ${fingerprint}, so nothing was signed. Choose one of your identities and try again.`;
    }
    case "draft-invalid": {
      const issues = describeIssues(e.issues);
      return t`The draft could not be kept (${issues}).`;
    }
    case "draft-for-another-case":
      return t`The draft does not belong to this case.`;
    case "blank-claim": {
      const position = e.position;
      return t`Claim ${position} has no statement yet, so no packet can be sent: write it on the Claims tab, or remove the claim, and save the case.`;
    }
    case "outbox-entry-missing":
      return t`The packet was built, but its outbox record is gone; export it again.`;
    case "export-failed": {
      const detail = e.detail;
      return t`The packet could not be built (${detail}); nothing was saved.`;
    }
  }
}

/** Where a custody event's recorded SHA-256 and the attachment part. */
export function describeCustodyFlag(flag: CustodyFlag): string {
  const observed = flag.observed.slice(0, 16);
  const name = flag.attachmentName;
  if (flag.expected === undefined)
    return name
      ? t`The SHA-256 recorded at this step (${observed}…) matches no attachment of this item: "${name}" is not the file that was handled here.`
      : t`The SHA-256 recorded at this step (${observed}…) matches no attachment of this item: the attachment is not the file that was handled here.`;
  const expected = flag.expected.slice(0, 16);
  return name
    ? t`The SHA-256 recorded at this step (${observed}…) differs from "${name}" (${expected}…): the file changed after this step.`
    : t`The SHA-256 recorded at this step (${observed}…) differs from the attachment (${expected}…): the file changed after this step.`;
}
