/**
 * The chair drafts the opinion in Chromium, against the production build: a
 * chair profile imports the case packet (built in Node by a secretariat for a
 * panel of the chair and four members whose keys this test holds) and three
 * members' scoresheets (signed in Node by the submit path). The chair opens
 * the opinion draft: the evidence marked TLP:RED or TLP:AMBER+STRICT is
 * withholdable at first; the chair chooses an aggregate by pointer and
 * another by keyboard, writes the reasoning (its preview renders the
 * Markdown), marks one more evidence item withholdable with a reason, and
 * withholds the estimates' regions. After a reload and an unlock, all of it
 * is still there; axe finds nothing serious; no request leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Download } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { panelPackets, seatFromPacket, sign, testMembers, type TestSeat } from "../../shared/merge/merge.testing";
import { openDraftForComment } from "../../shared/opinion/draft-exchange";
import { DRAFT_ANSWER_FILE, draftAnswerBuild, sealDraftAnswer } from "../../shared/opinion/draft-exchange-answer";
import { sha256Hex, signCoSignature } from "../../shared/opinion/co-signature";
import { openCosignRequest, sealCosignReturn } from "../../shared/opinion/cosign-exchange";
import { openSealedOpinion } from "../../shared/opinion/sealed";
import { signSeparateOpinion } from "../../shared/opinion/separate-opinion";
import { encodeRecipient, parseRecipient } from "../../shared/formats/age/age";
import { importIdentityCard } from "../../shared/identity/identity-card";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { packArchive } from "../../shared/formats/signed-archive-json";
import { WITHHELD_BY_DEFAULT } from "../../shared/opinion/withholding";
import { termsFor } from "../../shared/scoring/completeness";
import { setClaimAnswer } from "../../shared/scoring/edit";
import type { ClaimId } from "../../shared/scoring/scoresheet";
import { answersFor } from "../../shared/scoring/scoring.testing";
import { scoringContextOf } from "../../shared/scoring/submit";
import { axeSerious, expectDirection, importPacketInPage, newPersonInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { DIR, T, TF } from "../support/locale";

const PASS = "copper meadow lantern ninety quartz";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("opinion-draft-e2e");
const REASONING = "The panel finds **claim 1** likely.\n\nA second paragraph, on the evidence.";
let session: Session;
let secretariat: PersonalIdentity;
let members: PersonalIdentity[];
let seatZero: TestSeat | undefined;
let cardFile = "";
let draftDigest = "";
const saveAs = async (d: Download): Promise<string> => {
  const file = world.temp.file(d.suggestedFilename());
  await d.saveAs(file);
  return file;
};
const files: string[] = [];

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  members = testMembers();
});

/** The opinion draft's section alone (the Chair page above it is long). */
const shot = async (name: string) => {
  if (SHOTS) await draft().screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const draft = () => session.page.getByTestId("opinion-draft");
const claim = (n: number) => draft().getByTestId("opinion-claim").nth(n - 1);
const method = (n: number, english: string) => claim(n).getByRole("radio", { name: T(english, "how the chair reports a claim's estimates") });
const evidenceRows = () => draft().getByTestId("opinion-evidence");
const autosave = () => draft().getByTestId("opinion-autosave");

/** Opens the opinion draft from the Chair page and waits until it is on screen. */
async function openDraft(): Promise<void> {
  const { page } = session;
  await page.getByRole("link", { name: T("Chair"), exact: true }).click();
  await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 60_000 }).toBe(5);
  await draft().getByTestId("opinion-draft-toggle").click();
  await expect.poll(() => draft().getByTestId("opinion-claim").count(), { timeout: 60_000 }).toBe((seatZero as TestSeat).received.case.claims.length);
}

describe("the chair drafts the opinion, and nothing is lost on reload", () => {
  it("creates the chair's vault, imports the case packet and three members' scoresheets", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" }, "amara.card.json");
    session = person.session;
    cardFile = person.cardFile;
    const now = new Date();
    const panel = await panelPackets({ secretariat, chairCard: readFileSync(person.cardFile, "utf8"), members, now });
    const packetFile = world.temp.file("amara.packet.age");
    writeFileSync(packetFile, panel.packets[0] as Uint8Array);
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);
    for (const [i, best] of [70, 60, 30].entries()) {
      const seat = await seatFromPacket(panel.packets[i + 1] as Uint8Array, members[i] as PersonalIdentity, secretariat, now);
      seatZero ??= seat;
      const context = scoringContextOf(seat.received);
      const base = answersFor(context);
      const first = base.claims[0]?.claim as ClaimId;
      const answers = setClaimAnswer(setClaimAnswer(base, first, "best", best), first, "likelihood", termsFor(context.rubric, best)[0] as string);
      const submission = await sign(seat, now, [], answers);
      files.push(world.temp.file(`member${i + 1}.age`));
      writeFileSync(files.at(-1) as string, submission.bytes);
    }
    const { page } = session;
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    // Before any scoresheet there is nothing to draft from: the section is not offered.
    await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 60_000 }).toBe(5);
    expect(await draft().count()).toBe(0);
    await page.getByTestId("scoresheet-drop").locator('input[type="file"]').setInputFiles(files);
    await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(3);
  }, 240_000);

  it("opens with the defaults: the median for every claim, the TLP:RED and AMBER+STRICT evidence withholdable", async () => {
    await draft().getByTestId("opinion-draft-toggle").click();
    const received = (seatZero as TestSeat).received;
    await expect.poll(() => draft().getByTestId("opinion-claim").count(), { timeout: 60_000 }).toBe(received.case.claims.length);
    expect(await autosave().getAttribute("data-status")).toBe("idle");
    for (let n = 1; n <= received.case.claims.length; n++) expect(await method(n, "Median and interquartile range").isChecked()).toBe(true);
    expect(await claim(1).getByTestId("opinion-aggregate").getAttribute("data-method")).toBe("median");
    const withheld = await evidenceRows().evaluateAll((rows) => rows.map((r) => r.getAttribute("data-withheld")));
    expect(withheld).toEqual(received.case.evidence.map((e) => String(WITHHELD_BY_DEFAULT.includes(e.marking))));
    // Three estimates per claim, one per member who submitted.
    expect(await draft().getByTestId("opinion-estimates").first().locator("li").count()).toBe(3);
  });

  it("chooses aggregates by pointer and keyboard, writes the reasoning, marks evidence and regions withholdable; autosaved", async () => {
    const { page } = session;
    await method(1, "Log-odds pool").check();
    await expect.poll(() => claim(1).getByTestId("opinion-aggregate").getAttribute("data-method")).toBe("log-odds-pool");
    await expect.poll(() => autosave().getAttribute("data-status")).toBe("saved");
    // Arrow keys move within a radio group.
    await method(2, "Median and interquartile range").focus();
    await page.keyboard.press(DIR === "rtl" ? "ArrowLeft" : "ArrowRight");
    await expect.poll(() => method(2, "Linear pool (mean)").isChecked()).toBe(true);
    await expect.poll(() => claim(2).getByTestId("opinion-aggregate").getAttribute("data-method")).toBe("linear-pool");

    await draft().getByTestId("opinion-reasoning").fill(REASONING);
    await expect.poll(() => draft().getByTestId("opinion-reasoning-preview").locator("strong").allInnerTexts()).toEqual(["claim 1"]);
    expect(await draft().getByTestId("opinion-reasoning-preview").locator("p").count()).toBe(2);

    const evidenceId = await evidenceRows().and(page.locator('[data-withheld="false"]')).first().getAttribute("data-evidence");
    const row = draft().locator(`[data-testid="opinion-evidence"][data-evidence="${evidenceId}"]`);
    await row.getByTestId("opinion-evidence-withhold").check();
    await row.getByTestId("opinion-evidence-reason").selectOption("ongoing-proceedings");
    await draft().getByTestId("opinion-regions-withhold").check();
    await draft().getByTestId("opinion-regions-reason").selectOption("sources-and-methods");
    await expect.poll(() => autosave().getAttribute("data-status")).toBe("saved");
    await expectDirection(page);
    expect(await axeSerious(page)).toEqual([]);
    await shot(`opinion-draft-${DIR}`);

    // Reloaded and unlocked again: everything is as it was left.
    await page.reload();
    await page.getByLabel(T("Passphrase"), { exact: true }).fill(PASS);
    await page.getByRole("button", { name: T("Unlock", "verb, button"), exact: true }).click();
    await expect.poll(() => page.getByTestId("vault-state").textContent(), { timeout: 60_000 }).toBe(T("Vault unlocked"));
    await openDraft();
    expect(await autosave().getAttribute("data-status")).toBe("idle");
    expect(await method(1, "Log-odds pool").isChecked()).toBe(true);
    expect(await method(2, "Linear pool (mean)").isChecked()).toBe(true);
    expect(await method(3, "Median and interquartile range").isChecked()).toBe(true);
    expect(await claim(1).getByTestId("opinion-aggregate").getAttribute("data-method")).toBe("log-odds-pool");
    expect(await draft().getByTestId("opinion-reasoning").inputValue()).toBe(REASONING);
    const again = draft().locator(`[data-testid="opinion-evidence"][data-evidence="${evidenceId}"]`);
    expect(await again.getAttribute("data-withheld")).toBe("true");
    expect(await again.getByTestId("opinion-evidence-reason").inputValue()).toBe("ongoing-proceedings");
    expect(await draft().getByTestId("opinion-regions-withhold").isChecked()).toBe(true);
    expect(await draft().getByTestId("opinion-regions-reason").inputValue()).toBe("sources-and-methods");
    expect(await axeSerious(page)).toEqual([]);
  }, 180_000);

  it("sends the draft for comment: one file per member, each opened with that member's key, the whole draft as written", async () => {
    const { page } = session;
    const received = (seatZero as TestSeat).received;
    const seats = received.roster.filter((p) => p.role === "member");
    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    const send = draft().getByTestId("send-for-comment");
    await send.getByRole("textbox", { name: T("Note for the members (optional)") }).fill("Comments on the reasoning, please.");
    await send.getByTestId("send-for-comment-button").click();
    await expect.poll(() => send.getByTestId("sent-for-comment").count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(seats.length);
    const digests = new Set<string>();
    for (const d of downloads) {
      const file = world.temp.file(d.suggestedFilename());
      await d.saveAs(file);
      const bytes = readFileSync(file);
      // Exactly one member's key opens it (and the chair's own copy is not for anyone else).
      const opened = [];
      for (const [i, m] of members.entries()) {
        const r = await openDraftForComment(bytes, { kind: "age", identity: m.encryption.secretKey }, { roster: received.roster, caseId: received.case.id, seat: seats[i]?.fingerprint as string });
        if (r.ok) opened.push(r.value);
      }
      expect(opened).toHaveLength(1);
      const draftForComment = opened[0];
      if (!draftForComment) return;
      expect(draftForComment.request).toMatchObject({ round: 1, note: "Comments on the reasoning, please." });
      expect(draftForComment.opinion.reasoning).toEqual(REASONING.split("\n\n"));
      // What may be withheld travels with its reason: the marked evidence and every estimate's region.
      expect(draftForComment.disclosures.some((x) => x.reason === "ongoing-proceedings" && x.pointer.startsWith("/evidence/"))).toBe(true);
      expect(draftForComment.disclosures.filter((x) => x.pointer.endsWith("/region")).every((x) => x.reason === "sources-and-methods")).toBe(true);
      digests.add(draftForComment.draftSha256);
    }
    // The same draft, byte for byte, went to every member; its digest is the one shown.
    expect(digests.size).toBe(1);
    draftDigest = [...digests][0] as string;
    expect(await send.getByTestId("sent-for-comment").innerText()).toContain(([...digests][0] as string).slice(0, 8));
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await send.screenshot({ path: path.join(SHOTS, `opinion-sent-${DIR}.png`) });
  }, 240_000);

  it("imports the members' answers (an altered dissent refused), sends the opinion for co-signing, imports every co-signature (one over another text refused), and seals it", async () => {
    const { page } = session;
    const received = (seatZero as TestSeat).received;
    const roster = received.roster.map((p) => ({ role: p.role, fingerprint: p.fingerprint }));
    const card = importIdentityCard(readFileSync(cardFile, "utf8"));
    const chairKey = card.ok ? parseRecipient(card.value.ageRecipient) : undefined;
    if (!chairKey?.ok) throw new Error("no chair key on the card");
    const section = draft().getByTestId("co-signing");
    await expect.poll(() => section.getByTestId("answers-drop").count(), { timeout: 60_000 }).toBe(1);
    const draftSha256 = draftDigest;
    const now = new Date();
    const dissenter = members[0] as PersonalIdentity;
    const dissent = signSeparateOpinion({ caseId: received.case.id as never, seat: "member", kind: "dissent", draftSha256: draftSha256 as never, text: ["I dissent: the **logs** do not show the state's hand."] }, dissenter.signing, now);
    const answerFiles = [
      await sealDraftAnswer({ caseId: received.case.id, round: 1, draftSha256, comments: ["Paragraph 2 overstates the report."], separateOpinion: dissent }, dissenter.signing, [chairKey.value], now),
      await sealDraftAnswer({ caseId: received.case.id, round: 1, draftSha256, comments: ["Agreed."] }, (members[1] as PersonalIdentity).signing, [chairKey.value], now),
      // The dissent's text altered after its author signed it.
      await packArchive(
        DRAFT_ANSWER_FILE,
        draftAnswerBuild({ caseId: received.case.id, round: 1, draftSha256, comments: [], separateOpinion: { bytes: Buffer.from(Buffer.from(dissent.bytes).toString("utf8").replace("do not show", "show")), signature: dissent.signature } }, dissenter.signing, [chairKey.value], now).build,
        "encrypted",
      ),
    ].map((bytes, i) => {
      const file = world.temp.file(`answer${i + 1}.age`);
      writeFileSync(file, bytes);
      return file;
    });
    await section.getByTestId("answers-drop").locator('input[type="file"]').setInputFiles(answerFiles);
    const results = section.getByTestId("answer-results");
    await expect.poll(() => results.locator('[data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(2);
    expect(await results.locator('[data-refusal="invalid-separate-opinion"]').count()).toBe(1);
    const row = section.locator(`[data-testid="exchange-seat"][data-seat="${roster.find((r) => r.role === "member")?.fingerprint}"]`);
    const who = (await row.locator("th").innerText()).trim();
    expect(await results.locator('[data-outcome="accepted"]').first().innerText()).toContain(TF("Accepted: comments and a dissenting opinion from {who}.", { who }));
    await row.locator("summary").click();
    expect(await row.getByTestId("separate-opinion").getAttribute("data-kind")).toBe("dissent");
    // Rendered as Markdown, exactly as its author wrote it.
    expect(await row.getByTestId("separate-opinion").locator("strong", { hasText: "logs" }).count()).toBe(1);
    expect(await row.getByTestId("separate-opinion").innerText()).toContain("do not show the state's hand.");

    const downloads: Download[] = [];
    page.on("download", (d) => downloads.push(d));
    await section.getByTestId("prepare-cosign-button").click();
    await expect.poll(() => section.getByTestId("cosign-sent").count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(members.length);
    const returns: string[] = [];
    let payloadSha256 = "";
    for (const d of downloads.splice(0)) {
      const bytes = readFileSync(await saveAs(d));
      const i = members.findIndex((m) => d.suggestedFilename().includes(sshFingerprint(m.signing.publicKey).replace(/^SHA256:/, "").replace(/[^A-Za-z0-9]/g, "").slice(0, 8)));
      const m = members[i] as PersonalIdentity;
      const seat = sshFingerprint(m.signing.publicKey);
      const opened = await openCosignRequest(bytes, { kind: "age", identity: m.encryption.secretKey, myRecipient: encodeRecipient(m.encryption.publicKey) }, { roster, caseId: received.case.id, seat, ...(i === 0 ? { mine: dissent } : {}) });
      if (!opened.ok) throw new Error(JSON.stringify(opened.error));
      payloadSha256 = opened.value.payload.sha256;
      const stance = i === 0 ? "dissent" : "concur";
      const statement = signCoSignature({ payloadSha256: payloadSha256 as never, caseId: received.case.id as never, seat: "member", stance, ...(i === 0 ? { opinion: sha256Hex(dissent.bytes) } : {}) }, m.signing, now);
      const file = world.temp.file(`cosign${i + 1}.age`);
      writeFileSync(file, await sealCosignReturn(statement, m.signing, chairKey.value, now));
      returns.push(file);
    }
    expect(await section.getByTestId("cosign-sent").innerText()).toContain(payloadSha256.slice(0, 12));
    // A co-signature of another text than the one sent.
    const other = signCoSignature({ payloadSha256: "f".repeat(64) as never, caseId: received.case.id as never, seat: "member", stance: "concur" }, (members[1] as PersonalIdentity).signing, now);
    const otherFile = world.temp.file("cosign-other.age");
    writeFileSync(otherFile, await sealCosignReturn(other, (members[1] as PersonalIdentity).signing, chairKey.value, now));
    expect(await section.getByTestId("seal-button").isDisabled()).toBe(true);
    await section.getByTestId("cosignatures-drop").locator('input[type="file"]').setInputFiles([...returns, otherFile]);
    const signed = section.getByTestId("cosign-results");
    await expect.poll(() => signed.locator('[data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(members.length);
    expect(await signed.locator('[data-refusal="other-payload"]').count()).toBe(1);
    await expect.poll(() => section.getByTestId("seal-button").isDisabled(), { timeout: 30_000 }).toBe(false);
    await expectDirection(page);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await section.screenshot({ path: path.join(SHOTS, `opinion-cosigning-${DIR}.png`) });

    await section.getByTestId("seal-button").click();
    await expect.poll(() => section.getByTestId("opinion-sealed").count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(1);
    const sealed = readFileSync(await saveAs(downloads[0] as Download));
    const opened = await openSealedOpinion(sealed, { kind: "age", identity: secretariat.encryption.secretKey, myRecipient: encodeRecipient(secretariat.encryption.publicKey) }, roster);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    expect(opened.value.payload.sha256).toBe(payloadSha256);
    expect(opened.value.coSignatures.map((c) => c.statement.stance).sort()).toEqual(["concur", "concur", "concur", "dissent"]);
    expect(opened.value.seal.notSigned).toEqual([]);
    expect(opened.value.payload.separateOpinions.map((e) => e.opinion.kind)).toEqual(["dissent"]);
  }, 300_000);

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});
