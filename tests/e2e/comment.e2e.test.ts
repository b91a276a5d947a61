/**
 * A member reads the chair's draft opinion and answers it, in Chromium against
 * the production build. A member profile imports its case packet (built in
 * Node by a secretariat for a panel whose chair and other members this test
 * holds); the chair's side runs in Node through the chair's own worker
 * handlers: two other members' scoresheets imported, the reasoning written
 * with its second paragraph marked withholdable, and the draft sent for
 * comment. The member imports the file made for them: the whole draft shows,
 * every withholdable part marked with its reason in words, with the deadline
 * and the chair's note. They write comments and a dissent (autosaved), sign:
 * the saved file opens in Node with the chair's key, names the draft, and
 * its dissent verifies. Axe finds nothing serious; no request leaves the origin.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { must, newTestVault, receivePacket } from "../../shared/case/case.testing";
import { loadCrypto } from "../../shared/crypto/sodium";
import { encodeRecipient } from "../../shared/formats/age/age";
import { exportIdentityCard } from "../../shared/identity/identity-card";
import { identityToStored, type PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { IdentityRecord } from "../../shared/identity/records/identity.record";
import { panelPackets, seatFromPacket, sign, testMembers } from "../../shared/merge/merge.testing";
import { openDraftAnswer } from "../../shared/opinion/draft-exchange-answer";
import type { OpinionView, SentForComment } from "../../shared/worker/contract";
import type { AnswersImport, CoSignaturesImport, Prepared } from "../../shared/worker/contract";
import { axeSerious, expectDirection, importPacketInPage, newPersonInPage, saveDownload, type Session } from "../support/e2e-page";
import { chairCalls } from "../support/chair-node";
import { e2eWorld } from "../support/e2e-world";
import { DIR, LOCALE, T, TF } from "../support/locale";

const PASS = "amber falcon seventy drizzle orbit";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("comment-e2e");
const REASONING = "The panel finds **claim 1** likely.\n\nA second paragraph, from a partner's report.";
const NOTE = "Please comment by Tuesday; mark any factual error.";
let session: Session;
let chair: PersonalIdentity;
let secretariat: PersonalIdentity;
let chairRoster: { role: "chair" | "member"; fingerprint: string }[] = [];
let caseId = "";
let draftSha256 = "";
let draftFile = "";
let packetFile = "";
let answerFile = "";
let chairCall: ReturnType<typeof chairCalls>;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  chair = testIdentity({ displayName: "Chair Mensah", region: "african-states", nationality: "GH" });
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
});

const shot = async (name: string) => {
  if (SHOTS) await session.page.getByTestId("comment-section").screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const section = () => session.page.getByTestId("comment-section");

describe("a member comments on the chair's draft opinion and dissents", () => {
  it("imports the case packet; the chair, in Node, sends the draft for comment", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" }, "ines.card.json");
    session = person.session;
    await expectDirection(session.page);
    const now = new Date();
    const others = testMembers().slice(1);
    const panel = await panelPackets({ secretariat, chairCard: exportIdentityCard(chair), members: [readFileSync(person.cardFile, "utf8"), ...others], now });
    caseId = panel.caseId;
    packetFile = world.temp.file("ines.packet.age");
    writeFileSync(packetFile, panel.packets[1] as Uint8Array);
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);
    // No draft yet: only the import area.
    expect(await section().getByTestId("draft-for-comment").count()).toBe(0);

    const { vault } = await newTestVault(now);
    const chairReceived = must(await receivePacket(vault, panel.packets[0] as Uint8Array, chair, secretariat, now));
    chairRoster = chairReceived.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    must(await vault.write({ put: [IdentityRecord.change(chair.id, identityToStored(chair))] }, { event: "identity-created", detail: { identity: chair.id } }));
    const call = chairCalls(vault);
    chairCall = call;
    const sheets = [];
    for (const [i, who] of others.slice(0, 2).entries()) sheets.push(await sign(await seatFromPacket(panel.packets[i + 2] as Uint8Array, who, secretariat, now), now));
    await call("merge:import", { caseId, files: sheets.map((s, i) => ({ name: `m${i}.age`, file: new Blob([s.bytes as Uint8Array<ArrayBuffer>]) })) });
    const view = await call<Extract<OpinionView, { outcome: "draft" }>>("opinion:load", { caseId });
    await call("opinion:save", { caseId, draft: { ...view.draft, reasoning: REASONING, marks: [...view.draft.marks, { pointer: "/reasoning/1", reason: "sources-and-methods" }] } });
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const sent = await call<SentForComment>("opinion:send-for-comment", { caseId, deadline, note: NOTE });
    if (sent.outcome !== "sent") throw new Error(JSON.stringify(sent));
    draftSha256 = sent.sha256;
    const mine = sent.files.find((f) => f.displayName === "Ines Okafor");
    if (!mine) throw new Error("no file for the in-page member");
    draftFile = world.temp.file(mine.file.fileName);
    writeFileSync(draftFile, new Uint8Array(await mine.file.blob.arrayBuffer()));
  }, 300_000);

  it("imports the draft and reads it whole: findings, reasoning, evidence, panel, each withholdable part marked with its reason", async () => {
    // The case packet is no draft for comment: refused in words, nothing shown.
    await section().getByLabel(T("Import the chair's draft opinion (.age)")).setInputFiles(packetFile);
    await expect.poll(() => section().getByTestId("comment-import-status").textContent(), { timeout: 60_000 }).toBe(T("This file is not a draft opinion for comment."));
    expect(await section().getByTestId("draft-for-comment").count()).toBe(0);
    await section().getByLabel(T("Import the chair's draft opinion (.age)")).setInputFiles(draftFile);
    const draft = section().getByTestId("draft-for-comment");
    await expect.poll(() => draft.count(), { timeout: 60_000 }).toBe(1);
    expect(await section().getByTestId("comment-import-status").textContent()).toBe(
      TF("The chair's draft opinion (comment round {round}) was imported. Its signature was checked against the chair of this case's panel.", { round: 1 }),
    );
    expect(await section().getByTestId("comment-note").textContent()).toContain(NOTE);
    expect(await draft.getByTestId("draft-finding").count()).toBeGreaterThan(0);
    // The reasoning is rendered as Markdown: the bold is an element, not asterisks.
    expect(await draft.locator("strong", { hasText: "claim 1" }).count()).toBe(1);
    // The reasoning's second paragraph is marked with its reason, in words; evidence withheld by default too.
    const marked = draft.locator("[data-withholdable=true]");
    expect(await marked.filter({ hasText: "from a partner's report" }).getByTestId("withholdable-mark").textContent()).toContain(T("Sources and methods", "reason a part of the opinion may be withheld"));
    expect(await marked.filter({ has: session.page.getByTestId("withholdable-mark").filter({ hasText: T("Third-party confidentiality", "reason a part of the opinion may be withheld") }) }).count()).toBeGreaterThan(0);
    expect(await draft.getByTestId("draft-withholdable-list").locator("li").count()).toBe(await marked.count());
    expect(await axeSerious(session.page)).toEqual([]);
    if (SHOTS) await draft.screenshot({ path: path.join(SHOTS, "comment-draft.png") });
  }, 120_000);

  it("writes comments and a dissent (autosaved), signs: the chair opens the answer and the dissent verifies", async () => {
    const { page } = session;
    await section().getByLabel(T("Your comments on the draft")).fill("Paragraph 2 overstates the partner's report.\n\nThe rest is *fine*.");
    await section().getByRole("radio", { name: T("Dissenting opinion") }).check();
    await section().getByLabel(T("Your dissenting opinion")).fill("I dissent on claim 1.\n\nThe evidence is thin.");
    await expect.poll(() => section().getByTestId("comment-autosave-status").textContent(), { timeout: 30_000 }).not.toBe("");
    await shot("comment-dissent");
    const file = await saveDownload(page, () => section().getByRole("button", { name: T("Sign and save my answer") }).click(), world.temp.file("answer.age"));
    const bytes = readFileSync(file);
    answerFile = file;
    await expect.poll(() => section().getByTestId("comment-answer-sha256").textContent(), { timeout: 60_000 }).toBe(createHash("sha256").update(bytes).digest("hex"));
    const key = { kind: "age", identity: chair.encryption.secretKey, myRecipient: encodeRecipient(chair.encryption.publicKey) } as const;
    const opened = await openDraftAnswer(new Uint8Array(bytes), key, { roster: chairRoster, caseId, draftSha256 });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.answer.comments).toEqual(["Paragraph 2 overstates the partner's report.", "The rest is *fine*."]);
    expect(opened.value.separateOpinion?.opinion).toMatchObject({ kind: "dissent", text: ["I dissent on claim 1.", "The evidence is thin."], draftSha256 });
    expect(await axeSerious(page)).toEqual([]);
    await shot("comment-signed");
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
  }, 180_000);

  it("keeps what was written across a reload and an unlock", async () => {
    const { page } = session;
    await page.reload();
    await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
    await expect.poll(() => section().getByLabel(T("Your dissenting opinion")).inputValue(), { timeout: 60_000 }).toBe("I dissent on claim 1.\n\nThe evidence is thin.");
    expect(await section().getByLabel(T("Your comments on the draft")).inputValue()).toContain("Paragraph 2 overstates");
  }, 120_000);

  it("co-signs: the chair's request (another member's refused), the opinion read whole with the dissent as signed, the one stance that fits; the chair accepts it", async () => {
    const { page } = session;
    const blob = (f: string) => new Blob([readFileSync(f)]);
    const imported = await chairCall<AnswersImport>("opinion:import-answers", { caseId, files: [{ name: "answer.age", file: blob(answerFile) }] });
    expect(imported.outcome === "imported" && imported.results.map((r) => r.outcome)).toEqual(["accepted"]);
    const prepared = await chairCall<Prepared>("opinion:prepare-cosign", { caseId, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    if (prepared.outcome !== "prepared") throw new Error(JSON.stringify(prepared));
    const files = prepared.files.map((f) => ({ ...f, path: world.temp.file(f.file.fileName) }));
    for (const f of files) writeFileSync(f.path, new Uint8Array(await f.file.blob.arrayBuffer()));
    const mine = files.find((f) => f.displayName === "Ines Okafor");
    const other = files.find((f) => f.displayName !== "Ines Okafor");
    if (!mine || !other) throw new Error("no request files");
    const cosign = page.getByTestId("cosign-section");
    const input = cosign.getByLabel(T("Import the chair's request for co-signature (.age)"));
    await input.setInputFiles(other.path);
    await expect.poll(() => cosign.getByTestId("cosign-import-status").textContent(), { timeout: 60_000 }).toBe(T("This file is encrypted to other people, not to you. Ask the chair for the request made for you."));
    expect(await cosign.getByTestId("cosign-opinion").count()).toBe(0);
    await input.setInputFiles(mine.path);
    await expect.poll(() => cosign.getByTestId("cosign-opinion").count(), { timeout: 60_000 }).toBe(1);
    expect(await cosign.getByTestId("cosign-opinion").innerText()).toContain(prepared.sha256);
    // Every withholdable part marked, as in the draft.
    expect(await cosign.getByTestId("cosign-opinion").getByTestId("withholdable-mark").count()).toBeGreaterThan(0);
    const dissent = cosign.getByTestId("cosign-separate-opinion");
    expect(await dissent.count()).toBe(1);
    expect(await dissent.getAttribute("data-mine")).toBe("true");
    expect(await dissent.innerText()).toContain("The evidence is thin.");
    // Only the stance that fits: the dissent the opinion carries.
    expect(await cosign.getByTestId("cosign-stance-concur").isDisabled()).toBe(true);
    expect(await cosign.getByTestId("cosign-stance-dissent").isChecked()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await cosign.screenshot({ path: path.join(SHOTS, `cosign-${DIR}.png`) });
    const file = await saveDownload(page, () => cosign.getByTestId("cosign-sign").click(), world.temp.file("cosign.age"));
    await expect.poll(() => cosign.getByTestId("cosign-signed").count(), { timeout: 60_000 }).toBe(1);
    const accepted = await chairCall<CoSignaturesImport>("opinion:import-cosignatures", { caseId, files: [{ name: "cosign.age", file: blob(file) }] });
    expect(accepted.outcome === "imported" && accepted.results[0]).toMatchObject({ outcome: "accepted", stance: "dissent", displayName: "Ines Okafor" });
    expect(session.problems).toEqual([]);
  }, 240_000);

  it("reads right to left in Arabic: the page turns, the withholdable marks stay", async () => {
    const { page } = session;
    await page.getByTestId("language").selectOption("ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await section().getByTestId("withholdable-mark").count()).toBeGreaterThan(0);
    if (SHOTS) await section().screenshot({ path: path.join(SHOTS, "comment-rtl.png") });
    await page.getByTestId("language").selectOption(LOCALE);
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(DIR);
  }, 60_000);
});
