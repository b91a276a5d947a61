import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ed25519KeyPair, fromHex, loadCrypto } from "../crypto/sodium";
import { bytesEqual, fromUtf8, utf8 } from "../encoding/bytes";
import { encodeRecipient } from "../formats/age/age";
import { sshFingerprint, toOpenSshPublicKey } from "../formats/openssh-key";
import { SIGNATURE_NAMESPACES } from "../formats/sshsig";
import { exportIdentityCard, identityCardOf, importIdentityCard, type CardError } from "./identity-card";
import { CardErrorSchema } from "../worker/problem";
import { fixedIdentity, signCardFile, testIdentity } from "./identity.testing";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error(`libsodium did not load: ${JSON.stringify(loaded.error)}`);

// fixedIdentity()'s card. Checked independently: `ssh-keygen -Y verify -n
// identity-card@attribution-panel` (OpenSSH 9.2p1) accepts the signature over
// the card bytes, `ssh-keygen -lf` prints the fingerprint and `age-keygen -y`
// prints the recipient for RFC 7748's Alice key.
const KAT_FILE =
  '{"card":{"affiliation":"Example Institute","ageRecipient":"age1s5s0qzvfxzn4gayt0hwtg0hhtgxm7wsdycup4a8t5j5ca25mfe4qt4hs7q","created":"2025-01-02T03:04:05.006Z",' +
  '"displayName":"Test Panelist","fingerprint":"SHA256:bbXpuKG6zhzdmnxq256TlqzFBzRl2f6OOg722cYNbU8","nationality":"CH","region":"western-european-and-others-states",' +
  '"signingKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea","type":"attribution-panel/identity-card","version":1},' +
  '"signature":"-----BEGIN SSH SIGNATURE-----\\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg11qYAYKxCrfVS/7TyWQHOg7hcv\\nPapiMlrwIaaPcHURoAAAAfaWRlbnRpdHktY2FyZEBhdHRyaWJ1dGlvbi1wYW5lbAAAAAAA\\n' +
  'AAAGc2hhNTEyAAAAUwAAAAtzc2gtZWQyNTUxOQAAAEB+B/iQPTOmXnO61bP1WwrjS7iy+4\\nLKQ/QKKpaMs6mJbqwjthqnzqTlQmGkHrbYDFRRvbmiIPPZcbdv6kJjzSkD\\n-----END SSH SIGNATURE-----\\n"}\n';

const owner = testIdentity({ displayName: "Zoë Ñúñez 李小龍 👩🏽‍💻" });
const file = exportIdentityCard(owner);
const card = identityCardOf(owner);
const stranger = testIdentity();

function refusal(input: string | Uint8Array): CardError {
  const result = importIdentityCard(input);
  if (result.ok) throw new Error("the card was accepted");
  return result.error;
}

describe("export and import", () => {
  it("writes the known-answer card for fixed keys", () => {
    expect(exportIdentityCard(fixedIdentity())).toBe(KAT_FILE);
    expect(importIdentityCard(KAT_FILE).ok).toBe(true);
  });

  it("round-trips, with every field derived from the identity's keys", () => {
    const result = importIdentityCard(file);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const verified = result.value;
    expect(verified.card).toEqual(card);
    expect(verified.card).toMatchObject({ type: "attribution-panel/identity-card", version: 1, displayName: "Zoë Ñúñez 李小龍 👩🏽‍💻", created: owner.created });
    expect(verified.signingPublicKey).toEqual(owner.signing.publicKey);
    expect(verified.agePublicKey).toEqual(owner.encryption.publicKey);
    expect(verified.fingerprint).toBe(sshFingerprint(owner.signing.publicKey));
    expect(verified.card.signingKey).toBe(toOpenSshPublicKey(owner.signing.publicKey));
    expect(verified.ageRecipient).toBe(encodeRecipient(owner.encryption.publicKey));
    expect(verified.file).toBe(file);
  });

  it("is one line of canonical JSON whose signed bytes are the received slice after {\"card\":", () => {
    expect(file.indexOf("\n")).toBe(file.length - 1);
    const result = importIdentityCard(utf8(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const bytes = utf8(file);
    const prefix = utf8('{"card":').length;
    expect(bytesEqual(result.value.cardBytes, bytes.subarray(prefix, prefix + result.value.cardBytes.length))).toBe(true);
    // Byte offsets: the display name is not ASCII.
    expect(fromUtf8(bytes.subarray(prefix + result.value.cardBytes.length))?.startsWith(',"signature":"-----BEGIN SSH SIGNATURE-----\\n')).toBe(true);
  });

  it("is deterministic: one identity, one card file", () => {
    expect(exportIdentityCard(owner)).toBe(file);
  });
});

describe("tampering", () => {
  it("refuses any single-character substitution, insertion or deletion with a typed error", () => {
    const interesting = fc.constantFrom('"', "\\", " ", "\n", "\r", "{", "}", ",", ":", "0", "1", "A", "a", "Z", "+", "/", "=", "-", "é", "\u0000");
    const anyChar = fc.oneof(interesting, fc.string({ unit: "binary", minLength: 1, maxLength: 1 }));
    fc.assert(
      fc.property(fc.nat({ max: file.length }), anyChar, fc.constantFrom("substitute", "insert", "delete"), (index, char, edit) => {
        const at = Math.min(index, file.length - 1);
        const changed =
          edit === "insert" ? file.slice(0, index) + char + file.slice(index) : edit === "delete" ? file.slice(0, at) + file.slice(at + 1) : file.slice(0, at) + char + file.slice(at + 1);
        fc.pre(changed !== file);
        const result = importIdentityCard(changed);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(CardErrorSchema.safeParse(result.error).success).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it("refuses a changed field with bad-signature", () => {
    const changed = file.replace('"nationality":"SN"', '"nationality":"SO"');
    expect(changed).not.toBe(file);
    const error = refusal(changed);
    expect(error.kind === "bad-signature" && error.cause.kind).toBe("bad-signature");
  });

  it("refuses a reformatted copy as not canonical", () => {
    const pretty = `${JSON.stringify(JSON.parse(file), null, 2)}\n`;
    expect(refusal(pretty).kind).toBe("not-canonical");
    const { card: c, signature } = JSON.parse(file) as { card: unknown; signature: string };
    expect(refusal(`${JSON.stringify({ signature, card: c })}\n`).kind).toBe("not-canonical");
    expect(refusal(file.replace(/\n$/, "\r\n")).kind).toBe("not-canonical");
    expect(refusal(`${file}\n`).kind).toBe("not-canonical");
  });

  it("refuses a file without its final line feed, with a byte-order mark, or that is not JSON", () => {
    for (const bad of [file.slice(0, -1), `\uFEFF${file}`, "", "\n", "hello\n", "[]\n", '{"card":{},"signature":""}\n', "\uD800\n"]) {
      expect(refusal(bad).kind).toBe("malformed");
    }
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x0a])).kind).toBe("malformed");
    expect(refusal(`${file.slice(0, -2)}${" ".repeat(17_000)}}\n`).kind).toBe("malformed");
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 512 }), fc.json().map((j) => `${j}\n`)), (input) => {
        expect(importIdentityCard(input).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary card objects signed in the right layout", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 12 }), fc.boolean(), (fields, typed) => {
        const forged = typed ? { ...fields, type: "attribution-panel/identity-card", version: 1 } : fields;
        const result = importIdentityCard(signCardFile(forged as Record<string, unknown>, owner.signing));
        expect(result.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

describe("cards that are validly signed but wrong", () => {
  const resigned = (change: Record<string, unknown>, keyPair = owner.signing) => refusal(signCardFile({ ...card, ...change }, keyPair));

  it("accepts the unchanged card re-signed with the helper (so the cases below test what they claim)", () => {
    expect(importIdentityCard(signCardFile({ ...card }, owner.signing)).ok).toBe(true);
  });

  it("refuses a fingerprint that is not the signing key's", () => {
    const otherFingerprint = sshFingerprint(stranger.signing.publicKey);
    expect(resigned({ fingerprint: otherFingerprint })).toEqual({ kind: "fingerprint-mismatch", stated: otherFingerprint, actual: card.fingerprint });
    expect(resigned({ fingerprint: card.fingerprint.replace("SHA256:", "sha256:") }).kind).toBe("fingerprint-mismatch");
    expect(resigned({ fingerprint: "" }).kind).toBe("fingerprint-mismatch");
  });

  it("refuses an age recipient that does not encode a usable X25519 key", () => {
    const valid = card.ageRecipient;
    const lastChar = valid.at(-1) === "q" ? "p" : "q";
    for (const ageRecipient of [
      valid.slice(0, -1) + lastChar, // checksum broken
      valid.toUpperCase(),
      "age1qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qurswpc8qur3czx78h", // valid checksum, non-zero padding bits
      encodeRecipient(new Uint8Array(32)), // the zero point, low order
      encodeRecipient(fromHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")), // an order-8 point
      toOpenSshPublicKey(owner.signing.publicKey),
    ]) {
      expect(resigned({ ageRecipient }).kind, ageRecipient).toBe("invalid-age-recipient");
    }
  });

  it("refuses a card signed by a key other than the one it names", () => {
    const error = resigned({}, stranger.signing);
    expect(error.kind === "bad-signature" && error.cause.kind).toBe("unknown-key");
  });

  it("refuses a card naming another key, with that key's fingerprint, signed by its own", () => {
    const error = resigned({ signingKey: toOpenSshPublicKey(stranger.signing.publicKey), fingerprint: sshFingerprint(stranger.signing.publicKey) });
    expect(error.kind === "bad-signature" && error.cause.kind).toBe("unknown-key");
  });

  it("refuses a signature made for another kind of document", () => {
    const error = refusal(signCardFile({ ...card }, owner.signing, SIGNATURE_NAMESPACES.opinion));
    expect(error.kind === "bad-signature" && error.cause.kind).toBe("wrong-namespace");
  });

  it("refuses a later version before reading its fields", () => {
    expect(resigned({ version: 2, newField: true })).toEqual({ kind: "unsupported-version", version: "2" });
    expect(resigned({ version: "1" }).kind).toBe("unsupported-version");
  });

  it.each([
    ["an extra field", { comment: "hi" }],
    ["a missing field", { affiliation: undefined }],
    ["another document type", { type: "attribution-panel/scoresheet" }],
    ["a key comment", { signingKey: `${card.signingKey} laptop` }],
    ["a non-Ed25519 key", { signingKey: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ" }],
    ["a lowercase nationality", { nationality: "sn" }],
    ["an unknown region", { region: "Europe" }],
    ["a bad creation time", { created: "2025-02-30T00:00:00.000Z" }],
    ["a control character in the name", { displayName: "Amina\u0007" }],
  ])("refuses %s as malformed", (_name, change) => {
    const fields = Object.fromEntries(Object.entries({ ...card, ...change }).filter(([, v]) => v !== undefined));
    expect(refusal(signCardFile(fields, owner.signing)).kind).toBe("malformed");
  });

  it("refuses a signature whose armor is valid for ssh-keygen but not in the standard layout", () => {
    const { card: c, signature } = JSON.parse(file) as { card: Record<string, unknown>; signature: string };
    const crlf = signature.replace(/\n/g, "\r\n");
    const text = `{"card":${file.slice(8, file.indexOf(',"signature":'))},"signature":${JSON.stringify(crlf)}}\n`;
    expect(c).toEqual(card);
    expect(refusal(text).kind).toBe("malformed");
  });
});

describe("card errors as values", () => {
  it("cross the worker boundary as they are: the schema accepts every kind", () => {
    const errors: CardError[] = [
      { kind: "malformed", problem: { kind: "json", error: { kind: "syntax", line: 1, column: 2, detail: "x" } } },
      { kind: "malformed", problem: { kind: "invalid-fields", issues: [{ code: "too_big", path: ["displayName"], origin: "string", maximum: 100 }] } },
      { kind: "not-canonical", offset: 3 },
      { kind: "unsupported-version", version: "2" },
      { kind: "bad-signature", cause: { kind: "bad-signature" } },
      { kind: "fingerprint-mismatch", stated: "a\nb".repeat(50), actual: card.fingerprint as never },
      { kind: "invalid-age-recipient", cause: { kind: "low-order-point" } },
      { kind: "invisible-characters", fields: ["displayName", "affiliation"] },
    ];
    for (const e of errors) expect(CardErrorSchema.parse(e)).toEqual(e);
  });
});

describe("fixed keys", () => {
  it("keep the seed's public key", () => {
    expect(fixedIdentity().signing.publicKey).toEqual(ed25519KeyPair(fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")).publicKey);
  });
});
