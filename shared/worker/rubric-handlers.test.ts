import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { DEFAULT_RUBRIC, DEFAULT_RUBRIC_ID } from "../rubric/rubric";
import { testIdentity } from "../identity/identity.testing";
import { exportIdentityCard } from "../identity/identity-card";
import { WorkerErrorSchema } from "./contract";
import { testService } from "./service.testing";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
});

const PASS = "correct horse battery staple";

describe("the rubric domain of the worker", () => {
  it("lists, duplicates, edits, retires and restores, refusing with rubric problems the client can parse", async () => {
    const sec = testService();
    expect(await sec.refusal("rubric:list", {})).toMatchObject({ kind: "refused", problem: { kind: "vault", error: { kind: "locked" } } });
    await sec.call("vault:create", { passphrase: PASS });
    expect((await sec.call("rubric:list", {})).map((e) => [e.id, e.builtIn])).toEqual([[DEFAULT_RUBRIC_ID, true]]);

    const copy = await sec.call("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "treaty", title: { en: "Treaty rubric" } });
    expect(copy).toMatchObject({ id: "treaty", builtIn: false, from: { id: DEFAULT_RUBRIC_ID, revision: 1 } });
    const taken = await sec.refusal("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "treaty", title: { en: "Again" } });
    expect(taken).toEqual({ kind: "refused", problem: { kind: "rubric", error: { kind: "id-taken", rubricId: "treaty" } } });
    expect(WorkerErrorSchema.parse(taken)).toEqual(taken);

    const edited = await sec.call("rubric:save", { rubric: { ...copy.latest, asks: { ...copy.latest.asks, range: "required" } }, baseRevision: 1 });
    expect(edited).toMatchObject({ revision: 1, outcome: "edited", entry: { latest: { asks: { range: "required" } } } });
    const invalid = await sec.refusal("rubric:save", { rubric: { ...copy.latest, sumTolerance: 80 }, baseRevision: 1 });
    expect(invalid).toMatchObject({ kind: "refused", problem: { kind: "rubric", error: { kind: "invalid-rubric", issues: [{ path: ["sumTolerance"], code: "too_big" }] } } });
    expect(WorkerErrorSchema.parse(invalid)).toEqual(invalid);
    const created = await sec.call("rubric:save", { rubric: { ...DEFAULT_RUBRIC, id: "fresh", title: { fr: "Nouvelle grille" } }, baseRevision: null });
    expect(created).toMatchObject({ revision: 1, outcome: "created", entry: { id: "fresh" } });
    expect(await sec.refusal("rubric:save", { rubric: DEFAULT_RUBRIC, baseRevision: 1 })).toEqual({ kind: "refused", problem: { kind: "rubric", error: { kind: "read-only" } } });

    expect((await sec.call("rubric:retire", { id: "treaty" })).retiredAt).not.toBeNull();
    expect((await sec.call("rubric:get", { id: "treaty", revision: 1 })).entry.retiredAt).not.toBeNull();
    expect((await sec.call("rubric:restore", { id: "treaty" })).retiredAt).toBeNull();
    expect(await sec.refusal("rubric:get", { id: "treaty", revision: 2 })).toEqual({ kind: "refused", problem: { kind: "rubric", error: { kind: "no-such-revision", rubricId: "treaty", revision: 2 } } });
    const audit = (await sec.call("audit:list", {})).entries.map((e) => e.event).filter((e) => e.startsWith("rubric-"));
    expect(audit).toEqual(["rubric-saved", "rubric-saved", "rubric-saved", "rubric-retired", "rubric-restored"]);
  });

  it("lets a panel choose a rubric that is not retired, and keep one it already uses", async () => {
    const sec = testService();
    await sec.call("vault:create", { passphrase: PASS });
    const c = await sec.call("case:load-sample", {});
    const people = await sec.call("registry:load-sample", {});
    const id = (n: string) => people.find((p) => p.displayName.includes(n))?.id as string;
    const panel = { format: "attribution-panel/panel" as const, version: 1 as const, caseId: c.id, chairId: id("Okonkwo"), memberIds: [id("Sakamoto"), id("Nowak"), id("Fernandes")], rubricId: "treaty", deadline: c.deadline, waivers: [] };
    expect(await sec.refusal("panel:save", { panel })).toEqual({ kind: "refused", problem: { kind: "rubric", error: { kind: "unknown-rubric", rubricId: "treaty" } } });
    await sec.call("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "treaty", title: { en: "Treaty rubric" } });
    await sec.call("rubric:duplicate", { from: DEFAULT_RUBRIC_ID, id: "old", title: { en: "Old rubric" } });
    await sec.call("rubric:retire", { id: "old" });
    expect(await sec.refusal("panel:save", { panel: { ...panel, rubricId: "old" } })).toEqual({ kind: "refused", problem: { kind: "rubric", error: { kind: "retired", rubricId: "old" } } });
    expect((await sec.call("panel:save", { panel })).rubricId).toBe("treaty");
    // Retired after the panel chose it: the panel keeps it, and can still be saved.
    await sec.call("rubric:retire", { id: "treaty" });
    expect((await sec.call("panel:save", { panel: { ...panel, memberIds: panel.memberIds.slice(0, 2) } })).rubricId).toBe("treaty");
    // Sent with that panel: the packet freezes the rubric's revision.
    const signer = (await sec.call("identity:create", { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" })).fingerprint;
    const member = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
    const card = new Blob([exportIdentityCard(member)]);
    const examined = await sec.call("registry:examine", { file: card });
    const ines = await sec.call("registry:enrol", { file: card, fingerprint: examined.fingerprintGroups.join(" "), affiliationStates: [], declaredInterests: "None." });
    await sec.call("panel:save", { panel: { ...panel, memberIds: [...panel.memberIds, ines.id] } });
    const packet = await sec.call("packet:export", { caseId: c.id, memberId: ines.id, signer });
    expect(packet.outbox).toMatchObject({ rubricId: "treaty", rubricRevision: 1 });
    expect((await sec.call("rubric:get", { id: "treaty" })).entry.revisions[0]).toMatchObject({ packets: 1 });
  });
});
