/**
 * The identity that signs a packet is the one the secretariat names by
 * fingerprint, never the vault's first identity; custody records name the
 * person only when the vault holds one identity.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { testService } from "./service.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";
/** Who the custody events appended when the sample's attachments were imported name. */
const importedBy = (c: { evidence: { custody: { actor: string; note?: string | undefined }[] }[] }) =>
  new Set(c.evidence.flatMap((e) => e.custody.filter((x) => x.note?.startsWith("Sample attachment imported")).map((x) => x.actor)));
const person = (displayName: string, nationality: string) => ({ displayName, region: "western-european-and-others-states", nationality, affiliation: "Panel Secretariat" });

describe("packet:export signs with the identity named by fingerprint", () => {
  it("with two identities, the second one named signs; an unknown fingerprint is refused before a number is taken", async () => {
    const sec = testService();
    const pan = testService();
    await sec.call("vault:create", { passphrase: PASS });
    await pan.call("vault:create", { passphrase: PASS });
    const first = await sec.call("identity:create", person("Old Secretariat Key", "CH"));
    const second = await sec.call("identity:create", person("Case Secretariat", "CH"));
    const me = await pan.call("identity:create", { ...person("Ines Okafor", "IE"), affiliation: "Trinity College Dublin" });
    const card = await pan.call("identity:export-card", { id: me.id });

    const c = await sec.call("case:load-sample", {});
    // Two identities and none named: custody records the role, not a guess at the person.
    expect(importedBy(c)).toEqual(new Set(["Secretariat"]));
    const people = await sec.call("registry:load-sample", {});
    const examined = await sec.call("registry:examine", { file: card.blob });
    const ines = await sec.call("registry:enrol", { file: card.blob, fingerprint: examined.fingerprintGroups.join(" "), affiliationStates: [], declaredInterests: "None." });
    const id = (n: string) => people.find((p) => p.displayName.includes(n))?.id as string;
    await sec.call("panel:save", { panel: { format: "attribution-panel/panel", version: 1, caseId: c.id, chairId: id("Okonkwo"), memberIds: [id("Sakamoto"), id("Nowak"), id("Fernandes"), ines.id], rubricId: "default-v1", deadline: c.deadline, waivers: [] } });

    const unknown = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    expect(await sec.refusal("packet:export", { caseId: c.id, memberId: ines.id, signer: unknown })).toEqual({ kind: "refused", problem: { kind: "case", error: { kind: "identity-not-found", fingerprint: unknown } } });
    expect(await sec.call("packet:outbox", { caseId: c.id })).toEqual([]);

    const packet = await sec.call("packet:export", { caseId: c.id, memberId: ines.id, signer: second.fingerprint });
    expect(packet.sequence).toBe(1);
    const asked = await pan.call("inbox:import", { file: packet.blob });
    expect(asked).toMatchObject({ outcome: "confirm-signer", fingerprint: second.fingerprint });
    expect(second.fingerprint).not.toBe(first.fingerprint);

    const other = await sec.call("packet:export", { caseId: c.id, memberId: ines.id, signer: first.fingerprint });
    expect(await pan.call("inbox:import", { file: other.blob })).toMatchObject({ outcome: "confirm-signer", fingerprint: first.fingerprint });
  });

  it("with one identity, custody names that person", async () => {
    const sec = testService();
    await sec.call("vault:create", { passphrase: PASS });
    await sec.call("identity:create", person("Case Secretariat", "CH"));
    const c = await sec.call("case:load-sample", {});
    expect(importedBy(c)).toEqual(new Set(["Case Secretariat"]));
  });
});
