import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { canonicalJson, MAX_JSON_DEPTH, parseCanonicalJson, parseStrictJson, parseStrictJsonByAst, type JsonError } from "./jcs";

function canonicalText(value: unknown): string {
  const r = canonicalJson(value);
  if (!r.ok) throw new Error(`unexpected ${r.error.kind}`);
  return fromUtf8(r.value) ?? "";
}

function errorOf(r: { ok: true } | { ok: false; error: JsonError }): JsonError | undefined {
  return r.ok ? undefined : r.error;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function pointer(...tokens: string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

describe("RFC 8785 examples", () => {
  // §3.2.2: the sample object, parsed from its (non-canonical) source text.
  const SAMPLE = String.raw`{
    "numbers": [333333333.33333329, 1E30, 4.50,
                2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  }`;
  // §3.2.4: the expected UTF-8 bytes of its canonical form.
  const SAMPLE_CANONICAL_HEX = [
    "7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72",
    "75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a",
    "5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31",
    "65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37",
    "5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30",
    "30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d",
  ].join("").replace(/ /g, "");

  it("canonicalises the §3.2.2 sample to the §3.2.4 bytes", () => {
    const parsed = parseStrictJson(SAMPLE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const out = canonicalJson(parsed.value);
    expect(out.ok && hex(out.value)).toBe(SAMPLE_CANONICAL_HEX);
    // §3.2.3 shows the same output as text.
    expect(canonicalText(parsed.value)).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
  });

  it("accepts the canonical sample and refuses its original spelling", () => {
    const canonical = Uint8Array.from(SAMPLE_CANONICAL_HEX.match(/../g) ?? [], (h) => parseInt(h, 16));
    expect(parseCanonicalJson(canonical).ok).toBe(true);
    expect(errorOf(parseCanonicalJson(utf8(SAMPLE)))).toEqual({ kind: "not-canonical", offset: 1 });
  });

  it("sorts properties by UTF-16 code units (§3.2.3 test data)", () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const parsed = parseStrictJson(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Read the order off the text: a JavaScript object would list "1" first whatever the order.
    const order = Array.from(canonicalText(parsed.value).matchAll(/":"([^"]+)"/g), (m) => m[1]);
    expect(order).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
  });

  // Appendix B: IEEE 754 bit pattern → JSON representation; null marks the
  // two rows (NaN, Infinity) that JSON cannot represent.
  const NUMBERS: ReadonlyArray<readonly [string, string | null]> = [
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["7fffffffffffffff", null],
    ["7ff0000000000000", null],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ];

  function fromBits(bits: string): number {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, parseInt(bits.slice(0, 8), 16));
    view.setUint32(4, parseInt(bits.slice(8), 16));
    return view.getFloat64(0);
  }

  it("has all 26 rows of Appendix B", () => expect(NUMBERS).toHaveLength(26));

  it.each(NUMBERS)("serialises %s as %s", (bits, expected) => {
    const value = fromBits(bits);
    if (expected === null) {
      expect(errorOf(canonicalJson(value))?.kind).toBe("unsupported-value");
      return;
    }
    expect(canonicalText(value)).toBe(expected);
    const back = parseCanonicalJson(utf8(expected));
    expect(back.ok && back.value).toBe(value === 0 ? 0 : value);
  });

  it("switches to exponent form at 1e21 and below 1e-6, as ECMAScript does", () => {
    expect(canonicalText(1e20)).toBe("100000000000000000000");
    expect(canonicalText(1e21)).toBe("1e+21");
    expect(canonicalText(1e-6)).toBe("0.000001");
    expect(canonicalText(1e-7)).toBe("1e-7");
  });
});

describe("string escaping (RFC 8785 §3.2.2.2)", () => {
  const SHORT: Record<number, string> = { 0x08: "\\b", 0x09: "\\t", 0x0a: "\\n", 0x0c: "\\f", 0x0d: "\\r" };

  it("escapes U+0000..U+001F: five short forms, the rest as lowercase \\u00hh", () => {
    for (let c = 0; c < 0x20; c++) {
      const expected = SHORT[c] ?? `\\u00${c.toString(16).padStart(2, "0")}`;
      expect(canonicalText(String.fromCharCode(c))).toBe(`"${expected}"`);
    }
  });

  it("escapes only the quote and backslash outside the control range", () => {
    expect(canonicalText('"')).toBe(String.raw`"\""`);
    expect(canonicalText("\\")).toBe(String.raw`"\\"`);
    for (const raw of ["/", "\u007f", "\u0080", "\u2028", "\u2029", "€", "😀", "\ufb33"]) {
      expect(canonicalText(raw)).toBe(`"${raw}"`);
    }
  });

  it("writes non-ASCII as UTF-8", () => {
    const r = canonicalJson("€");
    expect(r.ok && hex(r.value)).toBe("22e282ac22");
  });
});

describe("canonicalJson refuses values without one exact JSON form", () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const sparse: unknown[] = [1];
  sparse[2] = 3;
  const cycle: Record<string, unknown> = { a: 1 };
  cycle["self"] = cycle;
  const cyclicArray: unknown[] = [];
  cyclicArray.push([cyclicArray]);

  const cases: ReadonlyArray<readonly [string, unknown, string]> = [
    ["NaN", { n: NaN }, "/n"],
    ["Infinity", [Infinity], "/0"],
    ["-Infinity", -Infinity, ""],
    ["undefined at the top", undefined, ""],
    ["undefined in an object", { a: [1, { b: undefined }] }, "/a/1/b"],
    ["undefined in an array", [undefined], "/0"],
    ["a function", { f: () => 1 }, "/f"],
    ["a toJSON method", { toJSON: () => "x" }, "/toJSON"],
    ["a symbol", Symbol("s"), ""],
    ["a BigInt", { big: 10n }, "/big"],
    ["a Date", { when: new Date(0) }, "/when"],
    ["a Map", new Map([["a", 1]]), ""],
    ["a Set", [new Set([1])], "/0"],
    ["a class instance", new Point(1), ""],
    ["a boxed number", { n: Object(1) as unknown }, "/n"],
    ["a typed array", new Uint8Array(2), ""],
    ["a sparse array", sparse, "/1"],
    ["a symbol-keyed property", { [Symbol("k")]: 1 }, ""],
    ["a cycle through an object", cycle, "/self"],
    ["a cycle through arrays", cyclicArray, "/0/0"],
  ];

  it.each(cases)("refuses %s", (_name, value, path) => {
    expect(errorOf(canonicalJson(value))).toMatchObject({ kind: "unsupported-value", path });
  });

  it("refuses lone surrogates in values and keys", () => {
    expect(errorOf(canonicalJson({ a: ["x\ud800"] }))).toEqual({ kind: "lone-surrogate", path: "/a/0" });
    expect(errorOf(canonicalJson({ "k\udc00": 1 }))).toEqual({ kind: "lone-surrogate", path: "/k\udc00" });
  });

  it("accepts a shared (non-circular) reference and null-prototype objects", () => {
    const shared = { v: 1 };
    expect(canonicalText([shared, shared])).toBe('[{"v":1},{"v":1}]');
    const bare = Object.create(null) as Record<string, unknown>;
    bare["b"] = 2;
    bare["a"] = 1;
    expect(canonicalText(bare)).toBe('{"a":1,"b":2}');
  });

  it(`nests at most ${MAX_JSON_DEPTH} levels`, () => {
    const nest = (n: number): unknown => (n === 0 ? 0 : [nest(n - 1)]);
    expect(canonicalJson(nest(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(errorOf(canonicalJson(nest(MAX_JSON_DEPTH + 1)))).toEqual({ kind: "too-deep", limit: MAX_JSON_DEPTH });
  });
});

describe("parseStrictJson", () => {
  it("rejects invalid UTF-8", () => {
    for (const bytes of [[0x22, 0xff, 0x22], [0x22, 0xc0, 0xaf, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xe2, 0x82]]) {
      expect(errorOf(parseStrictJson(Uint8Array.from(bytes)))).toEqual({ kind: "invalid-utf8" });
    }
  });

  it("rejects a byte-order mark", () => {
    expect(errorOf(parseStrictJson(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d)))).toEqual({ kind: "byte-order-mark" });
    expect(errorOf(parseStrictJson("\ufeff{}"))).toEqual({ kind: "byte-order-mark" });
  });

  it.each(["", " ", "{", "[1,]", '{"a":1,}', "01", "-", "1.", ".5", "+1", "0x10", "NaN", "Infinity", "'a'", "{a:1}", "// c\n1", "1 2", "[1]x", '"\\x41"', '"\\u12"', "nul", "\u00a01"])(
    "rejects malformed JSON %j",
    (text) => expect(errorOf(parseStrictJson(text))?.kind).toBe("syntax"),
  );

  it("rejects raw control characters inside strings, locating them", () => {
    expect(errorOf(parseStrictJson('"a\tb"'))).toMatchObject({ kind: "syntax", line: 1, column: 3 });
    expect(errorOf(parseStrictJson('[\n  "ok",\n  "a\u0001"]'))).toMatchObject({ kind: "syntax", line: 3, column: 5 });
  });

  it("reports where a syntax error is, quoting the culprit printably", () => {
    expect(errorOf(parseStrictJson('{\n  "a": tru\n}'))).toMatchObject({ kind: "syntax", line: 2 });
    const e = errorOf(parseStrictJson("[\ud800]"));
    expect(e).toMatchObject({ kind: "syntax", line: 1, column: 2 });
    expect(e).toEqual({ kind: "syntax", line: 1, column: 2, detail: String.raw`Unexpected character '\ud800' found` });
  });

  it("rejects duplicate keys at any depth, naming them", () => {
    expect(errorOf(parseStrictJson('{"a":1,"a":2}'))).toEqual({ kind: "duplicate-key", path: "/a" });
    expect(errorOf(parseStrictJson('{"x":[{"k":1,"j":0,"k":1}]}'))).toEqual({ kind: "duplicate-key", path: "/x/0/k" });
    expect(errorOf(parseStrictJson('{"a/b~":{"c":1,"c":2}}'))).toEqual({ kind: "duplicate-key", path: "/a~1b~0/c" });
    // Equal after unescaping is equal.
    expect(errorOf(parseStrictJson(String.raw`{"a":1,"\u0061":2}`))).toEqual({ kind: "duplicate-key", path: "/a" });
    expect(errorOf(parseStrictJson('{"__proto__":1,"__proto__":2}'))).toEqual({ kind: "duplicate-key", path: "/__proto__" });
  });

  it("rejects lone surrogates, escaped or raw, in values and keys", () => {
    expect(errorOf(parseStrictJson(String.raw`"\ud800"`))).toEqual({ kind: "lone-surrogate", path: "" });
    expect(errorOf(parseStrictJson(String.raw`["\udc00"]`))).toEqual({ kind: "lone-surrogate", path: "/0" });
    expect(errorOf(parseStrictJson(String.raw`["\ud83d x"]`))).toEqual({ kind: "lone-surrogate", path: "/0" });
    expect(errorOf(parseStrictJson(String.raw`{"\ud800":1}`))).toMatchObject({ kind: "lone-surrogate" });
    expect(errorOf(parseStrictJson('{"a":"\ud800"}'))).toEqual({ kind: "lone-surrogate", path: "/a" });
    const pair = parseStrictJson(String.raw`"\ud83d\ude00"`);
    expect(pair.ok && pair.value).toBe("😀");
  });

  it("rejects numbers that overflow to Infinity", () => {
    expect(errorOf(parseStrictJson("1e400"))).toEqual({ kind: "number-out-of-range", path: "", text: "1e400" });
    expect(errorOf(parseStrictJson('{"n":[-1e400]}'))).toEqual({ kind: "number-out-of-range", path: "/n/0", text: "-1e400" });
    expect(errorOf(parseStrictJson("[1.8e308]"))).toMatchObject({ kind: "number-out-of-range", path: "/0" });
    // Underflow is representable (as zero), and is caught as non-canonical where it matters.
    expect(parseStrictJson("1e-400")).toEqual({ ok: true, value: 0 });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses more without exhausting the stack`, () => {
    const nest = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(parseStrictJson(nest(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(errorOf(parseStrictJson(nest(MAX_JSON_DEPTH + 1)))).toEqual({ kind: "too-deep", limit: MAX_JSON_DEPTH });
    expect(errorOf(parseStrictJson('{"a":'.repeat(200_000)))).toEqual({ kind: "too-deep", limit: MAX_JSON_DEPTH });
    // Brackets inside strings do not count.
    expect(parseStrictJson(JSON.stringify(["[".repeat(1000)])).ok).toBe(true);
  });

  it("keeps a __proto__ key as data and never touches prototypes", () => {
    const r = parseStrictJson('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(canonicalText(value)).toBe('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
  });

  it("reads UTF-8 bytes and strings alike", () => {
    expect(parseStrictJson(utf8(' {"é" : [1, 2.5, "x"]}\r\n'))).toEqual({ ok: true, value: { é: [1, 2.5, "x"] } });
  });
});

describe("parseCanonicalJson", () => {
  it("accepts canonical bytes", () => {
    expect(parseCanonicalJson(utf8('{"a":[1,"x",null],"b":true}'))).toEqual({ ok: true, value: { a: [1, "x", null], b: true } });
  });

  it.each([
    ['{"a": 1}', 5],
    ['{"b":1,"a":2}', 2],
    ["1.0", 1],
    ["1E2", 1],
    ["-0", 0],
    [String.raw`"\u0041"`, 1],
    [String.raw`"\/"`, 1],
    [String.raw`"\u001F"`, 6],
    ["[]\n", 2],
    [" []", 0],
  ])("refuses non-canonical %j at byte %i", (text, offset) => {
    expect(errorOf(parseCanonicalJson(utf8(text)))).toEqual({ kind: "not-canonical", offset });
  });

  it("passes on strict-parse errors", () => {
    expect(errorOf(parseCanonicalJson(utf8('{"a":1,"a":1}')))?.kind).toBe("duplicate-key");
    expect(errorOf(parseCanonicalJson(Uint8Array.of(0xff)))?.kind).toBe("invalid-utf8");
  });
});

describe("properties", () => {
  const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
  const jsonish = fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", "u", "d800", "1", "e", "-", ".", "0", "true", "null", " ", '"a"', "__proto__");

  it("canonicalJson(parse(canonicalJson(x))) is byte-identical", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: "binary" })), (value) => {
        const first = canonicalJson(value);
        if (!first.ok) return false;
        const parsed = parseCanonicalJson(first.value);
        if (!parsed.ok) return false;
        const second = canonicalJson(parsed.value);
        return second.ok && hex(second.value) === hex(first.value);
      }),
    );
  });

  it("parseStrictJson never throws, and agrees with JSON.parse whenever it accepts", () => {
    const inputs = fc.oneof(
      fc.string({ unit: anyCodeUnit }),
      fc.string({ unit: "binary" }),
      fc.array(jsonish, { maxLength: 40 }).map((parts) => parts.join("")),
      fc.jsonValue().map((v) => JSON.stringify(v, null, 1)),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        const r = parseStrictJson(text);
        // Sentences quote the error's text, so it must stay printable and well-formed.
        if (!r.ok) return !/\p{Cc}|[\uD800-\uDFFF]/u.test("detail" in r.error ? r.error.detail : "");
        return canonicalText(r.value) === canonicalText(JSON.parse(text));
      }),
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => typeof parseStrictJson(bytes).ok === "boolean"));
  });

  it("parseStrictJson (JSON.parse where it is certainly the same) gives exactly the syntax tree's result", () => {
    // Inputs that JSON.parse takes but the strict reading must not: each kind of problem, and the same inside valid text.
    const traps = fc.constantFrom('{"a":1,"a":2}', '{"a":{"b":1,"b":2},"c":{}}', String.raw`{"a":1,"\u0061":2}`, '{"__proto__":1,"__proto__":2}', String.raw`"\ud800"`, String.raw`{"\udc00":0}`, "1e400", "[-1e400]", "-0", "1e-400", '{"__proto__":{"x":1}}', '{"a:b":"c:d","e":{"f":":"}}');
    const inputs = fc.oneof(
      traps,
      fc.tuple(fc.jsonValue({ maxDepth: 3 }), traps).map(([v, trap]) => `{"v":${JSON.stringify(v)},"t":${trap}}`),
      fc.array(jsonish, { maxLength: 40 }).map((parts) => parts.join("")),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue({ stringUnit: "binary" }).map((v) => JSON.stringify(v, null, 2)),
      fc.string({ unit: anyCodeUnit }),
    );
    fc.assert(
      fc.property(inputs, (text) => {
        expect(parseStrictJson(text)).toStrictEqual(parseStrictJsonByAst(text));
        expect(parseStrictJson(utf8(text))).toStrictEqual(parseStrictJsonByAst(utf8(text)));
      }),
      { numRuns: 2000 },
    );
  });

  it("detects a duplicated key inserted anywhere in an object", () => {
    const members = fc.uniqueArray(fc.tuple(fc.string({ unit: "binary" }), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 6, selector: ([k]) => k });
    fc.assert(
      fc.property(members, fc.nat(), fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (entries, pick, at, other, nested) => {
        const [key] = entries[pick % entries.length] ?? ["", null];
        const texts = entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
        texts.splice(at % (texts.length + 1), 0, `${JSON.stringify(key)}:${JSON.stringify(other)}`);
        const object = `{${texts.join(",")}}`;
        const text = nested ? `{"outer":[true,${object}]}` : object;
        const expected = nested ? pointer("outer", "1", key) : pointer(key);
        return JSON.stringify(errorOf(parseStrictJson(text))) === JSON.stringify({ kind: "duplicate-key", path: expected });
      }),
    );
  });
});
