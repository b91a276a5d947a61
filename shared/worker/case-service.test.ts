import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { testService } from "./service.testing";
import { WorkerErrorSchema } from "./contract";
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_OBJECTS } from "../case/stix";
import { sniffImage } from "./files-handlers";
import { exportIdentityCard, identityCardOf } from "../identity/identity-card";
import { signCardFile, testIdentity } from "../identity/identity.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
const service = testService;

describe("case service: secretariat → packet → panelist", () => {
  it("enrols only with real country codes: the card's nationality and the affiliation states", async () => {
    const sec = service();
    await sec.call("vault:create", { passphrase: PASS });
    const expert = testIdentity({ displayName: "Lena Baumann", nationality: "CH" });
    // A card an earlier version signed, which took "SW" for Switzerland.
    const oldCard = new Blob([signCardFile({ ...identityCardOf(expert), nationality: "SW" }, expert.signing)]);
    const preview = await sec.call("registry:examine", { file: oldCard });
    expect(preview.nationality).toBe("SW");
    const fingerprint = preview.fingerprintGroups.join(" ");
    expect(await sec.refusal("registry:enrol", { file: oldCard, fingerprint, affiliationStates: [], declaredInterests: "" })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "unknown-nationality", nationality: "SW" } } });

    const card = new Blob([exportIdentityCard(expert)]);
    expect(await sec.refusal("registry:enrol", { file: card, fingerprint, affiliationStates: ["FR", "UK"], declaredInterests: "" })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "unknown-state-code", codes: ["UK"] } } });
    expect(await sec.call("registry:list", {})).toEqual([]);
    const entry = await sec.call("registry:enrol", { file: card, fingerprint, affiliationStates: ["fr", "GB", "FR"], declaredInterests: "" });
    expect(entry).toMatchObject({ nationality: "CH", affiliationStates: ["FR", "GB"] });
  });

  it("saves a case only when every state it names is a country code, naming the field refused", async () => {
    const sec = service();
    await sec.call("vault:create", { passphrase: PASS });
    const c = await sec.call("case:create", { title: "Codes" });
    const claims = c.claims.map((x, i) => (i === 0 ? { ...x, statement: "State B did it.", attributedState: "UK" } : x));
    const refusal = await sec.refusal("case:save", { case: { ...c, parties: { ...c.parties, accusing: ["FR", "SW"] }, claims } });
    expect(refusal).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "unknown-country-codes", fields: [{ field: "parties", role: "accusing", codes: ["SW"] }, { field: "attributed-state", position: 1, codes: ["UK"] }] } } });
    expect((await sec.call("case:get", { id: c.id })).parties.accusing).toEqual([]);
    const fixed = await sec.call("case:save", { case: { ...c, parties: { ...c.parties, accusing: ["FR", "CH"] }, claims: claims.map((x) => (x.attributedState ? { ...x, attributedState: "GB" } : x)) } });
    expect(fixed.parties.accusing).toEqual(["FR", "CH"]);
  });

  it("builds the sample case and a valid panel, exports a packet, and the panelist imports and reads it", async () => {
    const sec = service();
    const pan = service();
    await sec.call("vault:create", { passphrase: PASS });
    await pan.call("vault:create", { passphrase: PASS });
    expect(await sec.refusal("packet:export", { caseId: "a".repeat(22), memberId: "b".repeat(22), signer: "SHA256:none" })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "no-identity" } } });
    const signer = (await sec.call("identity:create", { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" })).fingerprint;
    const me = await pan.call("identity:create", { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" });
    const card = await pan.call("identity:export-card", { id: me.id });

    const c = await sec.call("case:load-sample", {});
    expect(c.evidence.length).toBeGreaterThanOrEqual(10);
    const people = await sec.call("registry:load-sample", {});
    expect(people).toHaveLength(7);
    const examined = await sec.call("registry:examine", { file: card.blob });
    expect(examined.fingerprint).toBe(me.fingerprint);
    expect(await sec.refusal("registry:enrol", { file: card.blob, fingerprint: "SHA256:wrong", affiliationStates: [], declaredInterests: "" })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "fingerprint-mismatch" } } });
    const ines = await sec.call("registry:enrol", { file: card.blob, fingerprint: examined.fingerprintGroups.join(" "), affiliationStates: [], declaredInterests: "None." });
    const id = (n: string) => people.find((p) => p.displayName.includes(n))?.id as string;
    await sec.call("panel:save", { panel: { format: "attribution-panel/panel", version: 1, caseId: c.id, chairId: id("Okonkwo"), memberIds: [id("Sakamoto"), id("Nowak"), id("Fernandes"), ines.id], rubricId: "default-v1", deadline: c.deadline, waivers: [] } });
    expect((await sec.call("case:list", {}))[0]).toMatchObject({ id: c.id, panel: true, attachments: 4 });
    expect(await sec.refusal("registry:remove", { id: ines.id })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "on-a-panel" } } });

    const packet = await sec.call("packet:export", { caseId: c.id, memberId: ines.id, signer });
    expect(packet.fileName).toMatch(/^Operation-Silent-Reservoir--Ines-Okafor--1\.packet\.age$/);
    // The outbox keeps the SHA-256 of exactly the bytes handed over.
    const handed = new Uint8Array(await packet.blob.arrayBuffer());
    expect(packet.outbox).toMatchObject({ sequence: 1, memberId: ines.id, recipientName: "Ines Okafor", fileName: packet.fileName, sha256: createHash("sha256").update(handed).digest("hex"), size: handed.length });
    const second = await sec.call("packet:export", { caseId: c.id, memberId: id("Okonkwo"), signer });
    expect(second.sequence).toBe(2);
    expect((await sec.call("packet:outbox", { caseId: c.id })).map((e) => [e.sequence, e.recipientName, e.sha256])).toEqual([
      [2, "Dr. Adaeze Okonkwo", second.outbox.sha256],
      [1, "Ines Okafor", packet.outbox.sha256],
    ]);

    const asked = await pan.call("inbox:import", { file: packet.blob });
    expect(asked).toMatchObject({ outcome: "confirm-signer" });
    expect(await pan.call("inbox:list", {})).toEqual([]);
    if (asked.outcome !== "confirm-signer") throw new Error("expected a question");
    const imported = await pan.call("inbox:import", { file: packet.blob, confirmSigner: asked.fingerprint });
    expect(imported).toMatchObject({ outcome: "imported", caseId: c.id, newlyPinned: true });
    // The chair's packet is not for this panelist.
    expect(await pan.call("inbox:import", { file: second.blob })).toEqual({ outcome: "refused", problem: { kind: "not-addressed-to-you" } });
    expect(await pan.call("inbox:import", { file: packet.blob })).toMatchObject({ outcome: "refused", problem: { kind: "already-imported", sequence: 1 } });
    expect(await pan.call("inbox:import", { file: new Blob([new Uint8Array(5000).map((_, i) => (i * 37) & 0xff)]) })).toEqual({ outcome: "refused", problem: { kind: "not-an-age-file", looksLike: "other" } });

    const received = await pan.call("inbox:get", { caseId: c.id });
    const refs = received.case.evidence.flatMap((e) => e.attachments);
    const text = refs.find((r) => r.mediaType === "text/plain");
    const png = refs.find((r) => r.mediaType === "image/png");
    const csv = refs.find((r) => r.mediaType === "text/csv");
    expect(await pan.call("attachment:preview", { id: text!.id })).toMatchObject({ kind: "text", truncated: false, text: expect.stringMatching(/Eastwater/) });
    expect(await pan.call("attachment:preview", { id: png!.id })).toMatchObject({ kind: "image", mediaType: "image/png" });
    expect(await pan.call("attachment:preview", { id: csv!.id })).toMatchObject({ kind: "text" });
  });

  it("a bad STIX bundle changes nothing and names every error with its path", async () => {
    const sec = service();
    await sec.call("vault:create", { passphrase: PASS });
    const c = await sec.call("case:create", { title: "Empty case" });
    const bad = new Blob([JSON.stringify({ type: "bundle", id: "bundle--6ba7b810-9dad-11d1-80b4-00c04fd430c8", objects: [{ type: "campaign" }] })]);
    expect(await sec.refusal("case:import-stix", { caseId: c.id, file: bad })).toMatchObject({ kind: "refused", problem: { kind: "case", error: { kind: "invalid-stix", errors: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^\$\.objects\[0\]/) })]) } } });
    expect((await sec.call("case:get", { id: c.id })).evidence).toEqual([]);
  });

  it("recognises raster images by their bytes only; SVG and labels are not trusted", () => {
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeUndefined();
    expect(sniffImage(new TextEncoder().encode("MZ\x90\x00"))).toBeUndefined();
  });
  it("a STIX bundle over a limit is refused with the limit named, as the contract carries it; a file over the size limit is not read", async () => {
    const sec = service();
    await sec.call("vault:create", { passphrase: PASS });
    const c = await sec.call("case:create", { title: "Limits" });
    const many = new Blob([`{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[${Array.from({ length: MAX_BUNDLE_OBJECTS + 1 }, () => "{}").join(",")}]}`]);
    const refusal = await sec.refusal("case:import-stix", { caseId: c.id, file: many });
    expect(refusal).toEqual({ kind: "refused", problem: { kind: "case", error: { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "over-limit", limit: "objects", max: MAX_BUNDLE_OBJECTS } }], total: 1 } } });
    expect(WorkerErrorSchema.safeParse(refusal).success).toBe(true);
    // A file whose size alone is over the limit: its bytes are never asked for.
    const huge = { size: MAX_BUNDLE_BYTES + 1, arrayBuffer: () => Promise.reject(new Error("read")), stream: () => { throw new Error("read"); } };
    const tooLarge = await sec.refusal("case:import-stix", { caseId: c.id, file: Object.setPrototypeOf(huge, Blob.prototype) });
    expect(tooLarge).toEqual({ kind: "refused", problem: { kind: "case", error: { kind: "invalid-stix", errors: [{ path: "$", problem: { kind: "too-large", maxBytes: MAX_BUNDLE_BYTES } }], total: 1 } } });
  });
});
