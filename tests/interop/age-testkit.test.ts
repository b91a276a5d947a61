/**
 * The age test kit (C2SP CCTV, npm package cctv-age): every vector with its
 * expected outcome — success with the right plaintext, or the right class of
 * failure (armor, header, HMAC, no match, payload) — not only the happy ones.
 *
 * The kit's post-quantum "hybrid" vectors (ML-KEM-768 + X25519 recipients,
 * AGE-SECRET-KEY-PQ-1… identities) are outside what Attribution Panel
 * implements; for them the test checks that such identities are refused
 * with a typed error, and that files using them are never decrypted.
 */
import { createHash } from "node:crypto";
import { inflateSync } from "node:zlib";
import * as kit from "cctv-age";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { decryptStream, parseIdentity, type AgeDecryptionKey, type AgeError } from "../../shared/formats/age/age";
import { ageErrorOf } from "../../shared/formats/age/errors";

type Vector = { name: string; expect: string; payload?: string; identities: string[]; passphrases: string[]; armored: boolean; comment?: string; file: Uint8Array };

function parseVector(name: string, raw: Uint8Array): Vector {
  const split = Buffer.from(raw).indexOf("\n\n");
  const meta = Buffer.from(raw.subarray(0, split)).toString("utf8").split("\n");
  const field = (k: string) => meta.filter((l) => l.startsWith(`${k}: `)).map((l) => l.slice(k.length + 2));
  let file = raw.subarray(split + 2);
  const compressed = field("compressed")[0];
  if (compressed !== undefined) {
    expect(compressed).toBe("zlib");
    file = new Uint8Array(inflateSync(file));
  }
  return {
    name,
    expect: field("expect")[0] ?? "",
    payload: field("payload")[0],
    identities: field("identity"),
    passphrases: field("passphrase"),
    armored: field("armored")[0] === "yes",
    comment: field("comment")[0],
    file,
  };
}

const vectors = Object.entries(kit as unknown as Record<string, Uint8Array>)
  .filter(([name, v]) => name !== "default" && v instanceof Uint8Array)
  .map(([name, v]) => parseVector(name, v));
const isHybrid = (v: Vector) => v.identities.some((i) => i.startsWith("AGE-SECRET-KEY-PQ-1")) || v.name.includes("hybrid");

/** The kit's outcome classes, from our typed errors. */
function outcomeOf(error: AgeError): string {
  switch (error.kind) {
    case "malformed-armor":
      return "armor failure";
    case "unsupported-version":
    case "malformed-header":
      return "header failure";
    case "header-tampered":
      return "HMAC failure";
    case "not-a-recipient":
      return "no match";
    case "truncated":
      return error.part === "header" ? "header failure" : "payload failure";
    case "malformed-payload":
    case "trailing-data":
    case "tampered":
      return "payload failure";
    case "invalid-recipient":
    case "invalid-identity":
      return "bad key";
  }
}

async function run(file: Uint8Array, keys: AgeDecryptionKey[], armor?: boolean) {
  const out: Uint8Array[] = [];
  const writer = decryptStream(keys, { armor });
  const reading = (async () => {
    const reader = writer.readable.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      out.push(value);
    }
  })();
  const w = writer.writable.getWriter();
  let error: AgeError | undefined;
  try {
    // Feed in odd-sized pieces so the incremental parsers meet every boundary.
    for (let i = 0; i < file.length; i += 4093) await w.write(file.subarray(i, i + 4093));
    await w.close();
    await reading;
  } catch (thrown) {
    error = ageErrorOf(thrown);
    if (!error) throw thrown;
    await reading.catch(() => undefined);
  }
  const hash = createHash("sha256");
  for (const o of out) hash.update(o);
  return { error, released: hash.digest("hex") };
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

describe("age test kit", () => {
  it("holds the vectors we expect", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(140);
    expect(new Set(vectors.map((v) => v.expect))).toEqual(new Set(["success", "header failure", "armor failure", "payload failure", "HMAC failure", "no match"]));
  });

  for (const v of vectors.filter((x) => !isHybrid(x))) {
    it(`${v.name}: ${v.expect}${v.comment ? ` (${v.comment})` : ""}`, async () => {
      const keys: AgeDecryptionKey[] = [
        ...v.identities.map((i) => {
          const parsed = parseIdentity(i);
          if (!parsed.ok) throw new Error(`kit identity refused: ${i}`);
          return { kind: "x25519" as const, secretKey: parsed.value };
        }),
        ...v.passphrases.map((p) => ({ kind: "passphrase" as const, passphrase: p })),
      ];
      const { error, released } = await run(v.file, keys, v.armored);
      expect(error ? outcomeOf(error) : "success").toBe(v.expect);
      // For success, the plaintext; for a payload failure, what was released before it.
      if (v.payload !== undefined) expect(released).toBe(v.payload);
      if (v.expect !== "success" && v.expect !== "payload failure") expect(released).toBe(createHash("sha256").digest("hex"));
    });
  }

  it("refuses post-quantum identities, which it does not implement, with a typed error", () => {
    const hybrid = vectors.filter(isHybrid);
    expect(hybrid.length).toBeGreaterThan(0);
    for (const v of hybrid) {
      for (const i of v.identities.filter((x) => x.startsWith("AGE-SECRET-KEY-PQ-1"))) {
        expect(parseIdentity(i)).toMatchObject({ ok: false, error: { kind: "invalid-identity" } });
      }
    }
  });

  it("never decrypts a hybrid-recipient file with an X25519 identity it was not made for", async () => {
    for (const v of vectors.filter(isHybrid)) {
      const keys = v.identities.map((i) => parseIdentity(i)).filter((r) => r.ok).map((r) => ({ kind: "x25519" as const, secretKey: (r as { value: Uint8Array }).value }));
      const { error } = await run(v.file, keys, v.armored);
      if (v.expect !== "success" || keys.length === 0) expect(error).toBeDefined();
    }
  });
});
