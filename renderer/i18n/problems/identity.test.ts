import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { CardError } from "../../../shared/identity/identity-card";
import type { ContactProblem, IdentityProblem } from "../../../shared/worker/problem";
import { describeCardError, describeContactProblem, describeIdentityProblem } from "./identity";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

const cards: [CardError, string][] = [
  [{ kind: "malformed", problem: { kind: "not-one-line" } }, "This is not a valid identity card (it must be one line of JSON ending with a line feed); ask its owner to export it again and send the file unchanged."],
  [
    { kind: "malformed", problem: { kind: "invalid-fields", issues: [{ code: "too_big", path: ["displayName"], origin: "string", maximum: 100 }] } },
    "This is not a valid identity card (The display name is longer than 100 characters); ask its owner to export it again and send the file unchanged.",
  ],
  [{ kind: "not-canonical", offset: 3 }, "This identity card was changed after it was exported (it differs from its exact form at byte 3, as when an editor reformats it); ask its owner for the original file."],
  [{ kind: "unsupported-version", version: "2" }, "This identity card uses format version 2, which this version of the app cannot read; update the app or ask its owner for a version 1 card."],
  [{ kind: "bad-signature", cause: { kind: "unknown-key", fingerprint: "SHA256:k" as never } }, "This identity card is signed by a key (SHA256:k) other than the one it names, so it is not self-signed and is refused."],
  [{ kind: "bad-signature", cause: { kind: "bad-signature" } }, "This identity card's self-signature does not check: The signature does not match this document: the document or the signature changed after signing, or they do not belong together."],
  [{ kind: "fingerprint-mismatch", stated: "a\nb", actual: "SHA256:k" as never }, 'This identity card states the fingerprint "a\\nb", but its signing key\'s fingerprint is SHA256:k; the card is forged or broken and is refused.'],
  [{ kind: "invalid-age-recipient", cause: { kind: "low-order-point" } }, "This identity card's age recipient cannot be used (it is a low-order point that would not keep files secret); the card is refused, since files encrypted to it might not reach its owner."],
  [
    { kind: "invisible-characters", fields: ["displayName", "affiliation"] },
    "The name on this identity card contains invisible characters (such as a zero-width space), which could make it pass for another person's name; the card is refused. Ask its owner to correct the name (My vault, Identity, Edit details) and to send the new card.",
  ],
  [
    { kind: "invisible-characters", fields: ["affiliation"] },
    "The affiliation on this identity card contains invisible characters (such as a zero-width space), which could make it pass for another one; the card is refused. Ask its owner to correct it (My vault, Identity, Edit details) and to send the new card.",
  ],
];
const identities: [IdentityProblem, string][] = [
  [{ kind: "invalid-details", issues: [{ code: "custom", path: ["nationality"], reason: "not-a-country-code" }] }, "These details cannot be used: nationality: not an ISO 3166-1 alpha-2 country code (such as FR or CH)."],
  [
    { kind: "invalid-details", issues: [{ code: "custom", path: ["displayName"], reason: "invisible-characters" }] },
    "These details cannot be used: The display name contains invisible characters (such as a zero-width space), which could make it pass for another name; remove them.",
  ],
  [{ kind: "invalid-region" }, "Choose one of the five UN regional groups."],
  [{ kind: "unchanged" }, "Nothing was changed: the details are the ones the identity already has."],
  [{ kind: "malformed-record", issues: [{ code: "custom", path: ["signingSecretKey"], reason: "not-canonical-base64" }] }, "The stored identity is damaged and cannot be read (signingSecretKey: a secret key is not canonical base64 of the right length); restore it from a backup."],
  [{ kind: "inconsistent-keys" }, "The stored identity is damaged: the Ed25519 public key stored with the secret does not belong to it. Restore it from a backup; it will not be used to sign."],
];
const contacts: [ContactProblem, string][] = [
  [{ kind: "invalid-card", error: { kind: "not-canonical", offset: 0 } }, "The card was not imported. This identity card was changed after it was exported (it differs from its exact form at byte 0, as when an editor reformats it); ask its owner for the original file."],
  [{ kind: "fingerprint-mismatch" }, "The fingerprint does not match this contact's card; do not trust it until you have compared it again with its owner."],
  [{ kind: "fingerprint-mismatch", group: 3 }, "The fingerprint does not match this contact's card from group 3 on; compare it again with its owner, and do not trust the card if it still differs."],
  [{ kind: "invalid-transition", from: "trusted", action: "confirm" }, "This contact is trusted, so its fingerprint cannot be confirmed now."],
  [{ kind: "invalid-transition", from: "revoked", action: "revoke" }, "This contact is already revoked."],
  [{ kind: "invalid-transition", from: "revoked", action: "update" }, "This contact is revoked, so its card is kept as it was and cannot be replaced."],
  [{ kind: "invalid-reason", issues: [{ code: "too_small", path: [], origin: "string", minimum: 1 }] }, "Give a reason for revoking this contact: The reason is empty."],
  [{ kind: "different-key" }, "The new card has another signing key, so it is a different identity and must be imported and verified as a new contact."],
  [{ kind: "malformed-record", issues: [{ code: "invalid_type", path: ["trust"], expected: "object" }] }, "A stored contact is malformed (trust: expected object)."],
  [{ kind: "no-update" }, "That card brings no change to a known contact."],
];

describe("identity sentences", () => {
  it.each(cards)("card %j", (e, s) => expect(describeCardError(e)).toBe(s));
  it.each(identities)("identity %j", (e, s) => expect(describeIdentityProblem(e)).toBe(s));
  it.each(contacts)("contact %j", (e, s) => expect(describeContactProblem(e)).toBe(s));
});
