import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { utf8 } from "../encoding/bytes";
import { MAX_FILES, OPINION_JSON } from "./publication";
import { publishedFiles } from "./publication.testing";
import { verifyPublication } from "./verify";
import { publicationFolderName, unzipPublication, zipPublication } from "./zip";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error("libsodium did not load");

describe("the publication as one zip", () => {
  const { files } = publishedFiles();
  const zipped = zipPublication(files, publicationFolderName("case-0000000000000001"));

  it("unzips to the same files, which verify, and the same publication always gives the same bytes", () => {
    const back = unzipPublication(zipped);
    if (!back.ok) throw new Error(back.error.kind);
    expect([...back.value.keys()].sort()).toEqual([...files.keys()].sort());
    for (const [path, bytes] of files) expect(back.value.get(path)).toEqual(bytes);
    const report = verifyPublication(back.value);
    expect(report.ok && report.value.valid).toBe(true);
    expect(zipPublication(files, publicationFolderName("case-0000000000000001"))).toEqual(zipped);
  });

  it("refuses what is not a zip, a name leaving the folder, and more files than a publication has", () => {
    expect(unzipPublication(utf8("{}"))).toEqual({ ok: false, error: { kind: "not-a-zip" } });
    expect(unzipPublication(zipped.subarray(0, 100))).toEqual({ ok: false, error: { kind: "not-a-zip" } });
    for (const name of ["../opinion.json", "/etc/passwd", "a/../../b", "a\\\\b"]) {
      expect(unzipPublication(zipSync({ [name]: utf8("x") }))).toEqual({ ok: false, error: { kind: "bad-path", path: name } });
    }
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= MAX_FILES; i++) many[`f${i}.txt`] = utf8("x");
    expect(unzipPublication(zipSync(many))).toEqual({ ok: false, error: { kind: "too-many-files" } });
  });

  it("takes a single top folder off, and keeps paths as they are without one", () => {
    const flat = unzipPublication(zipSync({ [OPINION_JSON]: utf8("{}"), "signed/x.json": utf8("{}") }));
    expect(flat.ok && [...flat.value.keys()].sort()).toEqual([OPINION_JSON, "signed/x.json"]);
  });
});
