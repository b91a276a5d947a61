/**
 * The packet archive reader against headers that are almost ours: every
 * fixed field of a header written by tarHeader, changed one byte at a time
 * with the checksum made right again, is refused and named (issue 12, point
 * 9: 1,875 of 2,016 such changes used to pass); and pax or GNU archives made
 * by the real `tar` are refused as an unsupported format (point 12), not as
 * damage.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { requireTool, run, tempDir } from "../../tests/support/tools";
import { concatBytes } from "../encoding/bytes";
import { readTar, TAR_END, tarEntryBytes, tarHeader, tarPadding, TarError, type TarProblem } from "./tar";

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** Sets the checksum field of `header` to what its other bytes sum to, as tar writers do. */
function fixChecksum(header: Uint8Array): Uint8Array {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] as number);
  header.set(ascii(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return header;
}

/** What the reader makes of an archive: the entries it read, or its refusal. */
async function read(bytes: Uint8Array): Promise<{ entries: { path: string; size: number }[] } | { problem: TarProblem }> {
  const entries: { path: string; size: number }[] = [];
  try {
    await readTar(new Blob([bytes as Uint8Array<ArrayBuffer>]).stream(), { begin: () => undefined, data: () => undefined, end: (e) => void entries.push({ path: e.path, size: e.size }) });
    return { entries };
  } catch (e) {
    if (e instanceof TarError) return { problem: e.problem };
    throw e;
  }
}

const PATH = "roster/chair.card.json";
const ours = () => tarHeader(PATH, 0, 1_700_000_000);

/** The fixed fields (POSIX offsets and lengths); "name" is the part of the name field after the path and its NUL. */
const FIELDS = [
  ["name", PATH.length + 1, 100 - PATH.length - 1],
  ["mode", 100, 8],
  ["uid", 108, 8],
  ["gid", 116, 8],
  ["mtime", 136, 12],
  ["typeflag", 156, 1],
  ["linkname", 157, 100],
  ["magic", 257, 6],
  ["version", 263, 2],
  ["uname", 265, 32],
  ["gname", 297, 32],
  ["devmajor", 329, 8],
  ["devminor", 337, 8],
  ["prefix", 345, 155],
  ["reserved", 500, 12],
] as const;
type Field = (typeof FIELDS)[number][0];

const isOctalDigit = (b: number) => b >= 0x30 && b <= 0x37;

/** What a header with `field` changed to hold `value` at `offset` must get: refused, and why (undefined: accepted). */
function verdict(field: Field, offset: number, value: number): TarProblem | undefined {
  switch (field) {
    case "mtime":
      // Any number is a valid mtime, in the form tarHeader writes it: 11 octal digits, then NUL.
      return offset < 136 + 11 && isOctalDigit(value) ? undefined : { reason: "field-not-octal", field: "mtime" };
    case "typeflag":
      if (value === 0x78 || value === 0x67) return { reason: "unsupported-format", format: "pax" };
      if (value === 0x4c || value === 0x4b) return { reason: "unsupported-format", format: "gnu" };
      return value === 0 ? { reason: "unexpected-field", field: "typeflag" } : { reason: "not-a-regular-file" };
    case "magic":
    case "version":
      return { reason: "not-ustar" };
    case "prefix":
      return offset === 345 ? { reason: "prefixed-path" } : { reason: "unexpected-field", field: "prefix" };
    default:
      return { reason: "unexpected-field", field };
  }
}

describe("ustar headers: the reader accepts what tarHeader writes and nothing near it", () => {
  it("reads what tarHeader writes, whatever the mtime and size", async () => {
    for (const [size, mtime] of [
      [0, 0],
      [1, 1_700_000_000],
      [513, 8 ** 11 - 1],
    ] as const) {
      const data = new Uint8Array(size).fill(0x61);
      expect(await read(concatBytes(tarHeader(PATH, size, mtime), data, tarPadding(size), TAR_END))).toEqual({ entries: [{ path: PATH, size }] });
    }
  });

  it("the writer is unchanged: the header of a packet file, field by field", () => {
    const header = tarHeader("manifest.json", 1234, 1_700_000_000);
    const expected = new Uint8Array(512);
    const put = (offset: number, text: string) => expected.set(ascii(text), offset);
    put(0, "manifest.json");
    put(100, "0000644\0");
    put(108, "0000000\0");
    put(116, "0000000\0");
    put(124, "00000002322\0");
    put(136, "14524770400\0");
    put(156, "0");
    put(257, "ustar\u000000");
    expect(Array.from(header)).toEqual(Array.from(fixChecksum(expected)));
    expect(new TextDecoder().decode(header.subarray(148, 156))).toBe("010507\0 ");
    expect(tarEntryBytes(1234)).toBe(512 + 1536);
    expect(tarEntryBytes(0)).toBe(512);
  });

  it("property: every byte of every fixed field, changed with the checksum fixed up, is refused and named", async () => {
    const base = ours();
    expect(await read(concatBytes(base, TAR_END))).toEqual({ entries: [{ path: PATH, size: 0 }] });
    let tried = 0;
    let accepted = 0;
    for (const [field, start, length] of FIELDS) {
      for (let offset = start; offset < start + length; offset++) {
        const original = base[offset] as number;
        // Every single-bit flip, and the values a tool or an editor is likely to leave: NUL, space, digits, the pax and GNU typeflags.
        const values = new Set([...[0, 1, 2, 3, 4, 5, 6, 7].map((bit) => original ^ (1 << bit)), 0x00, 0x20, 0x30, 0x37, 0x78, 0x67, 0x4c, 0x4b, 0xff]);
        values.delete(original);
        for (const value of values) {
          const header = base.slice();
          header[offset] = value;
          const result = await read(concatBytes(fixChecksum(header), TAR_END));
          const expected = verdict(field, offset, value);
          tried++;
          if (expected === undefined) {
            accepted++;
            expect(result, `${field} byte ${offset} = ${value}`).toEqual({ entries: [{ path: PATH, size: 0 }] });
          } else {
            expect(result, `${field} byte ${offset} = ${value}`).toEqual({ problem: expected });
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(3500);
    // Only mtime digits changed into other digits pass.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(60);
  });

  it("refuses a size or checksum written in another form than tarHeader's, even with the same value", async () => {
    const spaced = ours();
    spaced.set(ascii("          0 "), 124); // space-padded, as some old writers do
    expect(await read(concatBytes(fixChecksum(spaced), TAR_END))).toEqual({ problem: { reason: "field-not-octal", field: "size" } });
    const checksum = fixChecksum(ours());
    checksum.set(ascii("\0"), 155); // "dddddd\0\0" instead of "dddddd\0 "
    expect(await read(concatBytes(checksum, TAR_END))).toEqual({ problem: { reason: "field-not-octal", field: "checksum" } });
  });

  it("accepts devmajor and devminor written as octal zero, as GNU tar and Python's tarfile write them", async () => {
    const header = ours();
    header.set(ascii("0000000\0"), 329);
    header.set(ascii("0000000\0"), 337);
    expect(await read(concatBytes(fixChecksum(header), TAR_END))).toEqual({ entries: [{ path: PATH, size: 0 }] });
  });
});

describe("archives of other tar formats are named, not called damaged", () => {
  it("refuses pax and GNU archives made by the real tar as an unsupported format", async () => {
    requireTool("tar", "tar");
    const tmp = tempDir("tar-formats");
    try {
      writeFileSync(tmp.file("manifest.json"), '{"a":1}');
      const fixed = ["--owner=0", "--group=0", "--numeric-owner", "--mode=0644"];
      for (const format of ["pax", "gnu"] as const) {
        const made = run("tar", [`--format=${format}`, ...fixed, "-cf", tmp.file(`${format}.tar`), "-C", tmp.dir, "manifest.json"]);
        expect(made.status, made.stderr.toString()).toBe(0);
        expect(await read(readFileSync(tmp.file(`${format}.tar`)))).toEqual({ problem: { reason: "unsupported-format", format } });
      }
      // The same file in ustar is read: only the format differs.
      expect(run("tar", ["--format=ustar", ...fixed, "-cf", tmp.file("ustar.tar"), "-C", tmp.dir, "manifest.json"]).status).toBe(0);
      expect(await read(readFileSync(tmp.file("ustar.tar")))).toEqual({ entries: [{ path: "manifest.json", size: 7 }] });
    } finally {
      tmp.remove();
    }
  });

  it("names a pax extended header or a GNU long name that follows a ustar entry", async () => {
    for (const [type, format] of [
      ["x", "pax"],
      ["g", "pax"],
      ["L", "gnu"],
      ["K", "gnu"],
    ] as const) {
      const extension = ours();
      extension.set(ascii(type), 156);
      const archive = concatBytes(tarHeader("manifest.json", 0, 0), fixChecksum(extension), TAR_END);
      expect(await read(archive)).toEqual({ problem: { reason: "unsupported-format", format } });
    }
  });
});
