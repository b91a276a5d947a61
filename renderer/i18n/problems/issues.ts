/**
 * zod issues (shared/validation/issues.ts) as sentences: "where: what is
 * wrong". A field a person fills in is named ("The claim is longer than 500
 * characters"); anything else keeps its technical path.
 */
import { msg, plural, t } from "@lingui/core/macro";
import { i18n, type MessageDescriptor } from "@lingui/core";
import type { Issue, IssueReason } from "../../../shared/validation/issues";
import { formatList } from "../format";

/** The fields people write, by the key that names them in a record. */
const FIELD_LABELS: Readonly<Record<string, MessageDescriptor>> = {
  statement: msg({ message: "The claim", context: "field named in an error" }),
  source: msg({ message: "The source", context: "field named in an error" }),
  actor: msg({ message: "The actor", context: "field named in an error" }),
  place: msg({ message: "The place", context: "field named in an error" }),
  note: msg({ message: "The note", context: "field named in an error" }),
  title: msg({ message: "The title", context: "field named in an error" }),
  description: msg({ message: "The description", context: "field named in an error" }),
  sourceDescription: msg({ message: "The source description", context: "field named in an error" }),
  summary: msg({ message: "The summary", context: "field named in an error" }),
  civilianImpact: msg({ message: "The civilian impact", context: "field named in an error" }),
  affiliations: msg({ message: "An affiliation", context: "field named in an error" }),
  declaredInterests: msg({ message: "The declared interests", context: "field named in an error" }),
  reason: msg({ message: "The reason", context: "field named in an error" }),
  displayName: msg({ message: "The display name", context: "field named in an error" }),
  affiliation: msg({ message: "The affiliation", context: "field named in an error" }),
};

/** The label of the field the issue is about: its last named key (an array's items take the array's label). */
function fieldLabel(issue: Issue, rootLabel: MessageDescriptor | undefined): string | undefined {
  const key = [...issue.path].reverse().find((p): p is string => typeof p === "string");
  const descriptor = key === undefined ? rootLabel : Object.hasOwn(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;
  return descriptor ? i18n._(descriptor) : undefined;
}

function reasonSentence(reason: IssueReason, label: string | undefined, subject: string | undefined): string {
  switch (reason) {
    case "control-characters":
      return label ? t`${label} contains control or text-direction characters` : t`contains control or text-direction characters`;
    case "invisible-characters":
      return label
        ? t`${label} contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them`
        : t`contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them`;
    case "surrounding-spaces":
      return label ? t`${label} starts or ends with spaces` : t`starts or ends with spaces`;
    case "not-nfc":
      return label ? t`${label} is not in Unicode normal form C` : t`is not in Unicode normal form C`;
    case "not-a-country-code":
      return t`not an ISO 3166-1 alpha-2 country code (such as FR or CH)`;
    case "incident-window-reversed":
      return t`The incident window ends before it starts`;
    case "catch-all-count":
      return t`A case keeps exactly one "another or unknown actor" claim`;
    case "duplicate-ids":
      return t`Two claims or evidence items share an id`;
    case "too-many-custody-forms":
      return t`too many custody forms`;
    case "unnamed-malware-family":
      return t`a malware family must have a name`;
    case "not-canonical-base64":
      return t`a secret key is not canonical base64 of the right length`;
    case "not-a-kdf-salt":
      return t`the key-derivation salt is not 16 bytes in standard base64`;
    case "not-a-stix-id":
      return subject ? t`must be an id of the form ${subject}--<UUID>` : t`must be a STIX identifier: <type>--<UUID>`;
    case "not-a-stix-timestamp":
      return t`must be an RFC 3339 UTC timestamp such as 2024-05-01T12:00:00Z`;
    case "not-a-stix-type":
      return t`must be a STIX type name`;
    // The catch-all claim and the rubric (added by "vocabulary": shared/case/model.ts, shared/rubric/rubric.ts).
    case "catch-all-statement":
      return t`The "another or unknown actor" claim carries no statement of its own`;
    case "rubric-no-language":
      return t`a label must be written in at least one of Arabic, Chinese, English, French, Russian or Spanish`;
    case "rubric-title-required":
      return t`a rubric other than the default one must have a title`;
    case "rubric-label-required":
      return subject ? t`the term ${subject} is not one the app knows, so it needs a label` : t`a term the app does not know needs a label`;
    case "rubric-duplicate-term":
      return t`two terms of this scale share an id`;
    case "rubric-range-inverted":
      return subject ? t`the range of ${subject} ends before it starts` : t`the range ends before it starts`;
    case "rubric-likelihood-order":
      return t`likelihood terms must go from least to most likely`;
    case "too-many-claims":
      return t`a row of the matrix names more claims than a case can have`;
    case "revision-chain":
      return t`a first scoresheet names no predecessor, and a revision must name one`;
  }
}

/** What is wrong, without where; `named`: the sentence names the field itself (so the path need not be shown). */
function issueMessage(issue: Issue, rootLabel: MessageDescriptor | undefined): { readonly text: string; readonly named: boolean } {
  const label = fieldLabel(issue, rootLabel);
  const unnamed = (text: string) => ({ text, named: false });
  const named = (text: string) => ({ text, named: true });
  switch (issue.code) {
    case "too_big": {
      const max = issue.maximum ?? 0;
      if (issue.origin === "string") return label ? named(t`${label} is longer than ${max} characters`) : unnamed(plural(max, { one: "longer than # character", other: "longer than # characters" }));
      if (issue.origin === "array" || issue.origin === "set") return unnamed(plural(max, { one: "more than # item", other: "more than # items" }));
      return unnamed(t`greater than ${max}`);
    }
    case "too_small": {
      const min = issue.minimum ?? 0;
      if (issue.origin === "string") return min <= 1 ? (label ? named(t`${label} is empty`) : unnamed(t`is empty`)) : unnamed(plural(min, { one: "shorter than # character", other: "shorter than # characters" }));
      if (issue.origin === "array" || issue.origin === "set") return unnamed(min <= 1 ? t`must list at least one item` : plural(min, { one: "fewer than # item", other: "fewer than # items" }));
      return unnamed(t`less than ${min}`);
    }
    case "invalid_type": {
      const expected = issue.expected ?? "?";
      return unnamed(t`expected ${expected}`);
    }
    case "invalid_value": {
      const values = formatList((issue.values ?? []).map((v) => JSON.stringify(v)), "disjunction");
      return unnamed(t`expected ${values}`);
    }
    case "invalid_format":
      return unnamed(issue.format === "datetime" ? t`is not a valid date and time` : t`is not in the expected form`);
    case "unrecognized_keys": {
      const keys = formatList((issue.keys ?? []).map((k) => JSON.stringify(k)));
      return unnamed(plural(issue.keys?.length ?? 0, { one: `unexpected field ${keys}`, other: `unexpected fields ${keys}` }));
    }
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
      return unnamed(t`is not valid`);
    case "custom":
      if (!issue.reason) return unnamed(t`is not valid`);
      return { text: reasonSentence(issue.reason, label, issue.subject), named: label !== undefined && NAMING_REASONS.has(issue.reason) };
  }
}

/** The reasons whose sentence names the field when it has a label. */
const NAMING_REASONS: ReadonlySet<IssueReason> = new Set(["control-characters", "invisible-characters", "surrounding-spaces", "not-nfc"]);

/** What is wrong, without where. */
export const describeIssueMessage = (issue: Issue, rootLabel?: MessageDescriptor): string => issueMessage(issue, rootLabel).text;

/**
 * "claims.2.statement: The claim is longer than 500 characters"; a field of the form itself, once named in the
 * sentence, needs no path ("The display name is empty", not "displayName: The display name is empty").
 */
export function describeIssue(issue: Issue, rootLabel?: MessageDescriptor): string {
  const { text: what, named: fieldNamed } = issueMessage(issue, rootLabel);
  if (fieldNamed && issue.path.length <= 1) return what;
  const where = issue.path.map(String).join(".") || t({ message: "(root)", context: "the whole value, in a validation error" });
  return t({ message: `${where}: ${what}`, context: "validation error: where, then what" });
}

/** The issues one after another ("a; b; c"), as shown inside a sentence. */
export const describeIssues = (issues: readonly Issue[], rootLabel?: MessageDescriptor): string => issues.map((i) => describeIssue(i, rootLabel)).join("; ");
