import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { CaseError } from "../../../shared/case/case-error";
import type { Violation } from "../../../shared/case/composition";
import { importStixBundle } from "../../../shared/case/stix";
import { describeCaseError, describeCustodyFlag, describeStixErrors, describeViolation } from "./case";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const issue = { code: "too_big", path: ["claims", 2, "statement"], origin: "string", maximum: 500 } as const;
const cases: [CaseError, string][] = [
  [{ kind: "malformed-record", record: "panel", issues: [{ code: "invalid_type", path: ["chairId"], expected: "string" }] }, "A stored panel is malformed (chairId: expected string)."],
  [{ kind: "registry-card-invalid", name: "Ines Okafor" }, "The identity card of Ines Okafor in the registry no longer verifies; remove the entry and enrol the expert again."],
  [{ kind: "no-panel" }, "Compose the panel of this case before sending packets."],
  [
    { kind: "panel-invalid", violations: [{ kind: "duplicate-seat", memberId: "m1" }], names: { m1: "Ines Okafor" } },
    "The panel breaks the composition rules, so no packet can be sent: Ines Okafor holds more than one seat; each person sits once.",
  ],
  [{ kind: "not-on-panel" }, "That person does not sit on this case's panel."],
  [{ kind: "unknown-rubric", rubricId: "r9" }, 'The panel uses the rubric "r9", which this app does not have.'],
  [{ kind: "attachment-missing", name: "a.bin", title: "Log" }, 'The attachment "a.bin" of "Log" is no longer in the vault.'],
  [{ kind: "attachment-mismatch", name: "a.bin", title: "Log" }, 'The attachment "a.bin" of "Log" no longer matches the SHA-256 the case records.'],
  [{ kind: "invalid-card", error: { kind: "not-canonical", offset: 4 } }, "This identity card was changed after it was exported (it differs from its exact form at byte 4, as when an editor reformats it); ask its owner for the original file."],
  [{ kind: "fingerprint-mismatch" }, "The fingerprint you confirmed is not the card's; check it again with the expert, out of band, before enrolling."],
  [{ kind: "already-enrolled", name: "Ines Okafor" }, "Ines Okafor is already in the registry."],
  [{ kind: "unknown-nationality", nationality: "SW", name: "Ines Okafor" }, 'The card gives the nationality "SW", which is not a country code; ask Ines Okafor to correct it (My vault, Identity, Edit details) and to send the new card.'],
  [{ kind: "unknown-state-code", codes: ["UK", "SW"] }, "These are not country codes: UK, SW; choose the states from the list."],
  [{ kind: "invalid-entry", issues: [issue] }, "The registry entry is not valid: claims.2.statement: The claim is longer than 500 characters."],
  [{ kind: "on-a-panel" }, "This expert sits on a panel; take them off it first."],
  [{ kind: "invalid-case", issues: [issue, { code: "custom", path: ["incidentWindow", "end"], reason: "incident-window-reversed" }] }, "The case cannot be saved: claims.2.statement: The claim is longer than 500 characters; incidentWindow.end: The incident window ends before it starts."],
  [{ kind: "custody-rewritten", title: "Log" }, 'The chain of custody of "Log" can only grow: an earlier event was changed or removed.'],
  [{ kind: "attachment-unknown", title: "Log", name: "a.bin" }, '"Log" lists an attachment (a.bin) that the vault does not hold.'],
  [{ kind: "no-such-evidence" }, "That evidence item is no longer in the case."],
  [{ kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "too-large", maxBytes: 64 * 1024 * 1024 } }], total: 1 }, "The STIX bundle is not valid, so nothing was imported (1 error): $: the file is larger than 64 MiB."],
  [
    { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit: "objects", max: 10_000 } }], total: 1 },
    "The STIX bundle was not imported: it holds more than 10,000 objects, the most this app reads from one bundle. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit: "values", max: 1_000_000 } }], total: 1 },
    "The STIX bundle was not imported: it holds more than 1,000,000 JSON values (names, texts, numbers, lists), the most this app reads from one bundle. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$.objects", problem: { kind: "over-limit", limit: "claims", max: 49, found: 51 } }], total: 1 },
    "The STIX bundle was not imported: it holds 51 campaigns, intrusion sets and threat actors, each a claim, and a case takes at most 49 claims besides the catch-all. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$.objects", problem: { kind: "over-limit", limit: "evidence", max: 10_000, found: 12_345 } }], total: 1 },
    "The STIX bundle was not imported: it holds 12,345 indicators, observed data, malware, reports and notes, each an evidence item, and a case holds at most 10,000 evidence items. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$.objects", problem: { kind: "over-limit", limit: "originals", max: 32 * 1024 * 1024 } }], total: 1 },
    "The STIX bundle was not imported: the original objects it would keep as attachments come to more than 32 MB, the most one import stores. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit: "case-claims", max: 50, found: 56 } }], total: 1 },
    "The STIX bundle was not imported: with its claims the case would have 56 claims, and a case holds at most 50. Nothing was stored.",
  ],
  [
    { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit: "case-evidence", max: 10_000, found: 10_001 } }], total: 1 },
    "The STIX bundle was not imported: with its evidence the case would have 10,001 evidence items, and a case holds at most 10,000. Nothing was stored.",
  ],
  [{ kind: "invalid-panel", issues: [{ code: "unrecognized_keys", path: [], keys: ["extra"] }] }, 'The panel cannot be saved: (root): unexpected field "extra".'],
  [
    { kind: "unknown-country-codes", fields: [{ field: "parties", role: "accusing", codes: ["SW"] }, { field: "attributed-state", claimId: "c1", position: 1, codes: ["UK"] }] },
    'The case was not saved: these are not country codes: accusing states ("SW"); claim 1\'s attributed state ("UK"). Choose each state from the list by its name.',
  ],
  [{ kind: "no-identity" }, "Create your identity first (My vault → Identity): packets are signed by it and addressed to it."],
  [{ kind: "identity-not-found", fingerprint: "SHA256:abc" }, "None of your identities has the fingerprint SHA256:abc, so nothing was signed. Choose one of your identities and try again."],
  [{ kind: "draft-invalid", issues: [{ code: "too_big", path: ["custody"], origin: "array", maximum: 3 }] }, "The draft could not be kept (custody: more than 3 items)."],
  [{ kind: "draft-for-another-case" }, "The draft does not belong to this case."],
  [{ kind: "blank-claim", position: 2 }, "Claim 2 has no statement yet, so no packet can be sent: write it on the Claims tab, or remove the claim, and save the case."],
  [{ kind: "outbox-entry-missing" }, "The packet was built, but its outbox record is gone; export it again."],
  [{ kind: "export-failed", detail: "disk full" }, "The packet could not be built (disk full); nothing was saved."],
];

const violations: [Violation, string][] = [
  [{ kind: "unknown-person", memberId: "m9" }, "m9 is not in the expert registry; enrol them (with a verified fingerprint) first."],
  [{ kind: "duplicate-seat", memberId: "m1" }, "m1 holds more than one seat; each person sits once."],
  [{ kind: "too-few-regions", regions: 3, required: 4, seats: 5 }, "The 5 seats come from 3 of the 5 UN regional groups; at least 4 are required."],
  [{ kind: "region-over-share", region: "western-european-and-others-states", count: 3, max: 2, seats: 5 }, "3 of 5 seats go to the Western European and other States group (WEOG); at most 2 are allowed."],
  [{ kind: "region-over-share", region: "african-states", count: 2, max: 1, seats: 3 }, "2 of 3 seats go to the African States group (AG); at most 1 is allowed."],
  [
    { kind: "conflicted-member", memberId: "m1", name: "Dr. Bogdan Veres", reasons: [{ kind: "nationality", state: "BB" }, { kind: "affiliation", state: "CC" }] },
    "Dr. Bogdan Veres has a conflict of interest (nationality BB is a party to the case; an affiliation is tied to CC, a party to the case); record a waiver with a reason, or choose someone else.",
  ],
  [{ kind: "conflicted-chair", memberId: "m1", name: "Ana", reasons: [{ kind: "nationality", state: "AA" }] }, "Ana cannot chair this panel: nationality AA is a party to the case. A chair can never be conflicted, even with a waiver."],
  [{ kind: "waiver-without-reason", memberId: "m1" }, "The waiver for m1 has no reason; a waiver must say why the conflict is acceptable."],
];

describe("case sentences", () => {
  it.each(cases)("case refusal %j", (e, s) => expect(describeCaseError(e)).toBe(s));
  it.each(violations)("composition %j", (v, s) => expect(describeViolation(v)).toBe(s));

  it("names people by their display name when it is known", () => {
    expect(describeViolation({ kind: "waiver-without-reason", memberId: "m1" }, new Map([["m1", "Ines Okafor"]]))).toBe("The waiver for Ines Okafor has no reason; a waiver must say why the conflict is acceptable.");
  });

  it("words a custody flag", () => {
    const observed = "9".repeat(64);
    expect(describeCustodyFlag({ event: 1, observed, expected: "2".repeat(64), attachmentName: "b.bin" })).toBe(
      `The SHA-256 recorded at this step (${"9".repeat(16)}…) differs from "b.bin" (${"2".repeat(16)}…): the file changed after this step.`,
    );
    expect(describeCustodyFlag({ event: 0, observed, expected: undefined, attachmentName: undefined })).toBe(
      `The SHA-256 recorded at this step (${"9".repeat(16)}…) matches no attachment of this item: the attachment is not the file that was handled here.`,
    );
  });

  it("describes a STIX bundle's errors in one sentence, the first twenty of them", () => {
    const indicator = (n: number, extra: Record<string, unknown>) => ({
      type: "indicator",
      spec_version: "2.1",
      id: `indicator--${String(n).padStart(8, "0")}-0000-4000-8000-000000000000`,
      created: "2024-01-01T00:00:00Z",
      modified: "2024-01-01T00:00:00Z",
      pattern: "[file:name = 'x']",
      pattern_type: "stix",
      valid_from: "2024-01-01T00:00:00Z",
      ...extra,
    });
    const bundle = (...objects: unknown[]) => JSON.stringify({ type: "bundle", id: "bundle--00000000-0000-4000-8000-000000000000", objects });
    const one = importStixBundle(bundle(indicator(0, { valid_from: "yesterday" })));
    expect(!one.ok && describeStixErrors(one.error)).toBe(
      "The STIX bundle is not valid, so nothing was imported (1 error): $.objects[0].valid_from: must be an RFC 3339 UTC timestamp such as 2024-05-01T12:00:00Z.",
    );
    const many = importStixBundle(bundle(...Array.from({ length: 25 }, (_, i) => indicator(i, { pattern: "" }))));
    const sentence = many.ok ? "" : describeStixErrors(many.error);
    expect(sentence).toMatch(/^The STIX bundle is not valid, so nothing was imported \(25 errors\): \$\.objects\[0\]\.pattern: /);
    expect(sentence).toContain("$.objects[19].pattern");
    expect(sentence).not.toContain("$.objects[20].pattern");
    expect(sentence.endsWith("; ….")).toBe(true);
  });
});
