import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { childPointer, parsePointer, pointerOf, resolvePointer } from "./json-pointer";

describe("JSON Pointer (RFC 6901)", () => {
  it("escapes ~ and / as the RFC says, and reads them back", () => {
    expect(pointerOf(["a/b", "m~n", 0])).toBe("/a~1b/m~0n/0");
    expect(childPointer("/a~1b", "m~n")).toBe("/a~1b/m~0n");
    expect(parsePointer("/a~1b/m~0n/0")).toEqual(["a/b", "m~n", "0"]);
    // "~01" is "~" then "1", never "/".
    expect(parsePointer("/~01")).toEqual(["~1"]);
    expect(parsePointer("")).toEqual([]);
    expect(parsePointer("a")).toBeUndefined();
    expect(parsePointer("/a~2")).toBeUndefined();
    expect(pointerOf([])).toBe("");
  });

  it("round-trips any tokens", () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "~", "/", "0", "1", "é") })), (tokens) => JSON.stringify(parsePointer(pointerOf(tokens))) === JSON.stringify(tokens)));
  });

  // The examples of RFC 6901 §5, over its own document.
  const rfc = { foo: ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4, "i\\j": 5, 'k"l': 6, " ": 7, "m~n": 8 };
  it("resolves the RFC's examples", () => {
    const cases: [string, unknown][] = [
      ["", rfc],
      ["/foo", ["bar", "baz"]],
      ["/foo/0", "bar"],
      ["/", 0],
      ["/a~1b", 1],
      ["/c%d", 2],
      ["/e^f", 3],
      ["/g|h", 4],
      ["/i\\j", 5],
      ['/k"l', 6],
      ["/ ", 7],
      ["/m~0n", 8],
    ];
    for (const [pointer, value] of cases) expect(resolvePointer(rfc, pointer), pointer).toEqual({ value });
  });

  it("names nothing for a missing member, an index out of range, '-', a leading zero or an inherited property; a null is found", () => {
    for (const pointer of ["/bar", "/foo/2", "/foo/-", "/foo/01", "/toString", "/foo/length", "/__proto__", "/foo/0/x", "x"]) expect(resolvePointer(rfc, pointer), pointer).toBeUndefined();
    expect(resolvePointer({ a: null }, "/a")).toEqual({ value: null });
    expect(resolvePointer({ a: [{ b: 1 }] }, ["a", "0", "b"])).toEqual({ value: 1 });
  });
});
