import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { contactFromRecord, contactToRecord } from "./contact-record";
import { ContactProblemSchema } from "../worker/problem";
import { acceptCardUpdate, confirmFingerprint, importContact, revokeContact, type Contact, type ContactError } from "./contacts";
import { exportIdentityCard, identityCardOf, importIdentityCard, type VerifiedCard } from "./identity-card";
import { TEST_NOW, signCardFile, testIdentity } from "./identity.testing";
import { groupFingerprintForReading } from "./fingerprint-reading";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

const later = new Date("2025-03-15T10:00:00.000Z");
const latest = new Date("2025-03-16T11:00:00.000Z");
const alice = testIdentity({ displayName: "Alice Mwangi", nationality: "KE" });
const bob = testIdentity({ displayName: "Bob Tanaka", region: "asia-pacific-states", nationality: "JP" });

function imported(file: string, contacts: readonly Contact[] = []): Contact {
  const result = importContact(contacts, file, TEST_NOW);
  if (!result.ok || result.value.kind !== "new") throw new Error(`expected a new contact, got ${JSON.stringify(result)}`);
  return result.value.contact;
}

function verified(file: string): VerifiedCard {
  const result = importIdentityCard(file);
  if (!result.ok) throw new Error("card refused");
  return result.value;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: ContactError }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const errorKind = (result: { ok: boolean; error?: ContactError }) => (result.ok ? "ok" : result.error?.kind);

describe("import", () => {
  it("starts every new contact unverified", () => {
    const contact = imported(exportIdentityCard(alice));
    expect(contact.trust).toEqual({ state: "unverified" });
    expect(contact.importedAt).toBe(TEST_NOW.toISOString());
    expect(contact.card.card.displayName).toBe("Alice Mwangi");
  });

  it("refuses a tampered card with its card error", () => {
    const result = importContact([], exportIdentityCard(alice).replace("Alice", "Alicia"), TEST_NOW);
    expect(!result.ok && result.error.kind === "invalid-card" && result.error.error.kind).toBe("bad-signature");
  });

  it("recognises the same card again without changing anything", () => {
    const contact = unwrap(confirmFingerprint(imported(exportIdentityCard(alice)), verified(exportIdentityCard(alice)).fingerprint, later));
    const again = unwrap(importContact([contact], exportIdentityCard(alice), latest));
    expect(again).toEqual({ kind: "already-known", contact });
  });

  it("reports, and does not apply, other details under a known signing key", () => {
    const contact = unwrap(confirmFingerprint(imported(exportIdentityCard(alice)), verified(exportIdentityCard(alice)).fingerprint, later));
    const moved = signCardFile({ ...identityCardOf(alice), affiliation: "Another University", nationality: "TZ" }, alice.signing);
    const result = unwrap(importContact([contact], moved, latest));
    expect(result.kind).toBe("details-changed");
    if (result.kind !== "details-changed") return;
    expect(result.changes).toEqual(["nationality", "affiliation"]);
    expect(result.existing).toBe(contact);
    expect(contact.card.card.affiliation).toBe(alice.details.affiliation);

    const updated = unwrap(acceptCardUpdate(contact, result.incoming));
    expect(updated.card.card.affiliation).toBe("Another University");
    expect(updated.trust).toEqual(contact.trust);
  });

  it("reports a new age key under a known signing key as a change", () => {
    const contact = imported(exportIdentityCard(alice));
    const rekeyed = signCardFile({ ...identityCardOf(alice), ageRecipient: identityCardOf(bob).ageRecipient }, alice.signing);
    const result = unwrap(importContact([contact], rekeyed, latest));
    expect(result.kind === "details-changed" && result.changes).toEqual(["ageRecipient"]);
  });

  it("keeps different signing keys apart", () => {
    const a = imported(exportIdentityCard(alice));
    expect(unwrap(importContact([a], exportIdentityCard(bob), later)).kind).toBe("new");
    expect(errorKind(acceptCardUpdate(a, verified(exportIdentityCard(bob))))).toBe("different-key");
  });
});

describe("trust transitions", () => {
  const fresh = () => imported(exportIdentityCard(alice));
  const fingerprint = verified(exportIdentityCard(alice)).fingerprint;

  it("trusts only on the card's own fingerprint", () => {
    const trusted = unwrap(confirmFingerprint(fresh(), fingerprint, later));
    expect(trusted.trust).toEqual({ state: "trusted", confirmedAt: later.toISOString() });
  });

  it("accepts the fingerprint as read aloud: grouped, without prefix, across lines", () => {
    const groups = groupFingerprintForReading(fingerprint);
    for (const typed of [groups.join(" "), groups.join("-"), ` SHA256: ${groups.slice(0, 5).join(" ")}\n${groups.slice(5).join(" ")} `, `sha256:${groups.join("")}`]) {
      expect(confirmFingerprint(fresh(), typed, later).ok, typed).toBe(true);
    }
  });

  it("refuses a wrong fingerprint and says which group differs", () => {
    const groups = [...groupFingerprintForReading(fingerprint)];
    const third = groups[2] ?? "";
    groups[2] = third === "AAAA" ? "BBBB" : "AAAA";
    const result = confirmFingerprint(fresh(), groups.join(" "), later);
    expect(result).toEqual({ ok: false, error: { kind: "fingerprint-mismatch", group: 3 } });
  });

  it.each([
    ["another key's fingerprint", verified(exportIdentityCard(bob)).fingerprint],
    ["the fingerprint in other letter case", fingerprint.slice(0, 7) + fingerprint.slice(7).toLowerCase()],
    ["a truncated fingerprint", fingerprint.slice(0, -1)],
    ["a fingerprint with a character more", `${fingerprint}A`],
    ["nothing", ""],
    ["the signing key instead", identityCardOf(alice).signingKey],
  ])("refuses %s", (_name, typed) => {
    expect(errorKind(confirmFingerprint(fresh(), typed, later))).toBe("fingerprint-mismatch");
  });

  it("revokes a trusted contact with a reason and time, keeping when it was trusted", () => {
    const trusted = unwrap(confirmFingerprint(fresh(), fingerprint, later));
    const revoked = unwrap(revokeContact(trusted, "  Key reported lost on 15 March. ", latest));
    expect(revoked.trust).toEqual({ state: "revoked", reason: "Key reported lost on 15 March.", revokedAt: latest.toISOString(), confirmedAt: later.toISOString() });
  });

  it("can revoke an unverified contact found to be false", () => {
    expect(unwrap(revokeContact(fresh(), "Not the person named", later)).trust).toMatchObject({ state: "revoked" });
  });

  it("refuses transitions that do not exist", () => {
    const trusted = unwrap(confirmFingerprint(fresh(), fingerprint, later));
    const revoked = unwrap(revokeContact(trusted, "left the panel", latest));
    expect(confirmFingerprint(trusted, fingerprint, latest)).toEqual({ ok: false, error: { kind: "invalid-transition", from: "trusted", action: "confirm" } });
    expect(confirmFingerprint(revoked, fingerprint, latest)).toEqual({ ok: false, error: { kind: "invalid-transition", from: "revoked", action: "confirm" } });
    expect(revokeContact(revoked, "again", latest)).toEqual({ ok: false, error: { kind: "invalid-transition", from: "revoked", action: "revoke" } });
    expect(errorKind(acceptCardUpdate(revoked, verified(exportIdentityCard(alice))))).toBe("invalid-transition");
  });

  it("requires a readable reason to revoke", () => {
    for (const reason of ["", "   ", "a\u0000b", "x".repeat(501)]) expect(errorKind(revokeContact(fresh(), reason, later))).toBe("invalid-reason");
  });

  it("leaves the contact it was given unchanged", () => {
    const contact = fresh();
    const copy = structuredClone(contact);
    unwrap(confirmFingerprint(contact, fingerprint, later));
    expect(contact).toEqual(copy);
  });
});

describe("stored form", () => {
  it("round-trips through JSON, re-verifying the card", () => {
    const trusted = unwrap(confirmFingerprint(imported(exportIdentityCard(bob)), verified(exportIdentityCard(bob)).fingerprint, later));
    for (const contact of [imported(exportIdentityCard(alice)), trusted, unwrap(revokeContact(trusted, "conflict of interest", latest))]) {
      const back = contactFromRecord(JSON.parse(JSON.stringify(contactToRecord(contact))));
      expect(back).toEqual({ ok: true, value: contact });
    }
  });

  it("refuses a record whose card was altered", () => {
    const record = contactToRecord(imported(exportIdentityCard(alice)));
    const result = contactFromRecord({ ...record, cardFile: record.cardFile.replace("KE", "UG") });
    expect(!result.ok && result.error.kind).toBe("invalid-card");
  });

  it("refuses malformed records", () => {
    const record = contactToRecord(imported(exportIdentityCard(alice)));
    for (const bad of [null, {}, { ...record, trust: { state: "trusted" } }, { ...record, trust: { state: "revoked", reason: "", revokedAt: record.importedAt } }, { ...record, version: 2 }]) {
      expect(errorKind(contactFromRecord(bad) as never)).toBe("malformed-record");
    }
  });
});

describe("contact errors as values", () => {
  it("cross the worker boundary as they are: the schema accepts every kind", () => {
    const errors: ContactError[] = [
      { kind: "invalid-card", error: { kind: "not-canonical", offset: 0 } },
      { kind: "fingerprint-mismatch" },
      { kind: "fingerprint-mismatch", group: 2 },
      { kind: "invalid-transition", from: "trusted", action: "confirm" },
      { kind: "invalid-transition", from: "revoked", action: "revoke" },
      { kind: "invalid-transition", from: "revoked", action: "update" },
      { kind: "invalid-reason", issues: [{ code: "too_small", path: [], origin: "string", minimum: 1 }] },
      { kind: "different-key" },
    ];
    for (const e of errors) expect(ContactProblemSchema.parse(e)).toEqual(e);
  });
});
