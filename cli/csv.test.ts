import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseCsv } from "./csv";

describe("the CSV reader", () => {
  it("reads rows and cells, empty cells kept, LF or CRLF, a BOM and blank lines skipped, spaces trimmed", () => {
    expect(parseCsv("\uFEFFa, b ,c\r\n1,,3\n\n4,5,\n")).toEqual({ ok: true, rows: [["a", "b", "c"], ["1", "", "3"], ["4", "5", ""]] });
    expect(parseCsv("")).toEqual({ ok: true, rows: [] });
    expect(parseCsv("1,2")).toEqual({ ok: true, rows: [["1", "2"]] });
  });

  it("reads quoted cells with commas, line endings and doubled quotes, kept as written", () => {
    expect(parseCsv('"x, y","say ""hi""",  "  padded  "\n"two\nlines",2')).toEqual({ ok: true, rows: [["x, y", 'say "hi"', "  padded  "], ["two\nlines", "2"]] });
  });

  it("refuses a quote left open and text after a closing quote, with the line", () => {
    expect(parseCsv('1,2\n3,"open\n')).toEqual({ ok: false, problem: { kind: "unclosed-quote", line: 2 } });
    expect(parseCsv('1,2\n"a"b,2')).toEqual({ ok: false, problem: { kind: "text-after-quote", line: 2 } });
  });

  it("property: any text is read or refused, never thrown on", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r", " ", "\uFEFF") }), (text) => {
        const r = parseCsv(text);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });

  it("property: cells written by the RFC 4180 rules are read back", () => {
    const cellText = fc.string({ unit: fc.constantFrom("a", "7", ",", '"', "\n", " ", "é") });
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\r\n");
        expect(parseCsv(text)).toEqual({ ok: true, rows });
      }),
    );
  });
});
