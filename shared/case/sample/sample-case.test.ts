import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AffiliationSchema, DisplayNameSchema, NationalitySchema } from "../../identity/identity-details";
import { UN_REGIONS, UnRegionSchema } from "../../identity/un-regions";
import { checkComposition, conflictReasons, DEFAULT_COMPOSITION, partyStatesOf } from "../composition";
import { admiraltyCode, CaseSchema, EvidenceSchema, ExpertIdSchema, ObjectIdSchema, TLP_MARKINGS, type RegistryEntry } from "../model";
import { importStixBundle } from "../stix";
import { buildSampleCase, hmiScreenshotPng, SAMPLE_REGISTRY_PEOPLE } from "./sample-case";

const NOW = new Date("2026-01-05T09:30:00.000Z");
function build() {
  let n = 0;
  return buildSampleCase(NOW, () => `sample-${String(++n).padStart(12, "0")}`);
}

describe("the sample case", () => {
  const { case: sample, attachments } = build();

  it("parses with CaseSchema", () => {
    const parsed = CaseSchema.safeParse(sample);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual(sample);
  });

  it("has the parties, sectors, composition and dates asked for", () => {
    expect(sample).toMatchObject({
      title: "Operation Silent Reservoir",
      parties: { accusing: ["XA"], accused: ["XB"], affected: ["XA", "XC"] },
      composition: DEFAULT_COMPOSITION,
      created: "2026-01-05T09:30:00.000Z",
      updated: "2026-01-05T09:30:00.000Z",
      deadline: "2026-02-16T09:30:00.000Z",
    });
    expect(sample.sectors).toEqual(expect.arrayContaining(["water", "health"]));
    expect(sample.incidentWindow.start < sample.incidentWindow.end).toBe(true);
    expect(sample.civilianImpact.length).toBeGreaterThan(100);
  });

  it("has three or more claims and exactly one catch-all", () => {
    expect(sample.claims.filter((c) => !c.catchAll).length).toBeGreaterThanOrEqual(3);
    expect(sample.claims.filter((c) => c.catchAll)).toEqual([expect.objectContaining({ statement: "" })]);
    expect(sample.claims.some((c) => c.attributedState === "XB")).toBe(true);
  });

  it("has ten or more evidence items with all five TLP levels, several gradings and 2-4 custody events each", () => {
    expect(sample.evidence.length).toBeGreaterThanOrEqual(10);
    expect(new Set(sample.evidence.map((e) => e.marking))).toEqual(new Set(TLP_MARKINGS));
    expect(sample.marking).toBe("RED");
    expect(new Set(sample.evidence.map((e) => admiraltyCode(e.grading))).size).toBeGreaterThanOrEqual(5);
    expect(new Set(sample.evidence.map((e) => e.kind)).size).toBeGreaterThanOrEqual(6);
    for (const e of sample.evidence) {
      expect(e.attachments).toEqual([]);
      expect(e.custody.length).toBeGreaterThanOrEqual(2);
      expect(e.custody.length).toBeLessThanOrEqual(4);
      // Custody is in time order, and carries no hash: the import records the hash it computes.
      expect(e.custody.map((c) => c.time)).toEqual([...e.custody.map((c) => c.time)].sort());
      for (const c of e.custody) expect(c.sha256).toBeUndefined();
    }
  });

  it("uses the ids it is given, once each", () => {
    const ids = [sample.id, ...sample.claims.map((c) => c.id), ...sample.evidence.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(ObjectIdSchema.safeParse(id).success).toBe(true);
    expect(build().case).toEqual(sample); // same clock and ids: same case
  });

  it("comes with small attachments that fit their evidence items once stored", () => {
    expect(attachments.length).toBeGreaterThanOrEqual(3);
    expect(attachments.reduce((n, a) => n + a.bytes.length, 0)).toBeLessThan(50 * 1024);
    expect(new Set(attachments.map((a) => a.mediaType))).toEqual(new Set(["text/plain", "text/csv", "image/png"]));
    for (const [i, a] of attachments.entries()) {
      const item = sample.evidence[a.evidenceIndex];
      expect(item).toBeDefined();
      if (a.mediaType.startsWith("text/")) expect(new TextDecoder("utf-8", { fatal: true }).decode(a.bytes)).not.toMatch(/[^\P{Cc}\t\n]/u);
      const sha256 = createHash("sha256").update(a.bytes).digest("hex");
      const ref = { id: `attachment-${String(i).padStart(8, "0")}`, name: a.name, mediaType: a.mediaType, size: a.bytes.length, sha256 };
      const custody = [...item!.custody, { action: "imported" as const, actor: "Panel secretariat", time: NOW.toISOString(), sha256, attachmentId: ref.id }];
      expect(EvidenceSchema.safeParse({ ...item, attachments: [ref], custody }).error).toBeUndefined();
    }
  });

  it("builds a valid PNG: signature, chunk CRCs and the deflated image data", () => {
    const png = hmiScreenshotPng();
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const chunks: { type: string; data: Uint8Array }[] = [];
    for (let at = 8; at < png.length; ) {
      const length = view.getUint32(at);
      const type = new TextDecoder().decode(png.subarray(at + 4, at + 8));
      const data = png.subarray(at + 8, at + 8 + length);
      expect(view.getUint32(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    const ihdr = new DataView(chunks[0]!.data.buffer, chunks[0]!.data.byteOffset, 13);
    const [width, height] = [ihdr.getUint32(0), ihdr.getUint32(4)];
    expect([ihdr.getUint8(8), ihdr.getUint8(9)]).toEqual([8, 2]); // 8-bit RGB
    const raw = inflateSync(chunks[1]!.data); // also checks the zlib header and Adler-32
    expect(raw.length).toBe(height * (1 + width * 3));
  });
});

describe("the sample bundle", () => {
  it("is a bundle importStixBundle accepts, with the case's actors and evidence", () => {
    const bytes = new Uint8Array(readFileSync(new URL("./sample-bundle.json", import.meta.url)));
    expect(new TextDecoder().decode(bytes)).toMatch(/^[\x20-\x7E\n]*$/); // plain ASCII, no control characters
    const result = importStixBundle(bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.claims.length).toBeGreaterThanOrEqual(3);
    expect(result.value.evidence.length).toBeGreaterThanOrEqual(10);
    expect(new Set(result.value.claims.map((c) => c.attributedState).filter(Boolean))).toEqual(new Set(["XB", "XD"]));
  });

  it("uses spec_version 2.1, v4-shaped UUIDs for its domain objects, and documentation addresses only", () => {
    const text = readFileSync(new URL("./sample-bundle.json", import.meta.url), "utf8");
    const bundle = JSON.parse(text) as { objects: { type: string; id: string; spec_version: string }[] };
    const fixedTlp = /^marking-definition--(94868c89|bab4a63c|55d920b0|939a9414|e828b379|34098fce)-/;
    const scos = new Set(["ipv4-addr", "domain-name", "network-traffic"]);
    for (const o of bundle.objects) {
      expect(o.spec_version).toBe("2.1");
      // Cyber-observables carry deterministic UUIDv5 ids (STIX 2.1, 2.9); the rest are random v4.
      if (!fixedTlp.test(o.id)) expect(o.id).toMatch(new RegExp(`^${o.type}--[0-9a-f]{8}-[0-9a-f]{4}-${scos.has(o.type) ? 5 : 4}[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`));
    }
    for (const ip of text.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []) expect(ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
    for (const host of text.match(/\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|ru|cn|io|xa|xb)\b/g) ?? []) expect.fail(`a real-looking domain: ${host}`);
  });
});

describe("the sample registry", () => {
  it("has seven valid people covering all five UN regional groups", () => {
    expect(SAMPLE_REGISTRY_PEOPLE).toHaveLength(7);
    expect(new Set(SAMPLE_REGISTRY_PEOPLE.map((p) => p.region))).toEqual(new Set(UN_REGIONS.map((r) => r.id)));
    for (const p of SAMPLE_REGISTRY_PEOPLE) {
      expect(DisplayNameSchema.safeParse(p.displayName).error).toBeUndefined();
      expect(AffiliationSchema.safeParse(p.affiliation).error).toBeUndefined();
      expect(UnRegionSchema.safeParse(p.region).success).toBe(true);
      expect(NationalitySchema.safeParse(p.nationality).success).toBe(true);
    }
  });

  it("lets a balanced, unconflicted panel be formed, and exercises the conflict rule", () => {
    const { case: sample } = build();
    const entries: RegistryEntry[] = SAMPLE_REGISTRY_PEOPLE.map((p, i) => ({
      format: "attribution-panel/registry-entry",
      version: 1,
      id: ExpertIdSchema.parse(`expert-${String(i).padStart(10, "0")}`),
      cardFile: "",
      displayName: p.displayName,
      fingerprint: "SHA256:x",
      region: p.region,
      nationality: p.nationality,
      affiliations: [p.affiliation],
      affiliationStates: [...p.affiliationStates],
      declaredInterests: p.declaredInterests,
      verifiedAt: NOW.toISOString(),
    }));
    const parties = partyStatesOf(sample);
    const conflicted = entries.filter((e) => conflictReasons(e, parties).length > 0).map((e) => e.nationality);
    expect(conflicted.sort()).toEqual(["IN", "XB"]);
    const clean = entries.filter((e) => conflictReasons(e, parties).length === 0);
    expect(checkComposition({ chairId: clean[0]!.id, memberIds: clean.slice(1).map((e) => e.id), waivers: [] }, entries, sample).ok).toBe(true);
    const withBoravian = entries.filter((e) => e.nationality !== "IN");
    expect(checkComposition({ chairId: withBoravian[0]!.id, memberIds: withBoravian.slice(1).map((e) => e.id), waivers: [] }, entries, sample).violations).toEqual([
      expect.objectContaining({ kind: "conflicted-member", name: "Dr. Bogdan Veres" }),
    ]);
  });
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
