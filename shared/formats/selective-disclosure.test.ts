/**
 * The selective-disclosure payload (issue 15, "The signed payload") against
 * RFC 9901: its printed disclosures and digests as known answers (typed in
 * as printed, lines joined), every refusal of §7.1, decoys, `sha256sum` as an
 * independent digest, and properties over random documents: any subset of
 * disclosures reveals exactly its parts, and no changed byte goes unnoticed.
 * A failing known answer means the code or the transcription is wrong:
 * recheck against the RFC, never adjust the vector.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { requireTool, run } from "../../tests/support/tools";
import { loadCrypto } from "../crypto/sodium";
import { mustCanonicalJson, parseStrictJson } from "./jcs";
import {
  concealPayload,
  cryptoRandom,
  disclosureDigest,
  disclosureOf,
  parseDisclosure,
  revealPayload,
  revealPayloadWithRest,
  type ConcealOptions,
  type JsonObject,
  type JsonValue,
  type RandomSource,
  type RevealError,
} from "./selective-disclosure";

beforeAll(async () => {
  const loaded = await loadCrypto();
  if (!loaded.ok) throw new Error(`libsodium did not load: ${loaded.error.kind}`);
});

/** A reproducible random source for tests: SHA-256 in counter mode over a seed (never for real salts). */
function seededRandom(seed: number): RandomSource {
  let counter = 0;
  const block = () => createHash("sha256").update(`selective-disclosure-test/${seed}/${counter++}`).digest();
  return {
    bytes: (length) => {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 32) out.set(block().subarray(0, Math.min(32, length - i)), i);
      return out;
    },
    below: (bound) => block().readUInt32BE(0) % bound,
  };
}

const base64url = (text: string) => Buffer.from(text, "utf8").toString("base64url");
const DIGEST_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function refusal(result: ReturnType<typeof revealPayload>): RevealError {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

function conceal(document: JsonObject, marks: string[], options: Partial<ConcealOptions> = {}) {
  const result = concealPayload(document, marks, { random: cryptoRandom, ...options });
  if (!result.ok) throw new Error(`concealPayload refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

// --- RFC 9901 known answers ------------------------------------------------------

describe("RFC 9901 §4.2: disclosures and their digests", () => {
  // §4.2.1, and its digest in §4.2.3.
  const FAMILY_NAME = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJm" + "YW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
  const FAMILY_NAME_DIGEST = "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0";
  // §4.2.1's other spellings of the same claim.
  const ESCAPED_UMLAUT = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNX" + "HUwMGY2Yml1cyJd";
  const NO_WHITE_SPACE = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Y" + "ml1cyJd";
  const NEWLINES = "WwoiXzI2YmM0TFQtYWM2cTJLSTZjQlc1ZXMiLAoiZmFtaWx5X25hbWUiLAoiT" + "cO2Yml1cyIKXQ";
  // §4.2.2, and its digest in §4.2.4.2.
  const FR = "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0";
  const FR_DIGEST = "w0I8EKcdCtUPkGCNUrfwVp2xEgNjtoIDlOxc9-PlOhs";

  it("§4.2.1/§4.2.3: the family_name disclosure reads as printed and hashes to the printed digest", () => {
    expect(parseDisclosure(FAMILY_NAME)).toEqual({ ok: true, value: { kind: "property", salt: "_26bc4LT-ac6q2KI6cBW5es", name: "family_name", value: "Möbius" } });
    expect(disclosureDigest(FAMILY_NAME)).toBe(FAMILY_NAME_DIGEST);
  });

  it("§4.2.1: every spelling of the array is read alike, and each has its own digest", () => {
    const expected = parseDisclosure(FAMILY_NAME);
    for (const spelling of [ESCAPED_UMLAUT, NO_WHITE_SPACE, NEWLINES]) {
      expect(parseDisclosure(spelling)).toEqual(expected);
      expect(disclosureDigest(spelling)).not.toBe(FAMILY_NAME_DIGEST);
    }
  });

  it("§4.2.1: our canonical JSON (RFC 8785) writes the RFC's no-white-space spelling", () => {
    expect(disclosureOf("_26bc4LT-ac6q2KI6cBW5es", "family_name", "Möbius")).toEqual({ encoded: NO_WHITE_SPACE, digest: disclosureDigest(NO_WHITE_SPACE) });
    expect(disclosureOf("lklxF5jMYlGTPUovMNIvCA", undefined, "FR").encoded).toBe(base64url('["lklxF5jMYlGTPUovMNIvCA","FR"]'));
  });

  it("§4.2.2/§4.2.4.2: the array element FR, withheld without its disclosure and put back with it", () => {
    expect(parseDisclosure(FR)).toEqual({ ok: true, value: { kind: "element", salt: "lklxF5jMYlGTPUovMNIvCA", value: "FR" } });
    expect(disclosureDigest(FR)).toBe(FR_DIGEST);
    const payload = { nationalities: ["DE", { "...": FR_DIGEST }, "US"] };
    expect(revealPayload(payload, [])).toEqual({ ok: true, value: { nationalities: ["DE", "US"] } });
    expect(revealPayload(payload, [FR])).toEqual({ ok: true, value: { nationalities: ["DE", "FR", "US"] } });
  });

  it("§4.2.4.1: the family_name digest in an _sd array", () => {
    const payload = { given_name: "Alice", _sd: [FAMILY_NAME_DIGEST] };
    expect(revealPayload(payload, [FAMILY_NAME])).toEqual({ ok: true, value: { given_name: "Alice", family_name: "Möbius" } });
    expect(revealPayload(payload, [])).toEqual({ ok: true, value: { given_name: "Alice" } });
  });
});

describe("RFC 9901 §5.1: the example SD-JWT's payload and disclosures", () => {
  // [printed SHA-256 hash, printed disclosure, printed contents]
  const DISCLOSURES: [string, string, JsonValue][] = [
    ["jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9o" + "biJd", ["2GLC42sKQveCfGfryNRN9w", "given_name", "John"]],
    ["TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo", "WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRv" + "ZSJd", ["eluV5Og3gSNII8EYnsxA_A", "family_name", "Doe"]],
    [
      "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE",
      "WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgImVtYWlsIiwgImpvaG5kb2VA" + "ZXhhbXBsZS5jb20iXQ",
      ["6Ij7tM-a5iVPGboS5tmvVA", "email", "johndoe@example.com"],
    ],
    [
      "PorFbpKuVu6xymJagvkFsFXAbRoc2JGlAUA2BA4o7cI",
      "WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgInBob25lX251bWJlciIsICIr" + "MS0yMDItNTU1LTAxMDEiXQ",
      ["eI8ZWm9QnKPpNPeNenHdhQ", "phone_number", "+1-202-555-0101"],
    ],
    [
      "XQ_3kPKt1XyX7KANkqVR6yZ2Va5NrPIvPYbyMvRKBMM",
      "WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgInBob25lX251bWJlcl92ZXJp" + "ZmllZCIsIHRydWVd",
      ["Qg_O64zqAxe412a108iroA", "phone_number_verified", true],
    ],
    [
      "XzFrzwscM6Gn6CJDc6vVK8BkMnfG8vOSKfpPIZdAfdE",
      "WyJBSngtMDk1VlBycFR0TjRRTU9xUk9BIiwgImFkZHJlc3MiLCB7InN0cmVl" +
        "dF9hZGRyZXNzIjogIjEyMyBNYWluIFN0IiwgImxvY2FsaXR5IjogIkFueXRv" +
        "d24iLCAicmVnaW9uIjogIkFueXN0YXRlIiwgImNvdW50cnkiOiAiVVMifV0",
      ["AJx-095VPrpTtN4QMOqROA", "address", { street_address: "123 Main St", locality: "Anytown", region: "Anystate", country: "US" }],
    ],
    [
      "gbOsI4Edq2x2Kw-w5wPEzakob9hV1cRD0ATN3oQL9JM",
      "WyJQYzMzSk0yTGNoY1VfbEhnZ3ZfdWZRIiwgImJpcnRoZGF0ZSIsICIxOTQw" + "LTAxLTAxIl0",
      ["Pc33JM2LchcU_lHggv_ufQ", "birthdate", "1940-01-01"],
    ],
    ["CrQe7S5kqBAHt-nMYXgc6bdt2SH5aTY1sU_M-PgkjPI", "WyJHMDJOU3JRZmpGWFE3SW8wOXN5YWpBIiwgInVwZGF0ZWRfYXQiLCAxNTcw" + "MDAwMDAwXQ", ["G02NSrQfjFXQ7Io09syajA", "updated_at", 1570000000]],
    ["pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo", "WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0", ["lklxF5jMYlGTPUovMNIvCA", "US"]],
    ["7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0", "WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0", ["nPuoQnkRFq3BIeAm7AnXFA", "DE"]],
  ];
  const JWK = { kty: "EC", crv: "P-256", x: "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc", y: "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ" };
  const PAYLOAD = {
    _sd: [
      "CrQe7S5kqBAHt-nMYXgc6bdt2SH5aTY1sU_M-PgkjPI",
      "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE",
      "PorFbpKuVu6xymJagvkFsFXAbRoc2JGlAUA2BA4o7cI",
      "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo",
      "XQ_3kPKt1XyX7KANkqVR6yZ2Va5NrPIvPYbyMvRKBMM",
      "XzFrzwscM6Gn6CJDc6vVK8BkMnfG8vOSKfpPIZdAfdE",
      "gbOsI4Edq2x2Kw-w5wPEzakob9hV1cRD0ATN3oQL9JM",
      "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4",
    ],
    iss: "https://issuer.example.com",
    iat: 1683000000,
    exp: 1883000000,
    sub: "user_42",
    nationalities: [{ "...": "pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo" }, { "...": "7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0" }],
    _sd_alg: "sha-256",
    cnf: { jwk: JWK },
  };
  // The input JWT Claims Set, plus the claims the payload carries in the clear.
  const CLAIMS = {
    sub: "user_42",
    given_name: "John",
    family_name: "Doe",
    email: "johndoe@example.com",
    phone_number: "+1-202-555-0101",
    phone_number_verified: true,
    address: { street_address: "123 Main St", locality: "Anytown", region: "Anystate", country: "US" },
    birthdate: "1940-01-01",
    updated_at: 1570000000,
    nationalities: ["US", "DE"],
  };

  it("each printed disclosure hashes to its printed digest and reads as its printed contents", () => {
    for (const [digest, encoded, contents] of DISCLOSURES) {
      expect(disclosureDigest(encoded)).toBe(digest);
      const parsed = parseDisclosure(encoded);
      if (!parsed.ok) throw new Error(`refused ${encoded}`);
      const c = parsed.value;
      expect(c.kind === "property" ? [c.salt, c.name, c.value] : [c.salt, c.value]).toEqual(contents);
    }
  });

  it("with every disclosure, in any order, the processed payload is the input claims and the clear ones", () => {
    const all = DISCLOSURES.map(([, encoded]) => encoded);
    const expected = { ...CLAIMS, iss: "https://issuer.example.com", iat: 1683000000, exp: 1883000000, cnf: { jwk: JWK } };
    expect(revealPayload(PAYLOAD, all)).toEqual({ ok: true, value: expected });
    expect(revealPayload(PAYLOAD, [...all].reverse())).toEqual({ ok: true, value: expected });
  });

  it("§5.2: the presentation's four disclosures give the printed Processed SD-JWT Payload", () => {
    const chosen = [1, 5, 0, 8].map((i) => (DISCLOSURES[i] as [string, string, JsonValue])[1]);
    expect(revealPayload(PAYLOAD, chosen)).toEqual({
      ok: true,
      value: {
        iss: "https://issuer.example.com",
        iat: 1683000000,
        exp: 1883000000,
        sub: "user_42",
        nationalities: ["US"],
        cnf: { jwk: JWK },
        family_name: "Doe",
        address: { street_address: "123 Main St", locality: "Anytown", region: "Anystate", country: "US" },
        given_name: "John",
      },
    });
  });
});

describe("RFC 9901 §6.3: recursive disclosures", () => {
  const STREET = "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgInN0cmVldF9hZGRyZXNzIiwg" + "IlNjaHVsc3RyLiAxMiJd";
  const LOCALITY = "WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImxvY2FsaXR5IiwgIlNjaHVs" + "cGZvcnRhIl0";
  const REGION = "WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgInJlZ2lvbiIsICJTYWNoc2Vu" + "LUFuaGFsdCJd";
  const COUNTRY = "WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgImNvdW50cnkiLCAiREUiXQ";
  const ADDRESS =
    "WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgImFkZHJlc3MiLCB7Il9zZCI6" +
    "IFsiNnZoOWJxLXpTNEdLTV83R3BnZ1ZiWXp6dTZvT0dYcm1OVkdQSFA3NVVk" +
    "MCIsICI5Z2pWdVh0ZEZST0NnUnJ0TmNHVVhtRjY1cmRlemlfNkVyX2o3Nmtt" +
    "WXlNIiwgIktVUkRQaDRaQzE5LTN0aXotRGYzOVY4ZWlkeTFvVjNhM0gxRGEy" +
    "TjBnODgiLCAiV045cjlkQ0JKOEhUQ3NTMmpLQVN4VGpFeVc1bTV4NjVfWl8y" +
    "cm8yamZYTSJdfV0";
  const PAYLOAD = {
    _sd: ["HvrKX6fPV0v9K_yCVFBiLFHsMaxcD_114Em6VT8x1lg"],
    iss: "https://issuer.example.com",
    iat: 1683000000,
    exp: 1883000000,
    sub: "6c5c0a49-b589-431d-bae7-219122a9ec2c",
    _sd_alg: "sha-256",
  };
  const CLEAR = { iss: "https://issuer.example.com", iat: 1683000000, exp: 1883000000, sub: "6c5c0a49-b589-431d-bae7-219122a9ec2c" };

  it("the printed digests", () => {
    expect([STREET, LOCALITY, REGION, COUNTRY, ADDRESS].map(disclosureDigest)).toEqual([
      "9gjVuXtdFROCgRrtNcGUXmF65rdezi_6Er_j76kmYyM",
      "6vh9bq-zS4GKM_7GpggVbYzzu6oOGXrmNVGPHP75Ud0",
      "KURDPh4ZC19-3tiz-Df39V8eidy1oV3a3H1Da2N0g88",
      "WN9r9dCBJ8HTCsS2jKASxTjEyW5m5x65_Z_2ro2jfXM",
      "HvrKX6fPV0v9K_yCVFBiLFHsMaxcD_114Em6VT8x1lg",
    ]);
  });

  it("all of them give the whole address; the outer one alone an empty address; the inner ones alone are refused", () => {
    expect(revealPayload(PAYLOAD, [STREET, LOCALITY, REGION, COUNTRY, ADDRESS])).toEqual({
      ok: true,
      value: { ...CLEAR, address: { street_address: "Schulstr. 12", locality: "Schulpforta", region: "Sachsen-Anhalt", country: "DE" } },
    });
    expect(revealPayload(PAYLOAD, [ADDRESS, REGION])).toEqual({ ok: true, value: { ...CLEAR, address: { region: "Sachsen-Anhalt" } } });
    expect(revealPayload(PAYLOAD, [ADDRESS])).toEqual({ ok: true, value: { ...CLEAR, address: {} } });
    expect(revealPayload(PAYLOAD, [])).toEqual({ ok: true, value: CLEAR });
    expect(refusal(revealPayload(PAYLOAD, [STREET, LOCALITY]))).toEqual({ kind: "unreferenced-disclosure", index: 0 });
  });
});

// --- an independent digest --------------------------------------------------------

describe("the digest against coreutils", () => {
  it("equals `printf %s \"$encoded\" | sha256sum`, hex turned into base64url", () => {
    requireTool("sha256sum", "coreutils");
    for (const [name, value] of [["finding", { claim: "c1", estimate: 0.72, term: "likely" }], [undefined, "Évidence n° 3 — 机密"]] as const) {
      const { encoded, digest } = disclosureOf(`salt-${String(name)}`, name, value);
      const out = run("sh", ["-c", 'printf %s "$1" | sha256sum', "sh", encoded]);
      expect(out.status, out.stderr.toString()).toBe(0);
      const hex = /^([0-9a-f]{64}) {2}-\n$/.exec(out.stdout.toString())?.[1];
      if (hex === undefined) throw new Error(`unexpected sha256sum output: ${out.stdout.toString()}`);
      expect(digest).toBe(Buffer.from(hex, "hex").toString("base64url"));
    }
  });
});

// --- concealing -----------------------------------------------------------------------

describe("concealPayload", () => {
  const DOCUMENT = {
    title: "Opinion on the 2026 grid intrusion",
    dissent: { author: "seat-3", text: "The evidence is circumstantial." },
    evidence: [
      { id: "e1", title: "Loader sample", marking: "TLP:CLEAR" },
      { id: "e2", title: "Sinkhole logs", marking: "TLP:RED" },
      { id: "e3", title: "Registrar records", marking: "TLP:AMBER+STRICT" },
    ],
    "a/b~c": 1,
  };

  it("replaces properties by sorted _sd digests and array elements by {\"...\": digest} in place, with _sd_alg at the top", () => {
    const { payload, disclosures } = conceal(DOCUMENT, ["/dissent", "/evidence/1", "/evidence/2/title", "/a~1b~0c"]);
    // In document order, each part after the parts inside it.
    expect(disclosures.map((d) => d.pointer)).toEqual(["/dissent", "/evidence/1", "/evidence/2/title", "/a~1b~0c"]);
    const digest = (pointer: string) => disclosures.find((d) => d.pointer === pointer)?.digest;
    expect(payload).toEqual({
      title: DOCUMENT.title,
      evidence: [DOCUMENT.evidence[0], { "...": digest("/evidence/1") }, { id: "e3", marking: "TLP:AMBER+STRICT", _sd: [digest("/evidence/2/title")] }],
      _sd: [digest("/dissent"), digest("/a~1b~0c")].sort(),
      _sd_alg: "sha-256",
    });
    for (const d of disclosures) {
      expect(d.digest).toMatch(DIGEST_SHAPE);
      expect(disclosureDigest(d.encoded)).toBe(d.digest);
    }
    const contents = disclosures.map((d) => parseDisclosure(d.encoded));
    expect(contents[1]).toEqual({ ok: true, value: { kind: "element", salt: expect.any(String), value: DOCUMENT.evidence[1] } });
    expect(contents[3]).toEqual({ ok: true, value: { kind: "property", salt: expect.any(String), name: "a/b~c", value: 1 } });
    expect(revealPayload(payload, disclosures.map((d) => d.encoded))).toEqual({ ok: true, value: DOCUMENT });
  });

  it("writes each disclosure as canonical JSON with a fresh 128-bit salt", () => {
    const { disclosures } = conceal(DOCUMENT, ["/title", "/dissent/text", "/evidence/0", "/evidence/0/id"]);
    const salts = disclosures.map((d) => {
      const text = Buffer.from(d.encoded, "base64url").toString("utf8");
      const array = JSON.parse(text) as string[];
      const [salt, ...rest] = array;
      expect(disclosureOf(salt as string, rest.length === 2 ? (rest[0] as string) : undefined, rest[rest.length - 1] as JsonValue).encoded).toBe(d.encoded);
      return salt as string;
    });
    for (const salt of salts) expect(Buffer.from(salt, "base64url")).toHaveLength(16);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it("conceals a mark inside a marked part first: the outer disclosure carries the inner digest", () => {
    const { payload, disclosures } = conceal(DOCUMENT, ["/evidence", "/evidence/1", "/evidence/1/marking"]);
    expect(disclosures.map((d) => d.pointer)).toEqual(["/evidence/1/marking", "/evidence/1", "/evidence"]);
    const [marking, element, evidence] = disclosures.map((d) => d.digest);
    expect(payload).toEqual({ title: DOCUMENT.title, dissent: DOCUMENT.dissent, "a/b~c": 1, _sd: [evidence], _sd_alg: "sha-256" });
    const outer = parseDisclosure((disclosures[2] as { encoded: string }).encoded);
    expect(outer.ok && outer.value.value).toEqual([DOCUMENT.evidence[0], { "...": element }, DOCUMENT.evidence[2]]);
    const inner = parseDisclosure((disclosures[1] as { encoded: string }).encoded);
    expect(inner.ok && inner.value.value).toEqual({ id: "e2", title: "Sinkhole logs", _sd: [marking] });
  });

  it("refuses marks that point nowhere or at the root, and documents that already use _sd, ... or _sd_alg", () => {
    const refused = (document: unknown, marks: string[], decoys?: ConcealOptions["decoys"]) => {
      const result = concealPayload(document, marks, { random: cryptoRandom, ...(decoys ? { decoys } : {}) });
      return result.ok ? "accepted" : result.error;
    };
    expect(refused(DOCUMENT, [""])).toEqual({ kind: "mark-at-root" });
    for (const nowhere of ["/missing", "/evidence/3", "/evidence/-", "/evidence/01", "/title/0", "/dissent/author/x", "/a~1b"]) {
      expect(refused(DOCUMENT, [nowhere])).toEqual({ kind: "mark-not-found", pointer: nowhere });
    }
    for (const bad of ["title", "/~2", "/a~"]) expect(refused(DOCUMENT, [bad])).toEqual({ kind: "invalid-pointer", pointer: bad });
    expect(refused(DOCUMENT, ["/title", "/title"])).toEqual({ kind: "duplicate-mark", pointer: "/title" });
    expect(refused({ a: [{ b: { _sd: [] } }] }, [])).toEqual({ kind: "reserved-key", path: "/a/0/b/_sd" });
    expect(refused({ a: [{ "...": "x" }] }, [])).toEqual({ kind: "reserved-key", path: "/a/0/..." });
    expect(refused({ _sd_alg: "sha-256" }, [])).toEqual({ kind: "reserved-key", path: "/_sd_alg" });
    expect(refused([1], [])).toEqual({ kind: "not-object" });
    expect(refused({ a: undefined }, [])).toEqual({ kind: "not-json", error: { kind: "unsupported-value", path: "/a", value: "undefined" } });
    expect(refused(DOCUMENT, [], [{ pointer: "/nowhere", count: 1 }])).toEqual({ kind: "decoy-target-not-found", pointer: "/nowhere" });
    expect(refused(DOCUMENT, [], [{ pointer: "/title", count: 1 }])).toEqual({ kind: "decoy-target-not-container", pointer: "/title" });
    expect(refused(DOCUMENT, [], [{ pointer: "/evidence", count: -1 }])).toEqual({ kind: "invalid-decoy-count", pointer: "/evidence", count: -1 });
    expect(refused(DOCUMENT, [], [{ pointer: "/evidence", count: 1.5 }])).toEqual({ kind: "invalid-decoy-count", pointer: "/evidence", count: 1.5 });
  });

  it("refuses a payload that would nest deeper than canonical JSON allows", () => {
    let deep: JsonValue = [1];
    for (let i = 0; i < 62; i++) deep = [deep];
    const document = { deep };
    let pointer = "/deep";
    for (let i = 0; i < 62; i++) pointer += "/0";
    expect(conceal(document, []).payload).toBeDefined();
    expect(concealPayload(document, [`${pointer}/0`], { random: cryptoRandom })).toEqual({ ok: false, error: { kind: "too-deep", limit: 64 } });
  });

  it("is reproducible from its random source alone", () => {
    const a = conceal(DOCUMENT, ["/dissent", "/evidence/1"], { random: seededRandom(7), decoys: [{ pointer: "/evidence", count: 2 }] });
    const b = conceal(DOCUMENT, ["/dissent", "/evidence/1"], { random: seededRandom(7), decoys: [{ pointer: "/evidence", count: 2 }] });
    const c = conceal(DOCUMENT, ["/dissent", "/evidence/1"], { random: seededRandom(8), decoys: [{ pointer: "/evidence", count: 2 }] });
    expect(a).toEqual(b);
    expect(c.payload).not.toEqual(a.payload);
  });
});

describe("decoys", () => {
  const DOCUMENT = { opinion: "majority", dissents: [{ seat: 3, text: "I dissent." }], evidence: [{ id: "e1" }, { id: "e2" }] };

  it("add digests of the same shape and length as real ones, to _sd sorted and to arrays in {\"...\": digest} form", () => {
    const { payload, disclosures } = conceal(DOCUMENT, ["/dissents/0", "/evidence/1", "/opinion"], {
      decoys: [
        { pointer: "", count: 3 },
        { pointer: "/dissents", count: 2 },
        { pointer: "/evidence", count: 1 },
        { pointer: "/evidence", count: 1 },
      ],
    });
    const real = new Set(disclosures.map((d) => d.digest));
    const sd = payload._sd as string[];
    expect(sd).toHaveLength(4);
    expect([...sd].sort()).toEqual(sd);
    const dissents = payload.dissents as { "...": string }[];
    const evidence = payload.evidence as JsonValue[];
    expect(dissents).toHaveLength(3);
    expect(evidence).toHaveLength(4);
    const placeholders = [...dissents, ...evidence.filter((e) => e !== null && typeof e === "object" && "..." in e)] as { "...": string }[];
    expect(placeholders).toHaveLength(6);
    const digests = [...sd, ...placeholders.map((p) => p["..."])];
    for (const p of placeholders) expect(Object.keys(p)).toEqual(["..."]);
    for (const d of digests) expect(d).toMatch(DIGEST_SHAPE);
    expect(new Set(digests).size).toBe(digests.length);
    expect(digests.filter((d) => !real.has(d))).toHaveLength(7);
    // Every decoy is dropped on reveal, with or without the real disclosures.
    expect(revealPayload(payload, disclosures.map((d) => d.encoded))).toEqual({ ok: true, value: DOCUMENT });
    expect(revealPayload(payload, [])).toEqual({ ok: true, value: { dissents: [], evidence: [{ id: "e1" }] } });
  });

  it("are listed by concealPayload, and are all that stays undisclosed when every disclosure is given", () => {
    const { payload, disclosures, decoys } = conceal(DOCUMENT, ["/dissents/0", "/evidence/1", "/opinion"], { decoys: [{ pointer: "", count: 3 }, { pointer: "/dissents", count: 2 }] });
    expect(decoys).toHaveLength(5);
    for (const d of decoys) expect(d).toMatch(DIGEST_SHAPE);
    const all = revealPayloadWithRest(payload, disclosures.map((d) => d.encoded));
    expect(all.ok && all.value.document).toEqual(DOCUMENT);
    expect(all.ok && [...all.value.undisclosed].sort()).toEqual([...decoys].sort());
    // One disclosure held back: its digest is undisclosed too, and is no decoy.
    const some = revealPayloadWithRest(payload, disclosures.slice(1).map((d) => d.encoded));
    expect(some.ok && some.value.undisclosed.filter((d) => !decoys.includes(d))).toEqual([disclosures[0]?.digest]);
  });

  it("land at every position of an array and of a sorted _sd, so position tells nothing", () => {
    const elementPositions = new Set<number>();
    const sdPositions = new Set<number>();
    for (let run = 0; run < 64; run++) {
      const { payload, disclosures } = conceal({ a: 1, list: ["x"] }, ["/list/0", "/a"], {
        decoys: [
          { pointer: "/list", count: 2 },
          { pointer: "", count: 2 },
        ],
      });
      const digestOf = (pointer: string) => disclosures.find((d) => d.pointer === pointer)?.digest;
      const [element, property] = [digestOf("/list/0"), digestOf("/a")];
      elementPositions.add((payload.list as { "...": string }[]).findIndex((p) => p["..."] === element));
      sdPositions.add((payload._sd as string[]).indexOf(property as string));
    }
    expect([...elementPositions].sort()).toEqual([0, 1, 2]);
    expect([...sdPositions].sort()).toEqual([0, 1, 2]);
  });
});

// --- revealing: every refusal of RFC 9901 §7.1 -------------------------------------------

describe("revealPayload refuses", () => {
  const d = (array: unknown[]) => {
    const encoded = base64url(JSON.stringify(array));
    return { encoded, digest: disclosureDigest(encoded) };
  };
  // Made once libsodium has loaded.
  let name: { encoded: string; digest: string };
  let element: { encoded: string; digest: string };
  beforeAll(() => {
    name = d(["s1", "name", "Ada"]);
    element = d(["s2", "FR"]);
  });

  it("a disclosure that is not base64url, not JSON, not an array of 2 or 3, or whose salt or name is not a string", () => {
    for (const bad of ["WyJhIiwiYiJd=", "WyJhIiwiYiJd+", "Wy JhIiwiYiJd", "WyJhIiwiYiJdX", "Wh"]) {
      expect(refusal(revealPayload({}, [name.encoded, bad]))).toEqual({ kind: "disclosure-not-base64url", index: 1 });
    }
    expect(refusal(revealPayload({}, [base64url("not json")]))).toMatchObject({ kind: "disclosure-not-json", index: 0, error: { kind: "syntax" } });
    expect(refusal(revealPayload({}, [Buffer.from([0x5b, 0xff, 0x5d]).toString("base64url")]))).toMatchObject({ kind: "disclosure-not-json", error: { kind: "invalid-utf8" } });
    expect(refusal(revealPayload({}, [base64url('["s","a","b"] x')]))).toMatchObject({ kind: "disclosure-not-json" });
    expect(refusal(revealPayload({}, [base64url('["s",{"a":1,"a":2}]')]))).toMatchObject({ kind: "disclosure-not-json", error: { kind: "duplicate-key" } });
    for (const shape of [{ s: "a" }, "s", ["s"], ["s", "a", 1, 2], []]) {
      expect(refusal(revealPayload({}, [base64url(JSON.stringify(shape))]))).toEqual({ kind: "disclosure-not-array", index: 0 });
    }
    for (const salt of [1, null, ["s"], { s: 1 }]) {
      expect(refusal(revealPayload({}, [d([salt, "FR"]).encoded]))).toEqual({ kind: "salt-not-string", index: 0 });
      expect(refusal(revealPayload({}, [d([salt, "name", "v"]).encoded]))).toEqual({ kind: "salt-not-string", index: 0 });
    }
    expect(refusal(revealPayload({}, [d(["s", 7, "v"]).encoded]))).toEqual({ kind: "name-not-string", index: 0 });
  });

  it("a disclosure of the wrong shape for where its digest is", () => {
    expect(refusal(revealPayload({ _sd: [element.digest] }, [element.encoded]))).toEqual({ kind: "wrong-disclosure-shape", index: 0, path: "/_sd", expected: "property" });
    expect(refusal(revealPayload({ a: [{ "...": name.digest }] }, [name.encoded]))).toEqual({ kind: "wrong-disclosure-shape", index: 0, path: "/a/0", expected: "element" });
  });

  it("a claimed name _sd or ...", () => {
    for (const reserved of ["_sd", "..."]) {
      const bad = d(["s", reserved, ["x"]]);
      expect(refusal(revealPayload({ o: { _sd: [bad.digest] } }, [bad.encoded]))).toEqual({ kind: "reserved-name", index: 0, path: "/o", name: reserved });
    }
  });

  it("a name already present in the object, in the clear or from another disclosure", () => {
    expect(refusal(revealPayload({ name: "Bob", _sd: [name.digest] }, [name.encoded]))).toEqual({ kind: "name-exists", index: 0, path: "", name: "name" });
    const twin = d(["s9", "name", "Eve"]);
    expect(refusal(revealPayload({ _sd: [name.digest, twin.digest] }, [name.encoded, twin.encoded]))).toEqual({ kind: "name-exists", index: 1, path: "", name: "name" });
    const alg = d(["s8", "_sd_alg", "sha-512"]);
    expect(refusal(revealPayload({ _sd: [alg.digest], _sd_alg: "sha-256" }, [alg.encoded]))).toEqual({ kind: "name-exists", index: 0, path: "", name: "_sd_alg" });
  });

  it("a digest met twice: in one _sd, in _sd and an array, inside a disclosure, or one with no disclosure (a decoy)", () => {
    expect(refusal(revealPayload({ _sd: [name.digest, name.digest] }, [name.encoded]))).toEqual({ kind: "duplicate-digest", digest: name.digest, path: "/_sd" });
    expect(refusal(revealPayload({ _sd: [element.digest], a: [{ "...": element.digest }] }, []))).toMatchObject({ kind: "duplicate-digest", digest: element.digest });
    const carrier = d(["s3", "inner", { _sd: [name.digest] }]);
    expect(refusal(revealPayload({ _sd: [carrier.digest, name.digest] }, [carrier.encoded, name.encoded]))).toMatchObject({ kind: "duplicate-digest", digest: name.digest });
    const decoy = "q0pRXWq0aP3HhMvd2X5yPPcqaJ8Wm0XGZb8x5ZOXW6k";
    expect(refusal(revealPayload({ a: { _sd: [decoy] }, b: { _sd: [decoy] } }, []))).toEqual({ kind: "duplicate-digest", digest: decoy, path: "/b/_sd" });
  });

  it("a disclosure given twice", () => {
    expect(refusal(revealPayload({ _sd: [name.digest] }, [name.encoded, name.encoded]))).toEqual({ kind: "duplicate-disclosure", index: 1, first: 0 });
  });

  it("a disclosure that nothing references, directly or through another disclosure", () => {
    expect(refusal(revealPayload({ _sd: [name.digest] }, [name.encoded, element.encoded]))).toEqual({ kind: "unreferenced-disclosure", index: 1 });
    const carrier = d(["s3", "list", [{ "...": element.digest }]]);
    expect(revealPayload({ _sd: [carrier.digest] }, [element.encoded, carrier.encoded])).toEqual({ ok: true, value: { list: ["FR"] } });
    expect(refusal(revealPayload({}, [element.encoded, carrier.encoded]))).toEqual({ kind: "unreferenced-disclosure", index: 0 });
  });

  it("an _sd_alg other than sha-256 (none means sha-256, RFC 9901 §4.1.1)", () => {
    expect(refusal(revealPayload({ _sd_alg: "sha-512" }, []))).toEqual({ kind: "unsupported-sd-alg", alg: '"sha-512"' });
    expect(refusal(revealPayload({ _sd_alg: ["sha-256"] }, []))).toEqual({ kind: "unsupported-sd-alg", alg: '["sha-256"]' });
    expect(revealPayload({ _sd: [name.digest] }, [name.encoded])).toEqual({ ok: true, value: { name: "Ada" } });
    // Below the top level, _sd_alg is data.
    expect(revealPayload({ o: { _sd_alg: "x" }, _sd_alg: "sha-256" }, [])).toEqual({ ok: true, value: { o: { _sd_alg: "x" } } });
  });

  it("an array element {\"...\": x} with other keys or a non-string digest, and an _sd that is not an array of strings", () => {
    expect(refusal(revealPayload({ a: [{ "...": element.digest, b: 1 }] }, [element.encoded]))).toEqual({ kind: "malformed-array-digest", path: "/a/0" });
    expect(refusal(revealPayload({ a: [1, { "...": 5 }] }, []))).toEqual({ kind: "malformed-array-digest", path: "/a/1" });
    expect(refusal(revealPayload({ o: { _sd: "digest" } }, []))).toEqual({ kind: "malformed-sd", path: "/o/_sd" });
    expect(refusal(revealPayload({ _sd: [name.digest, 5] }, []))).toEqual({ kind: "malformed-sd", path: "/_sd" });
  });

  it("a payload that is not an object, and disclosures nested deeper than canonical JSON allows", () => {
    for (const payload of [[], "x", null, 1]) expect(refusal(revealPayload(payload, []))).toEqual({ kind: "payload-not-object" });
    let digest = element.digest;
    const chain = [element.encoded];
    for (let i = 0; i < 70; i++) {
      const next = d([`s${i}`, [{ "...": digest }]]);
      chain.push(next.encoded);
      digest = next.digest;
    }
    expect(refusal(revealPayload({ a: [{ "...": digest }] }, chain))).toEqual({ kind: "too-deep", limit: 64 });
  });

  it("and leaves the payload it was given untouched", () => {
    const payload = { _sd: [name.digest], a: [{ "...": element.digest }, 2] };
    const copy = structuredClone(payload);
    expect(revealPayload(payload, [name.encoded, element.encoded])).toEqual({ ok: true, value: { name: "Ada", a: ["FR", 2] } });
    expect(payload).toEqual(copy);
  });

  it("keeps a __proto__ name as data", () => {
    const proto = d(["s", "__proto__", { polluted: true }]);
    const result = revealPayload(JSON.parse(`{"_sd":["${proto.digest}"]}`) as unknown, [proto.encoded]);
    if (!result.ok) throw new Error(result.error.kind);
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.keys(result.value)).toEqual(["__proto__"]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

// --- properties -------------------------------------------------------------------------

/** Keys that are not reserved, including ones that need escaping in a pointer. */
const key = fc.constantFrom("a", "b", "c", "title", "a/b", "~x", "", "é", "__proto__", "_s", "..");
const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.boolean(), fc.constant(null));
const { tree } = fc.letrec<{ tree: JsonValue; node: JsonValue }>((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("node")),
  node: fc.oneof(fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 4 })),
}));
const documentArbitrary = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }).map((o) => JSON.parse(JSON.stringify(o)) as JsonObject);

/** Every pointer below the root, and the pointers of containers (for decoys). */
function pointers(value: JsonValue, path = ""): { parts: string[]; containers: string[] } {
  const parts: string[] = [];
  const containers: string[] = [];
  if (value !== null && typeof value === "object") {
    containers.push(path);
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [k, v] of entries) {
      const at = `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      parts.push(at);
      const below = pointers(v, at);
      parts.push(...below.parts);
      containers.push(...below.containers);
    }
  }
  return { parts, containers };
}

/** The document without the parts at `withheld`: an independent statement of what a partial reveal must give. */
function without(value: JsonValue, withheld: Set<string>, path = ""): JsonValue {
  if (value === null || typeof value !== "object") return value;
  const at = (k: string) => `${path}/${k.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  if (Array.isArray(value)) return value.flatMap((v, i) => (withheld.has(at(String(i))) ? [] : [without(v, withheld, at(String(i)))]));
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!withheld.has(at(k))) Object.defineProperty(out, k, { value: without(v, withheld, at(k)), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const isAncestor = (a: string, b: string) => b.startsWith(`${a}/`);

const concealed = documentArbitrary.chain((document) => {
  const { parts, containers } = pointers(document);
  return fc.record({
    document: fc.constant(document),
    marks: fc.subarray(parts),
    decoys: fc.array(fc.record({ pointer: fc.constantFrom(...containers), count: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
    seed: fc.integer(),
  });
});

describe("properties", () => {
  it("any set of disclosures that connects to the payload reveals exactly its parts; one that does not is refused", () => {
    fc.assert(
      fc.property(
        concealed.chain((c) => fc.record({ c: fc.constant(c), chosen: fc.shuffledSubarray([...c.marks.keys()]) })),
        ({ c: { document, marks, decoys, seed }, chosen }) => {
          const result = concealPayload(document, marks, { random: seededRandom(seed), decoys });
          if (!result.ok) throw new Error(JSON.stringify(result.error));
          const { payload, disclosures } = result.value;
          expect(disclosures.map((d) => d.pointer).sort()).toEqual([...marks].sort());
          const given = chosen.map((i) => disclosures[i] as { encoded: string; pointer: string });
          const released = new Set(given.map((d) => d.pointer));
          const connected = given.every((d) => marks.every((m) => !isAncestor(m, d.pointer) || released.has(m)));
          const revealed = revealPayload(payload, given.map((d) => d.encoded));
          if (connected) {
            expect(revealed).toEqual({ ok: true, value: without(document, new Set(marks.filter((m) => !released.has(m)))) });
          } else {
            expect(revealed).toMatchObject({ ok: false, error: { kind: "unreferenced-disclosure" } });
          }
          expect(revealPayload(payload, disclosures.map((d) => d.encoded))).toEqual({ ok: true, value: document });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("every _sd is sorted and every digest has one shape, real or decoy", () => {
    fc.assert(
      fc.property(concealed, ({ document, marks, decoys, seed }) => {
        const result = concealPayload(document, marks, { random: seededRandom(seed), decoys });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const visit = (value: JsonValue): void => {
          if (value === null || typeof value !== "object") return;
          if (Array.isArray(value)) return value.forEach(visit);
          const object = value as JsonObject;
          if ("_sd" in object) {
            const sd = object._sd as string[];
            expect([...sd].sort()).toEqual(sd);
            for (const digest of sd) expect(digest).toMatch(DIGEST_SHAPE);
          }
          if ("..." in object) expect(object["..."]).toMatch(DIGEST_SHAPE);
          Object.values(object).forEach(visit);
        };
        visit(result.value.payload);
        for (const d of result.value.disclosures) {
          const parsed = parseDisclosure(d.encoded);
          if (parsed.ok) visit(parsed.value.value);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a changed character in any disclosure is refused", () => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ .";
    fc.assert(
      fc.property(
        concealed.filter((c) => c.marks.length > 0),
        fc.nat(),
        fc.nat(),
        fc.constantFrom(...alphabet),
        ({ document, marks, decoys, seed }, which, where, replacement) => {
          const result = concealPayload(document, marks, { random: seededRandom(seed), decoys });
          if (!result.ok) throw new Error(JSON.stringify(result.error));
          const encoded = result.value.disclosures.map((d) => d.encoded);
          const i = which % encoded.length;
          const original = encoded[i] as string;
          const at = where % original.length;
          fc.pre(original[at] !== replacement);
          encoded[i] = original.slice(0, at) + replacement + original.slice(at + 1);
          expect(revealPayload(result.value.payload, encoded).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a changed byte in the payload (without decoys, which only the signature covers) is refused or changes the result", () => {
    fc.assert(
      fc.property(concealed, fc.nat(), fc.integer({ min: 1, max: 255 }), ({ document, marks, seed }, where, delta) => {
        const result = concealPayload(document, marks, { random: seededRandom(seed) });
        if (!result.ok) throw new Error(JSON.stringify(result.error));
        const bytes = mustCanonicalJson(result.value.payload, "a test payload");
        const at = where % bytes.length;
        bytes[at] = ((bytes[at] as number) + delta) % 256;
        const parsed = parseStrictJson(bytes);
        if (!parsed.ok) return; // no longer JSON: refused before this module
        const revealed = revealPayload(parsed.value, result.value.disclosures.map((d) => d.encoded));
        if (revealed.ok) expect(revealed.value).not.toEqual(document);
      }),
      { numRuns: 500 },
    );
  });
});
