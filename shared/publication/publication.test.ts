import { describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { fromUtf8, utf8 } from "../encoding/bytes";
import { parseStrictJson } from "../formats/jcs";
import { disclosureDigest } from "../formats/selective-disclosure";
import { OpinionSchema } from "../opinion/opinion";
import { planRelease, proposedWithholding, withholdableParts } from "./release";
import { ALLOWED_SIGNERS, OPINION_JSON, SHA256SUMS, SIGNED_PAYLOAD, STATEMENT, VERIFY_MD, coSignatureFile, signatureOf, type Publication } from "./publication";
import { heldPanel, publishedFiles } from "./publication.testing";
import { verifyPublication, type PublicationProblem } from "./verify";

const loaded = await loadCrypto();
if (!loaded.ok) throw new Error("libsodium did not load");

const report = (files: ReadonlyMap<string, Uint8Array>) => {
  const r = verifyPublication(files);
  if (!r.ok) throw new Error(`unusable: ${r.error.kind}`);
  return r.value;
};
const kinds = (problems: readonly PublicationProblem[]) => [...new Set(problems.map((p) => p.kind))].sort();
const opinionJson = (files: ReadonlyMap<string, Uint8Array>): Publication => JSON.parse(fromUtf8(files.get(OPINION_JSON) as Uint8Array) as string) as Publication;
/** The files with opinion.json rewritten by `change` (and nothing else: the statement and SHA256SUMS then disagree). */
const withOpinionJson = (files: ReadonlyMap<string, Uint8Array>, change: (p: Publication) => Publication) =>
  new Map([...files, [OPINION_JSON, utf8(`${JSON.stringify(change(opinionJson(files)), null, 2)}\n`)]]);

describe("the release", () => {
  it("withholds by default every part the chair marked, declaring one redaction per visible digest", () => {
    const { held } = heldPanel();
    const parts = withholdableParts(held);
    expect(parts.map((p) => p.pointer).sort()).toEqual(["/estimates/0/values/0/region", "/evidence/0", "/reasoning/1", "/roster/2/affiliation"]);
    const release = planRelease(held, proposedWithholding(held));
    if (!release.ok) throw new Error(release.error.kind);
    // Only the separate opinions are released; every marked part is declared with the chair's reason.
    expect(release.value.released).toEqual(held.disclosures.separateOpinions);
    expect(release.value.redactions).toEqual(parts.map((p) => ({ digest: p.digest, reason: p.reason })));
  });

  it("may release more than the chair proposed, never withhold what was not marked", () => {
    const { held } = heldPanel();
    const release = planRelease(held, ["/evidence/0"]);
    if (!release.ok) throw new Error(release.error.kind);
    expect(release.value.redactions.map((r) => r.reason)).toEqual(["third-party-confidentiality"]);
    expect(release.value.released).toHaveLength(3 + held.disclosures.separateOpinions.length);
    expect(planRelease(held, ["/caseTitle"])).toEqual({ ok: false, error: { kind: "not-withholdable", pointer: "/caseTitle" } });
    expect(planRelease(held, ["/evidence/0", "/evidence/0"])).toEqual({ ok: false, error: { kind: "withheld-twice", pointer: "/evidence/0" } });
  });

  it("withholding a part withholds what lies inside it, and declares only the outer digest", () => {
    const part = (pointer: string, disclosure: string) => ({ pointer, disclosure, reason: "personal-data" as const });
    const disclosures = { draft: [part("/roster/2", "AAAA"), part("/roster/2/affiliation", "BBBB"), part("/roster/20", "CCCC")], separateOpinions: ["DDDD"], decoys: [] };
    const outer = planRelease({ disclosures }, ["/roster/2"]);
    expect(outer.ok && outer.value).toEqual({
      released: ["CCCC", "DDDD"],
      redactions: [{ digest: disclosureDigest("AAAA"), reason: "personal-data" }],
      withheld: ["/roster/2", "/roster/2/affiliation"],
    });
    const inner = planRelease({ disclosures }, ["/roster/2/affiliation"]);
    expect(inner.ok && inner.value).toEqual({ released: ["AAAA", "CCCC", "DDDD"], redactions: [{ digest: disclosureDigest("BBBB"), reason: "personal-data" }], withheld: ["/roster/2/affiliation"] });
  });
});

describe("a publication", () => {
  it("verifies: every signature, the redactions, the seats, every file, and the aggregates recomputed", () => {
    const { files, release, panel } = publishedFiles();
    const r = report(files);
    expect(r.problems).toEqual([]);
    expect(r.valid).toBe(true);
    // The separate opinions come in the payload's (shuffled) order.
    expect(r.signatures.map((s) => [s.role, s.namespace, s.valid, s.stance ?? ""]).sort()).toEqual([
      ["chair", "opinion@attribution-panel", true, ""],
      ["member", "co-signature@attribution-panel", true, "concur"],
      ["member", "co-signature@attribution-panel", true, "concur-separate"],
      ["member", "co-signature@attribution-panel", true, "dissent"],
      ["member", "separate-opinion@attribution-panel", true, "dissent"],
      ["member", "separate-opinion@attribution-panel", true, "separate"],
      ["secretariat", "publication@attribution-panel", true, ""],
    ]);
    expect(r.redactions).toEqual(release.redactions);
    expect(r.notSigned).toEqual([panel.roster[4]?.fingerprint]);
    // The median, quartiles and IQR recompute from the released estimates; the regional median cannot (a region withheld).
    expect(r.aggregates.filter((a) => a.recomputable).map((a) => [a.figure, a.stated, a.recomputed])).toEqual([
      ["n", 2, 2],
      ["median", 65, 65],
      ["p25", 62.5, 62.5],
      ["p75", 67.5, 67.5],
      ["iqr", 5, 5],
    ]);
    expect(r.aggregates.filter((a) => !a.recomputable).map((a) => [a.figure, a.region])).toEqual([["regional-median", "african-states"]]);
    // No withheld value appears in any published file.
    const withheldValues = ["Partner report", "A partner's report, withheld", "NASK"];
    for (const [path, bytes] of files) for (const v of withheldValues) expect(fromUtf8(bytes)?.includes(v), `${v} in ${path}`).toBe(false);
  });

  it("with every marked part released, the regional medians recompute too", () => {
    const { files } = publishedFiles(undefined, () => []);
    const r = report(files);
    expect(r.valid).toBe(true);
    expect(r.redactions).toEqual([]);
    expect(r.aggregates.filter((a) => a.figure.startsWith("regional")).map((a) => [a.figure, a.stated, a.recomputed, a.matches])).toEqual([
      ["regional-n", 1, 1, true],
      ["regional-median", 60, 60, true],
    ]);
  });

  it("writes the exact signed bytes beside each signature, allowed_signers, VERIFY.md and SHA256SUMS", () => {
    const { files } = publishedFiles();
    expect([...files.keys()].sort()).toEqual(
      [
        ALLOWED_SIGNERS,
        OPINION_JSON,
        "opinion.schema.json",
        SHA256SUMS,
        VERIFY_MD,
        SIGNED_PAYLOAD,
        signatureOf(SIGNED_PAYLOAD),
        "signed/co-signature-01.json",
        "signed/co-signature-01.json.sig",
        "signed/co-signature-02.json",
        "signed/co-signature-02.json.sig",
        "signed/co-signature-03.json",
        "signed/co-signature-03.json.sig",
        "signed/separate-opinion-01.json",
        "signed/separate-opinion-01.json.sig",
        "signed/separate-opinion-02.json",
        "signed/separate-opinion-02.json.sig",
        STATEMENT,
        signatureOf(STATEMENT),
      ].sort(),
    );
    const principals = (fromUtf8(files.get(ALLOWED_SIGNERS) as Uint8Array) ?? "").split("\n").filter(Boolean).map((l) => l.split(" ").slice(0, 2).join(" "));
    expect(principals).toEqual([
      'chair namespaces="opinion@attribution-panel"',
      'member-01 namespaces="co-signature@attribution-panel,separate-opinion@attribution-panel"',
      'member-02 namespaces="co-signature@attribution-panel,separate-opinion@attribution-panel"',
      'member-03 namespaces="co-signature@attribution-panel"',
      'secretariat namespaces="publication@attribution-panel"',
    ]);
    const verifyMd = fromUtf8(files.get(VERIFY_MD) as Uint8Array) ?? "";
    expect(verifyMd).toContain("ssh-keygen -Y verify -f allowed_signers -I chair -n opinion@attribution-panel -s signed/payload.json.sig < signed/payload.json");
    expect(verifyMd).toContain("sha256sum -c SHA256SUMS");
    expect(verifyMd).toContain("attribution-panel verify .");
    const statement = parseStrictJson(files.get(STATEMENT) as Uint8Array);
    expect(statement.ok && (statement.value as { files: { path: string }[] }).files.map((f) => f.path)).not.toContain(SHA256SUMS);
  });
});

describe("a tampered publication", () => {
  const { files } = publishedFiles();

  it("is unusable without opinion.json, or when it is not JSON or not a publication", () => {
    expect(verifyPublication(new Map())).toEqual({ ok: false, error: { kind: "no-opinion-json" } });
    expect(verifyPublication(new Map([[OPINION_JSON, utf8("{")]]))).toEqual({ ok: false, error: { kind: "not-json" } });
    expect(verifyPublication(new Map([[OPINION_JSON, utf8('{"format":"something-else"}')]]))).toEqual({ ok: false, error: { kind: "not-a-publication" } });
  });

  it("one changed byte of the payload: the chair's signature fails, and the signed file differs", () => {
    const r = report(withOpinionJson(files, (p) => ({ ...p, payload: { ...p.payload, text: p.payload.text.replace("Intrusion", "Intrusien") } })));
    expect(r.valid).toBe(false);
    expect(kinds(r.problems)).toEqual(expect.arrayContaining(["payload", "signed-file-differs", "file-changed", "sums-differ"]));
  });

  it("a changed signed file alone (what ssh-keygen reads) is found", () => {
    const bytes = files.get(SIGNED_PAYLOAD) as Uint8Array;
    const changed = new Uint8Array(bytes);
    changed[10] = (changed[10] as number) ^ 1;
    const r = report(new Map([...files, [SIGNED_PAYLOAD, changed]]));
    expect(kinds(r.problems)).toEqual(["file-changed", "signed-file-differs", "sums-differ"]);
  });

  it("an added, a duplicated or an unreferenced disclosure is refused", () => {
    const released = opinionJson(files).disclosures;
    const duplicated = report(withOpinionJson(files, (p) => ({ ...p, disclosures: [...released, released[0] as string] })));
    expect(duplicated.problems).toContainEqual(expect.objectContaining({ kind: "payload", error: expect.objectContaining({ kind: "disclosures" }) }));
    // A disclosure whose digest is nowhere in the payload.
    const stray = report(withOpinionJson(files, (p) => ({ ...p, disclosures: [...released, "WyJzYWx0IiwibmFtZSIsInZhbHVlIl0"] })));
    expect(stray.problems).toContainEqual(expect.objectContaining({ kind: "payload", error: expect.objectContaining({ kind: "disclosures" }) }));
  });

  it("a redaction dropped from opinion.json breaks the statement", () => {
    const r = report(withOpinionJson(files, (p) => ({ ...p, redactions: p.redactions.slice(1) })));
    expect(r.problems).toContainEqual({ kind: "statement-differs", field: "redactions" });
  });

  it("a redaction of a digest that is not withheld, or declared twice, is refused", () => {
    const p = opinionJson(files);
    const released = disclosureDigest(p.disclosures[0] as string);
    const r = report(withOpinionJson(files, (q) => ({ ...q, redactions: [...q.redactions, { digest: released, reason: "personal-data" }, q.redactions[0] as Publication["redactions"][number]] })));
    expect(kinds(r.problems)).toEqual(expect.arrayContaining(["redaction-not-withheld", "redaction-twice"]));
  });

  it("a changed co-signature statement fails its signature", () => {
    const r = report(withOpinionJson(files, (p) => ({ ...p, coSignatures: p.coSignatures.map((c, i) => (i === 2 ? { ...c, text: c.text.replace('"concur"', '"dissent"') } : c)) })));
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: "co-signature", index: 2 }));
    expect(r.signatures.find((s) => s.file === coSignatureFile(2))?.valid).toBe(false);
  });

  it("a dropped co-signature leaves its seat unaccounted", () => {
    const r = report(withOpinionJson(files, (p) => ({ ...p, coSignatures: p.coSignatures.slice(0, 2) })));
    expect(kinds(r.problems)).toContain("seat-unaccounted");
  });

  it("a changed or added file is found by the statement and by SHA256SUMS", () => {
    const changed = report(new Map([...files, [VERIFY_MD, utf8("Trust us.\n")]]));
    expect(kinds(changed.problems)).toEqual(["file-changed", "sums-differ"]);
    const added = report(new Map([...files, ["extra.txt", utf8("more")]]));
    expect(kinds(added.problems)).toEqual(["file-not-listed", "sums-differ"]);
    const gone = new Map(files);
    gone.delete(VERIFY_MD);
    expect(kinds(report(gone).problems)).toEqual(["file-missing", "sums-differ"]);
  });

  it("a statement signed by another key than the one named, or changed, is refused", () => {
    const statement = files.get(STATEMENT) as Uint8Array;
    const changed = utf8((fromUtf8(statement) ?? "").replace("2026-12-11", "2026-12-12"));
    const r = report(new Map([...files, [STATEMENT, changed]]));
    expect(kinds(r.problems)).toEqual(expect.arrayContaining(["statement-signature", "sums-differ"]));
  });

  it("a stated aggregate the released estimates do not give is reported", () => {
    const wrong = publishedFiles((o) =>
      OpinionSchema.parse({ ...o, findings: o.findings.map((f) => ({ ...f, aggregate: f.aggregate.method === "median" ? { ...f.aggregate, value: 66 } : f.aggregate })) }),
    ).files;
    const r = report(wrong);
    expect(r.valid).toBe(false);
    expect(r.problems).toEqual([expect.objectContaining({ kind: "aggregate", check: expect.objectContaining({ figure: "median", stated: 66, recomputed: 65 }) })]);
  });
});
