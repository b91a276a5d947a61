import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { OPINION_JSON, VERIFY_MD } from "../publication/publication";
import { publishedFiles } from "../publication/publication.testing";
import { MAX_PUBLICATION_BYTES } from "./contracts/publication";
import { createPublicationHandlers } from "./publication-handlers";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error("libsodium did not load");

const context = { signal: new AbortController().signal, progress: () => undefined };
// Verifying never opens the vault: a session that has none says so if it were asked.
const noVault = { withVault: () => Promise.reject(new Error("verifying must not open the vault")), clock: () => new Date() };
const verify = createPublicationHandlers(noVault)["publication:verify"];
const asFiles = (files: ReadonlyMap<string, Uint8Array>) => [...files].map(([path, bytes]) => ({ path, file: new Blob([bytes as Uint8Array<ArrayBuffer>]) }));

describe("publication:verify", () => {
  const { files } = publishedFiles();

  it("checks a folder's files without any vault", async () => {
    const r = await verify({ files: asFiles(files), scope: "folder" }, context);
    expect(r.ok && r.value.outcome === "checked" && r.value.report.valid).toBe(true);
    const changed = await verify({ files: asFiles(new Map([...files, [VERIFY_MD, new Uint8Array([1])]])), scope: "folder" }, context);
    expect(changed.ok && changed.value.outcome === "checked" && changed.value.report.problems.map((p) => p.kind)).toEqual(["file-changed", "sums-differ"]);
  });

  it("says what makes input unusable: no opinion.json, a path that leaves the folder, too large", async () => {
    expect(await verify({ files: asFiles(new Map([["notes.txt", new Uint8Array([1])]])), scope: "folder" }, context)).toEqual({ ok: true, value: { outcome: "unusable", reason: "no-opinion-json" } });
    expect(await verify({ files: [{ path: "../opinion.json", file: new Blob(["{}"]) }], scope: "folder" }, context)).toEqual({ ok: true, value: { outcome: "unusable", reason: "bad-path" } });
    class Huge extends Blob {
      override get size() {
        return MAX_PUBLICATION_BYTES + 1;
      }
    }
    expect(await verify({ files: [{ path: OPINION_JSON, file: new Huge(["{}"]) }], scope: "opinion-json" }, context)).toEqual({ ok: true, value: { outcome: "unusable", reason: "too-large" } });
  });
});
