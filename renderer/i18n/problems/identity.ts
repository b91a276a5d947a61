/** Sentences for identity cards, one's own identities and contacts (shared/identity/). */
import { msg, t } from "@lingui/core/macro";
import { IDENTITY_CARD_VERSION, type CardError, type CardMalformation } from "../../../shared/identity/identity-card";
import type { ContactProblem, IdentityProblem } from "../../../shared/worker/problem";
import { describeAgeError, describeJsonError, describeOpenSshKeyError, describeSignatureError, quote, recipientProblem } from "./formats";
import { describeIssues } from "./issues";

/** What is wrong with a file that is not a well-formed card (shown inside the card sentence). */
export function describeCardMalformation(m: CardMalformation): string {
  switch (m.kind) {
    case "not-unicode":
      return t`it is not valid Unicode text`;
    case "too-large":
      return t`it is far too large for an identity card`;
    case "not-one-line":
      return t`it must be one line of JSON ending with a line feed`;
    case "json":
      return describeJsonError(m.error);
    case "not-a-card-file": {
      const issues = describeIssues(m.issues);
      return t`it is not a card file: ${issues}`;
    }
    case "other-type":
      return t`it is not an Attribution Panel identity card`;
    case "invalid-fields":
      return describeIssues(m.issues);
    case "card-bytes-not-found":
      return t`the card's bytes could not be located in the file`;
    case "armor-layout":
      return t`the signature's armor is not in the standard layout`;
    case "signing-key": {
      const key = describeOpenSshKeyError(m.error);
      return t`signingKey: ${key}`;
    }
    case "signing-key-form":
      return t`signingKey must be exactly \`ssh-ed25519 <base64>\`, without a comment`;
  }
}

export function describeCardError(error: CardError): string {
  switch (error.kind) {
    case "malformed": {
      const detail = describeCardMalformation(error.problem);
      return t`This is not a valid identity card (${detail}); ask its owner to export it again and send the file unchanged.`;
    }
    case "not-canonical": {
      const offset = error.offset;
      return t`This identity card was changed after it was exported (it differs from its exact form at byte ${offset}, as when an editor reformats it); ask its owner for the original file.`;
    }
    case "unsupported-version": {
      const version = error.version;
      const supported = IDENTITY_CARD_VERSION;
      return t`This identity card uses format version ${version}, which this version of the app cannot read; update the app or ask its owner for a version ${supported} card.`;
    }
    case "bad-signature": {
      if (error.cause.kind === "unknown-key") {
        const fingerprint = error.cause.fingerprint;
        return t`This identity card is signed by a key (${fingerprint}) other than the one it names, so it is not self-signed and is refused.`;
      }
      const cause = describeSignatureError(error.cause);
      return t`This identity card's self-signature does not check: ${cause}`;
    }
    case "fingerprint-mismatch": {
      const stated = quote(error.stated);
      const actual = error.actual;
      return t`This identity card states the fingerprint ${stated}, but its signing key's fingerprint is ${actual}; the card is forged or broken and is refused.`;
    }
    case "invalid-age-recipient": {
      const detail = error.cause.kind === "low-order-point" ? t`it is a low-order point that would not keep files secret` : error.cause.kind === "invalid-recipient" ? recipientProblem(error.cause.reason) : describeAgeError(error.cause);
      return t`This identity card's age recipient cannot be used (${detail}); the card is refused, since files encrypted to it might not reach its owner.`;
    }
    case "invisible-characters":
      return error.fields.includes("displayName")
        ? t`The name on this identity card contains invisible characters (such as a zero-width space), which could make it pass for another person's name; the card is refused. Ask its owner to correct the name (My vault, Identity, Edit details) and to send the new card.`
        : t`The affiliation on this identity card contains invisible characters (such as a zero-width space), which could make it pass for another one; the card is refused. Ask its owner to correct it (My vault, Identity, Edit details) and to send the new card.`;
  }
}

export function describeIdentityProblem(error: IdentityProblem): string {
  switch (error.kind) {
    case "invalid-details": {
      const issues = describeIssues(error.issues);
      return t`These details cannot be used: ${issues}.`;
    }
    case "invalid-region":
      return t`Choose one of the five UN regional groups.`;
    case "unchanged":
      return t`Nothing was changed: the details are the ones the identity already has.`;
    case "malformed-record": {
      const issues = describeIssues(error.issues);
      return t`The stored identity is damaged and cannot be read (${issues}); restore it from a backup.`;
    }
    case "inconsistent-keys":
      return t`The stored identity is damaged: the Ed25519 public key stored with the secret does not belong to it. Restore it from a backup; it will not be used to sign.`;
  }
}

function invalidTransition(error: Extract<ContactProblem, { kind: "invalid-transition" }>): string {
  switch (error.action) {
    case "confirm":
      return error.from === "trusted" ? t`This contact is trusted, so its fingerprint cannot be confirmed now.` : t`This contact is revoked, so its fingerprint cannot be confirmed now.`;
    case "revoke":
      return t`This contact is already revoked.`;
    case "update":
      return t`This contact is revoked, so its card is kept as it was and cannot be replaced.`;
  }
}

export function describeContactProblem(error: ContactProblem): string {
  switch (error.kind) {
    case "invalid-card": {
      const card = describeCardError(error.error);
      return t`The card was not imported. ${card}`;
    }
    case "fingerprint-mismatch": {
      const group = error.group;
      return group === undefined
        ? t`The fingerprint does not match this contact's card; do not trust it until you have compared it again with its owner.`
        : t`The fingerprint does not match this contact's card from group ${group} on; compare it again with its owner, and do not trust the card if it still differs.`;
    }
    case "invalid-transition":
      return invalidTransition(error);
    case "invalid-reason": {
      const issues = describeIssues(error.issues, msg({ message: "The reason", context: "field named in an error" }));
      return t`Give a reason for revoking this contact: ${issues}.`;
    }
    case "different-key":
      return t`The new card has another signing key, so it is a different identity and must be imported and verified as a new contact.`;
    case "malformed-record": {
      const issues = describeIssues(error.issues);
      return t`A stored contact is malformed (${issues}).`;
    }
    case "no-update":
      return t`That card brings no change to a known contact.`;
  }
}
