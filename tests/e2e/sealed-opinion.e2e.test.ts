/**
 * The secretariat receives the sealed opinion, in Chromium against the
 * production build. A secretariat profile enrols five experts from their
 * identity cards (keys this test holds), loads the sample case, composes the
 * panel and exports the five packets in the interface. The panel works in
 * Node through the app's own worker handlers and shared code: each panelist
 * imports their packet and signs a scoresheet, the chair imports them, sends
 * the draft for comment, a member answers with a dissent, the chair builds
 * the opinion and every member co-signs (the dissenter as dissenting), and
 * the chair seals it to the secretariat. The secretariat imports the sealed
 * file on the case's "Sealed opinion" tab: a tampered copy is refused in
 * words with nothing stored; the real one is verified against the panel in
 * the secretariat's own records and shows each member's stance, the dissent
 * and what may be withheld. Axe finds nothing serious; no request leaves
 * the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { must, newTestVault, receivePacket } from "../../shared/case/case.testing";
import { loadCrypto } from "../../shared/crypto/sodium";
import { parseOpenSshPublicKey, sshFingerprint } from "../../shared/formats/openssh-key";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";
import { identityToStored, type PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { IdentityRecord } from "../../shared/identity/records/identity.record";
import { seatFromPacket, sign, testMembers } from "../../shared/merge/merge.testing";
import { sha256Hex, signCoSignature } from "../../shared/opinion/co-signature";
import { openCosignRequest, sealCosignReturn } from "../../shared/opinion/cosign-exchange";
import { sealDraftAnswer } from "../../shared/opinion/draft-exchange-answer";
import { signSeparateOpinion } from "../../shared/opinion/separate-opinion";
import { encodeRecipient } from "../../shared/formats/age/age";
import type { AnswersImport, CoSignaturesImport, Prepared, Sealed, SentForComment } from "../../shared/worker/contract";
import { unzipPublication } from "../../shared/publication/zip";
import { verifyPublication } from "../../shared/publication/verify";
import { axeSerious, expectDirection, newPersonInPage, saveDownload, type Session } from "../support/e2e-page";
import { chairCalls } from "../support/chair-node";
import { e2eWorld } from "../support/e2e-world";
import { DIR, T, TF } from "../support/locale";

const PASS = "harbour violet ninety quill ember";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("sealed-opinion-e2e");
const tab = (name: string) => ({ name: T(name, "tab of the case editor") });
const seatOf = (name: string) => TF("Seat of {name}", { name });
let session: Session;
let chair: PersonalIdentity;
let members: PersonalIdentity[];
let secretariatKey: PersonalIdentity;
let sealedFile = "";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  chair = testIdentity({ displayName: "Chair Mensah", region: "african-states", nationality: "GH" });
  members = testMembers();
});

describe("the secretariat imports the chair's sealed opinion", () => {
  const packets = new Map<string, string>();

  it("the secretariat enrols the five experts, composes the panel and exports their packets", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" }, "sec.card.json");
    session = person.session;
    const card = must(importIdentityCard(readFileSync(person.cardFile, "utf8")));
    // Only its public keys: the secretariat's secret keys stay in the browser profile.
    secretariatKey = { signing: { publicKey: must(parseOpenSshPublicKey(card.card.signingKey)).publicKey }, encryption: { publicKey: card.agePublicKey } } as unknown as PersonalIdentity;
    const { page } = session;
    await page.getByRole("link", { name: T("Secretariat"), exact: true }).click();
    const sections = page.getByRole("navigation", { name: T("Secretariat sections") });
    await sections.getByRole("link", { name: T("Expert registry") }).click();
    for (const [i, who] of [chair, ...members].entries()) {
      const cardFile = world.temp.file(`expert${i}.card.json`);
      writeFileSync(cardFile, exportIdentityCard(who));
      await page.getByLabel(T("Enrol an expert from an identity card (.card.json)")).setInputFiles(cardFile);
      await page.getByLabel(T("Type the fingerprint as the expert reads it to you")).fill(sshFingerprint(who.signing.publicKey).slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
      await page.getByLabel(T("Declared interests")).fill("None.");
      await page.getByRole("button", { name: T("Enrol", "verb, button: enrol the expert"), exact: true }).click();
      await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(i + 1);
    }
    await sections.getByRole("link", { name: T("Cases"), exact: true }).click();
    await page.getByRole("button", { name: T("Load the sample case") }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole("tab", tab("Panel")).click();
    await page.getByLabel(seatOf("Chair Mensah")).selectOption("chair");
    for (const m of members) await page.getByLabel(seatOf(m.details.displayName)).selectOption("member");
    await expect.poll(() => page.getByTestId("composition-ok").count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole("button", { name: T("Save the panel") }).click();
    await expect.poll(() => page.getByText(T("Saved.")).count()).toBeGreaterThan(0);
    await page.getByRole("tab", tab("Send packets")).click();
    await expect.poll(() => page.getByTestId("packet-seat").count(), { timeout: 30_000 }).toBe(5);
    for (const who of [chair, ...members]) {
      const name = who.details.displayName;
      packets.set(name, await saveDownload(page, () => page.getByRole("button", { name: TF("Export the packet for {name}", { name }) }).click(), world.temp.file(`${name}.packet.age`)));
    }
  }, 300_000);

  it("the panel, in Node: scoresheets, a draft, a dissent, every co-signature, and the opinion sealed to the secretariat", async () => {
    const now = new Date();
    const packet = (who: PersonalIdentity) => new Uint8Array(readFileSync(packets.get(who.details.displayName) as string));
    const { vault } = await newTestVault(now);
    const chairReceived = must(await receivePacket(vault, packet(chair), chair, secretariatKey, now));
    must(await vault.write({ put: [IdentityRecord.change(chair.id, identityToStored(chair))] }, { event: "identity-created", detail: { identity: chair.id } }));
    const call = chairCalls(vault);
    const seats = [];
    for (const m of members) seats.push(await seatFromPacket(packet(m), m, secretariatKey, now));
    const sheets = [];
    for (const s of seats) sheets.push(await sign(s, now));
    await call("merge:import", { caseId: chairReceived.case.id, files: sheets.map((s, i) => ({ name: `m${i}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) })) });
    const caseId = chairReceived.case.id;
    const sent = await call<SentForComment>("opinion:send-for-comment", { caseId, deadline: new Date(Date.now() + 86_400_000).toISOString() });
    if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
    const chairKey = chair.encryption.publicKey;
    const dissenter = members[0] as PersonalIdentity;
    const dissent = signSeparateOpinion({ caseId: caseId as never, seat: "member", kind: "dissent", draftSha256: sent.sha256 as never, text: ["I dissent: the logs do not show the state's hand."] }, dissenter.signing, now);
    const answer = await sealDraftAnswer({ caseId, round: 1, draftSha256: sent.sha256, comments: ["Too strong."], separateOpinion: dissent }, dissenter.signing, [chairKey], now);
    const answered = await call<AnswersImport>("opinion:import-answers", { caseId, files: [{ name: "a.age", file: new Blob([answer as Uint8Array<ArrayBuffer>]) }] });
    expect(answered.outcome === "imported" && answered.results[0]?.outcome).toBe("accepted");
    const prepared = await call<Prepared>("opinion:prepare-cosign", { caseId, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    if (prepared.outcome !== "prepared") throw new Error(JSON.stringify(prepared));
    const roster = chairReceived.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    const returns = [];
    for (const [i, m] of members.entries()) {
      const seat = sshFingerprint(m.signing.publicKey);
      const request = prepared.files.find((f) => f.seat === seat);
      const opened = await openCosignRequest(new Uint8Array(await (request?.file.blob as Blob).arrayBuffer()), { kind: "age", identity: m.encryption.secretKey, myRecipient: encodeRecipient(m.encryption.publicKey) }, { roster, caseId, seat, ...(i === 0 ? { mine: dissent } : {}) });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      const statement = signCoSignature({ payloadSha256: opened.value.payload.sha256, caseId: caseId as never, seat: "member", stance: i === 0 ? "dissent" : "concur", ...(i === 0 ? { opinion: sha256Hex(dissent.bytes) } : {}) }, m.signing, now);
      returns.push({ name: `c${i}.age`, file: new Blob([(await sealCosignReturn(statement, m.signing, chairKey, now)) as Uint8Array<ArrayBuffer>]) });
    }
    const cosigned = await call<CoSignaturesImport>("opinion:import-cosignatures", { caseId, files: returns });
    expect(cosigned.outcome === "imported" && cosigned.results.map((r) => r.outcome)).toEqual(members.map(() => "accepted"));
    const sealed = await call<Sealed>("opinion:seal", { caseId });
    if (sealed.outcome !== "sealed") throw new Error(JSON.stringify(sealed));
    sealedFile = world.temp.file(sealed.file.fileName);
    writeFileSync(sealedFile, new Uint8Array(await sealed.file.blob.arrayBuffer()));
  }, 300_000);

  it("imports the sealed opinion on the case's Sealed opinion tab: a tampered copy refused, the real one verified and shown", async () => {
    const { page } = session;
    await page.getByRole("tab", tab("Sealed opinion")).click();
    const section = page.getByTestId("sealed-opinion");
    await expect.poll(() => section.count(), { timeout: 30_000 }).toBe(1);
    const bytes = readFileSync(sealedFile);
    const tampered = world.temp.file("tampered.age");
    const copy = Buffer.from(bytes);
    copy[copy.length - 100] = (copy[copy.length - 100] as number) ^ 1;
    writeFileSync(tampered, copy);
    const input = section.getByLabel(T("Import the chair's sealed opinion (.age)"));
    await input.setInputFiles(tampered);
    await expect.poll(() => section.getByTestId("sealed-import-status").getAttribute("role"), { timeout: 60_000 }).toBe("alert");
    expect(await section.getByTestId("sealed-view").count()).toBe(0);
    await input.setInputFiles(sealedFile);
    await expect.poll(() => section.getByTestId("sealed-view").count(), { timeout: 60_000 }).toBe(1);
    expect(await section.getByTestId("sealed-import-status").textContent()).toBe(T("The sealed opinion was verified against your own records of the panel and stored, encrypted."));
    const stances = await section.getByTestId("sealed-seat").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stance")));
    expect(stances.sort()).toEqual(["concur", "concur", "concur", "dissent"]);
    expect(await section.getByTestId("sealed-separate").textContent()).toBe(TF("Dissenting opinion by {0}.", { 0: (members[0] as PersonalIdentity).details.displayName }));
    expect(await section.getByTestId("sealed-view").innerText()).toContain(sshFingerprint(chair.signing.publicKey));
    await expectDirection(page);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await section.screenshot({ path: path.join(SHOTS, `sealed-opinion-${DIR}.png`) });
    // The same file again changes nothing.
    await input.setInputFiles(sealedFile);
    await expect.poll(() => section.getByTestId("sealed-import-status").textContent(), { timeout: 60_000 }).toBe(T("You already hold this sealed opinion; nothing changed."));
  }, 180_000);

  it("publishes it: the marked parts listed and withheld by default, one released, the .zip saved and verified as a reader will", async () => {
    const { page } = session;
    const publish = page.getByTestId("publish");
    await expect.poll(() => publish.getByTestId("publish-part").count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const parts = publish.getByTestId("publish-part");
    const count = await parts.count();
    // Every marked part is withheld by default; release the first.
    expect(await parts.locator('input[type="checkbox"]:checked').count()).toBe(count);
    const released = ((await parts.first().locator(".preview").textContent()) ?? "").trim();
    await parts.first().locator('input[type="checkbox"]').uncheck();
    const withheldPreviews = (await parts.locator(".preview").allTextContents()).slice(1).map((p) => p.trim()).filter((p) => p.length > 6);
    expect(await axeSerious(page)).toEqual([]);
    const zip = await saveDownload(page, () => publish.getByTestId("publish-button").click(), world.temp.file("publication.zip"));
    await expect.poll(() => publish.getByTestId("verify-verdict").textContent(), { timeout: 60_000 }).toContain(T("Valid."));
    if (SHOTS) await publish.screenshot({ path: path.join(SHOTS, `publish-${DIR}.png`) });
    // The saved .zip verifies in Node, declares one redaction fewer than the parts marked, and carries no withheld content.
    const files = unzipPublication(new Uint8Array(readFileSync(zip)));
    if (!files.ok) throw new Error(files.error.kind);
    const report = verifyPublication(files.value);
    expect(report.ok && report.value.valid).toBe(true);
    expect(report.ok && report.value.redactions.length).toBe(count - 1);
    const all = [...files.value.values()].map((b) => Buffer.from(b).toString("utf8")).join("\n");
    for (const text of withheldPreviews) expect(all.includes(text), text).toBe(false);
    if (released.length > 6) expect(all.includes(released)).toBe(true);
  }, 180_000);

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});
