/**
 * The opinion from draft to the secretariat, across three browser profiles
 * in Chromium against the production build: a secretariat, a chair and a
 * member (three other members sign in Node with keys this test holds). The
 * secretariat enrols the five cards, composes the panel and exports the
 * packets; the member scores in the interface; the chair imports every
 * scoresheet, sends the draft for comment; the member answers with a
 * dissent; the chair imports it (a Node member's altered dissent refused),
 * sends the opinion for co-signing; the member co-signs as dissenting, the
 * others in Node; the chair imports the co-signatures (one over a changed
 * text refused) and seals; the secretariat imports the sealed file and sees
 * each stance. No profile sends a request off the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Download, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { must } from "../../shared/case/case.testing";
import { loadCrypto } from "../../shared/crypto/sodium";
import { encodeRecipient, parseRecipient } from "../../shared/formats/age/age";
import { parseOpenSshPublicKey, sshFingerprint } from "../../shared/formats/openssh-key";
import { packArchive } from "../../shared/formats/signed-archive-json";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { seatFromPacket, sign, testMembers } from "../../shared/merge/merge.testing";
import { signCoSignature } from "../../shared/opinion/co-signature";
import { openCosignRequest, sealCosignReturn } from "../../shared/opinion/cosign-exchange";
import { openDraftForComment } from "../../shared/opinion/draft-exchange";
import { DRAFT_ANSWER_FILE, draftAnswerBuild } from "../../shared/opinion/draft-exchange-answer";
import { signSeparateOpinion } from "../../shared/opinion/separate-opinion";
import { axeSerious, importPacketInPage, newPersonInPage, saveDownload, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { DIR, T, TF } from "../support/locale";
import { scoreWholeSheet, signScoresheet, type ClaimScore } from "../support/panel-steps";
import { DEFAULT_RUBRIC } from "../../shared/rubric/rubric";

const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("opinion-workflow-e2e");
const tab = (name: string) => ({ name: T(name, "tab of the case editor") });
const seatOf = (name: string) => TF("Seat of {name}", { name });
const CHAIR = { displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" };
const MEMBER = { displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE", affiliation: "Trinity College Dublin" };
let secretariat: Session;
let chair: Session;
let member: Session;
let others: PersonalIdentity[];
let secretariatSigning: Uint8Array;
let chairCardFile = "";
let memberCardFile = "";
let caseId = "";
const packets = new Map<string, string>();

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  // Three members in Node; the fourth seat (western European group) is the member in Chromium.
  others = testMembers().slice(0, 3);
});

/** Every download the page starts while `act` runs, saved under the temp folder. */
async function downloads(page: Page, count: number, act: () => Promise<void>): Promise<string[]> {
  const got: Download[] = [];
  const listen = (d: Download) => got.push(d);
  page.on("download", listen);
  await act();
  await expect.poll(() => got.length, { timeout: 120_000 }).toBe(count);
  page.off("download", listen);
  const files = [];
  for (const d of got) {
    const file = world.temp.file(d.suggestedFilename());
    await d.saveAs(file);
    files.push(file);
  }
  return files;
}
/** A best estimate and the ICD 203 term whose band holds it. */
function score(best: number): ClaimScore {
  const term = DEFAULT_RUBRIC.likelihood.findIndex((t) => best > t.low && best < t.high);
  if (term < 0) throw new Error(`${best} is on the end of a band`);
  return { best: String(best), term };
}
const fake = (signing: Uint8Array) => ({ signing: { publicKey: signing } }) as unknown as PersonalIdentity;
const keyOf = (m: PersonalIdentity) => ({ kind: "age", identity: m.encryption.secretKey, myRecipient: encodeRecipient(m.encryption.publicKey) }) as const;

describe("the opinion from draft to the secretariat, across profiles", () => {
  it("three profiles: the secretariat enrols the panel and exports the packets; chair and member import theirs", async () => {
    const sec = await newPersonInPage(world, "harbour violet ninety quill ember", { displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH", affiliation: "Panel Secretariat" }, "sec.card.json");
    secretariat = sec.session;
    secretariatSigning = must(parseOpenSshPublicKey(must(importIdentityCard(readFileSync(sec.cardFile, "utf8"))).card.signingKey)).publicKey;
    const c = await newPersonInPage(world, "copper meadow lantern ninety quartz", CHAIR, "chair.card.json");
    chair = c.session;
    chairCardFile = c.cardFile;
    const m = await newPersonInPage(world, "amber falcon seventy drizzle orbit", MEMBER, "member.card.json");
    member = m.session;
    memberCardFile = m.cardFile;

    const { page } = secretariat;
    await page.getByRole("link", { name: T("Secretariat"), exact: true }).click();
    const sections = page.getByRole("navigation", { name: T("Secretariat sections") });
    await sections.getByRole("link", { name: T("Expert registry") }).click();
    const cards = [chairCardFile, ...others.map((o, i) => { const f = world.temp.file(`other${i}.card.json`); writeFileSync(f, exportIdentityCard(o)); return f; }), memberCardFile];
    for (const [i, file] of cards.entries()) {
      const fingerprint = must(importIdentityCard(readFileSync(file, "utf8"))).fingerprint;
      await page.getByLabel(T("Enrol an expert from an identity card (.card.json)")).setInputFiles(file);
      await page.getByLabel(T("Type the fingerprint as the expert reads it to you")).fill(fingerprint.slice(7).match(/.{1,4}/g)?.join(" ") ?? "");
      await page.getByLabel(T("Declared interests")).fill("None.");
      await page.getByRole("button", { name: T("Enrol", "verb, button: enrol the expert"), exact: true }).click();
      await expect.poll(() => page.getByTestId("registry-entry").count(), { timeout: 30_000 }).toBe(i + 1);
    }
    await sections.getByRole("link", { name: T("Cases"), exact: true }).click();
    await page.getByRole("button", { name: T("Load the sample case") }).click();
    await expect.poll(() => page.getByRole("heading", { name: /Operation Silent Reservoir/ }).count(), { timeout: 60_000 }).toBe(1);
    caseId = decodeURIComponent(new URL(page.url()).hash.split("/")[3] ?? "");
    await page.getByRole("tab", tab("Panel")).click();
    await page.getByLabel(seatOf(CHAIR.displayName)).selectOption("chair");
    for (const name of [...others.map((o) => o.details.displayName), MEMBER.displayName]) await page.getByLabel(seatOf(name)).selectOption("member");
    await expect.poll(() => page.getByTestId("composition-ok").count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole("button", { name: T("Save the panel") }).click();
    await expect.poll(() => page.getByText(T("Saved.")).count()).toBeGreaterThan(0);
    await page.getByRole("tab", tab("Send packets")).click();
    await expect.poll(() => page.getByTestId("packet-seat").count(), { timeout: 30_000 }).toBe(5);
    for (const name of [CHAIR.displayName, MEMBER.displayName, ...others.map((o) => o.details.displayName)]) {
      packets.set(name, await saveDownload(page, () => page.getByRole("button", { name: TF("Export the packet for {name}", { name }) }).click(), world.temp.file(`${name}.packet.age`)));
    }
    await importPacketInPage(chair.page, packets.get(CHAIR.displayName) as string, secretariatSigning);
    await importPacketInPage(member.page, packets.get(MEMBER.displayName) as string, secretariatSigning);
  }, 400_000);

  let answerFromMember = "";
  let drafts: string[] = [];
  it("the member scores in the interface; the chair imports every scoresheet and sends the draft for comment", async () => {
    await scoreWholeSheet(member.page, [70, 15, 10, 3].map(score), "The overlap weighs most.");
    const mine = await signScoresheet(member.page, world.temp.file("member.scoresheet.age"));
    const now = new Date();
    const files = [mine];
    for (const [i, o] of others.entries()) {
      const seat = await seatFromPacket(new Uint8Array(readFileSync(packets.get(o.details.displayName) as string)), o, fake(secretariatSigning), now);
      const file = world.temp.file(`other${i}.scoresheet.age`);
      writeFileSync(file, (await sign(seat, now)).bytes);
      files.push(file);
    }
    const { page } = chair;
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 60_000 }).toBe(5);
    await page.getByTestId("scoresheet-drop").locator('input[type="file"]').setInputFiles(files);
    await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(4);
    const draft = page.getByTestId("opinion-draft");
    await draft.getByTestId("opinion-draft-toggle").click();
    await expect.poll(() => draft.getByTestId("opinion-claim").count(), { timeout: 60_000 }).toBeGreaterThan(0);
    drafts = await downloads(page, 4, () => draft.getByTestId("send-for-comment").getByTestId("send-for-comment-button").click());
  }, 300_000);

  it("the member reads the draft and answers with a dissent; the chair imports it, and refuses a Node member's altered dissent", async () => {
    const draftFor = (name: string) => drafts.find((f) => path.basename(f).includes(seatTag(name))) as string;
    const { page } = member;
    await page.goto(`${world.server.origin}/#/panelist/cases/${encodeURIComponent(caseId)}`);
    const section = page.getByTestId("comment-section");
    await section.getByLabel(T("Import the chair's draft opinion (.age)")).setInputFiles(draftFor(MEMBER.displayName));
    await expect.poll(() => section.getByTestId("draft-for-comment").count(), { timeout: 60_000 }).toBe(1);
    await section.getByLabel(T("Your comments on the draft")).fill("Paragraph 2 overstates the report.");
    await section.getByRole("radio", { name: T("Dissenting opinion") }).check();
    await section.getByLabel(T("Your dissenting opinion")).fill("I dissent: the logs do not show the state's hand.");
    answerFromMember = await saveDownload(page, () => section.getByRole("button", { name: T("Sign and save my answer") }).click(), world.temp.file("member.answer.age"));

    // A Node member's dissent, altered after its author signed it.
    const o = others[0] as PersonalIdentity;
    const opened = await openDraftForComment(new Uint8Array(readFileSync(draftFor(o.details.displayName))), keyOf(o), { roster: await rosterFromChairCard(), caseId, seat: sshFingerprint(o.signing.publicKey) });
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const dissent = signSeparateOpinion({ caseId: caseId as never, seat: "member", kind: "dissent", draftSha256: opened.value.draftSha256, text: ["I dissent."] }, o.signing, new Date());
    const chairKey = must(parseRecipient(must(importIdentityCard(readFileSync(chairCardFile, "utf8"))).ageRecipient));
    const altered = await packArchive(
      DRAFT_ANSWER_FILE,
      draftAnswerBuild({ caseId, round: 1, draftSha256: opened.value.draftSha256, comments: [], separateOpinion: { bytes: Buffer.from(Buffer.from(dissent.bytes).toString("utf8").replace("I dissent.", "I concur.")), signature: dissent.signature } }, o.signing, [chairKey], new Date()).build,
      "encrypted",
    );
    const alteredFile = world.temp.file("altered.answer.age");
    writeFileSync(alteredFile, altered);
    const cosigning = chair.page.getByTestId("co-signing");
    await expect.poll(() => cosigning.getByTestId("answers-drop").count(), { timeout: 60_000 }).toBe(1);
    await cosigning.getByTestId("answers-drop").locator('input[type="file"]').setInputFiles([answerFromMember, alteredFile]);
    const results = cosigning.getByTestId("answer-results");
    await expect.poll(() => results.locator('[data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await results.locator('[data-refusal="invalid-separate-opinion"]').count()).toBe(1);
  }, 240_000);

  let requests: string[] = [];
  it("the chair sends the opinion for co-signing; the member co-signs as dissenting, the others in Node; the chair seals", async () => {
    const cosigning = chair.page.getByTestId("co-signing");
    requests = await downloads(chair.page, 4, () => cosigning.getByTestId("prepare-cosign-button").click());
    const requestFor = (name: string) => requests.find((f) => path.basename(f).includes(seatTag(name))) as string;
    const { page } = member;
    const section = page.getByTestId("cosign-section");
    await section.getByLabel(T("Import the chair's request for co-signature (.age)")).setInputFiles(requestFor(MEMBER.displayName));
    await expect.poll(() => section.getByTestId("cosign-opinion").count(), { timeout: 60_000 }).toBe(1);
    expect(await section.getByTestId("cosign-separate-opinion").getAttribute("data-mine")).toBe("true");
    expect(await section.getByTestId("cosign-stance-dissent").isChecked()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    const mine = await saveDownload(page, () => section.getByTestId("cosign-sign").click(), world.temp.file("member.cosign.age"));

    const roster = await rosterFromChairCard();
    const chairKey = must(parseRecipient(must(importIdentityCard(readFileSync(chairCardFile, "utf8"))).ageRecipient));
    const files = [mine];
    let payloadSha256 = "";
    for (const [i, o] of others.entries()) {
      const opened = await openCosignRequest(new Uint8Array(readFileSync(requestFor(o.details.displayName))), keyOf(o), { roster, caseId, seat: sshFingerprint(o.signing.publicKey) });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      payloadSha256 = opened.value.payload.sha256;
      const file = world.temp.file(`other${i}.cosign.age`);
      writeFileSync(file, await sealCosignReturn(signCoSignature({ payloadSha256: payloadSha256 as never, caseId: caseId as never, seat: "member", stance: "concur" }, o.signing, new Date()), o.signing, chairKey, new Date()));
      files.push(file);
    }
    // A co-signature of a text other than the one sent (a payload changed after co-signing).
    const o = others[1] as PersonalIdentity;
    const changed = world.temp.file("changed.cosign.age");
    writeFileSync(changed, await sealCosignReturn(signCoSignature({ payloadSha256: "0".repeat(64) as never, caseId: caseId as never, seat: "member", stance: "concur" }, o.signing, new Date()), o.signing, chairKey, new Date()));
    await cosigning.getByTestId("cosignatures-drop").locator('input[type="file"]').setInputFiles([...files, changed]);
    const results = cosigning.getByTestId("cosign-results");
    await expect.poll(() => results.locator('[data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(4);
    expect(await results.locator('[data-refusal="other-payload"]').count()).toBe(1);
    expect(payloadSha256).not.toBe("");
    await expect.poll(() => cosigning.getByTestId("seal-button").isDisabled(), { timeout: 30_000 }).toBe(false);
    const [sealed] = await downloads(chair.page, 1, () => cosigning.getByTestId("seal-button").click());

    const { page: sec } = secretariat;
    await sec.getByRole("tab", tab("Sealed opinion")).click();
    const view = sec.getByTestId("sealed-opinion");
    await view.getByLabel(T("Import the chair's sealed opinion (.age)")).setInputFiles(sealed as string);
    await expect.poll(() => view.getByTestId("sealed-view").count(), { timeout: 60_000 }).toBe(1);
    const stances = await view.getByTestId("sealed-seat").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stance")));
    expect(stances.sort()).toEqual(["concur", "concur", "concur", "dissent"]);
    expect(await view.getByTestId("sealed-separate").textContent()).toBe(TF("Dissenting opinion by {0}.", { 0: MEMBER.displayName }));
    expect(await axeSerious(sec)).toEqual([]);
    if (SHOTS) await view.screenshot({ path: path.join(SHOTS, `workflow-sealed-${DIR}.png`) });
  }, 400_000);

  it("no profile sent a request off the origin, and no page error", () => {
    for (const s of [secretariat, chair, member]) {
      expect(s.problems).toEqual([]);
      for (const url of s.requests) expect(new URL(url).origin).toBe(world.server.origin);
    }
    expect(world.proxy.hits).toEqual([]);
  });
});

/** The first letters of a seat's fingerprint, as file names of requests and drafts carry them. */
function seatTag(name: string): string {
  const card = name === CHAIR.displayName ? chairCardFile : name === MEMBER.displayName ? memberCardFile : undefined;
  const fingerprint = card ? must(importIdentityCard(readFileSync(card, "utf8"))).fingerprint : sshFingerprint((others.find((o) => o.details.displayName === name) as PersonalIdentity).signing.publicKey);
  return fingerprint.replace(/^SHA256:/, "").replace(/[^A-Za-z0-9]/g, "").slice(0, 8);
}

/** The roster as every seat's packet carries it: the chair and the four members, from their cards. */
async function rosterFromChairCard(): Promise<{ role: "chair" | "member"; fingerprint: string }[]> {
  const fp = (file: string) => must(importIdentityCard(readFileSync(file, "utf8"))).fingerprint;
  return [{ role: "chair", fingerprint: fp(chairCardFile) }, ...others.map((o) => ({ role: "member" as const, fingerprint: sshFingerprint(o.signing.publicKey) })), { role: "member", fingerprint: fp(memberCardFile) }];
}
