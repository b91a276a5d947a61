/**
 * The chair in Chromium, against the production build: a chair profile
 * imports the case packet (built in Node by a secretariat for a panel of the
 * chair and four members whose keys this test holds), then the members'
 * scoresheets, signed in Node by the submit path from each member's own
 * packet, all at once with one bad file (signed by someone not on the
 * panel): the good ones are accepted, the bad one refused with a sentence.
 * The dashboard lists every seat; the same file again, dropped on the import
 * area, is "already held" and an older revision a replay;
 * the chair declares a quorum. Axe finds no serious violation; no request
 * leaves the origin.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { parseRecipient } from "../../shared/formats/age/age";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import { importIdentityCard } from "../../shared/identity/identity-card";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { testIdentity } from "../../shared/identity/identity.testing";
import { panelPackets, seatFromPacket, sentOf, sign, testMembers } from "../../shared/merge/merge.testing";
import { setClaimAnswer } from "../../shared/scoring/edit";
import type { ClaimId, Scoresheet } from "../../shared/scoring/scoresheet";
import { sealScoresheet } from "../../shared/scoring/scoresheet-file";
import { axeSerious, importPacketInPage, newPersonInPage, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { LOCALE, T } from "../support/locale";

const PASS = "copper meadow lantern ninety quartz";
const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("chair-e2e");
let session: Session;
let secretariat: PersonalIdentity;
let members: PersonalIdentity[];
/** The scoresheet files, as the chair received them on removable media. */
const files: { good: string[]; bad: string } = { good: [], bad: "" };
let panel: Awaited<ReturnType<typeof panelPackets>>;

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat", region: "western-european-and-others-states", nationality: "CH" });
  members = testMembers();
});

const shot = async (name: string) => {
  if (SHOTS) await session.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
/** The chair's file input (several files), found by its place rather than its label, so the journey runs in any language. */
const fileInput = () => session.page.getByTestId("scoresheet-drop").locator('input[type="file"]');
/** Drops files on the chair's import area, as a file manager's drag and drop does. */
async function dropFiles(paths: readonly string[]): Promise<void> {
  const payload = paths.map((p) => ({ name: path.basename(p), data: readFileSync(p).toString("base64") }));
  const transfer = await session.page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, payload);
  const zone = session.page.getByTestId("scoresheet-drop");
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}
const seatRow = (name: string) => session.page.getByTestId("seat-row").filter({ hasText: name });

describe("the chair imports scoresheets and sees the panel's dashboard", () => {
  it("creates a vault and an identity, imports the case packet in the inbox; the members sign in Node", async () => {
    const person = await newPersonInPage(world, PASS, { displayName: "Amara Mensah", region: "african-states", nationality: "GH", affiliation: "University of Ghana" }, "amara.card.json");
    session = person.session;
    const cardText = readFileSync(person.cardFile, "utf8");
    const now = new Date();
    panel = await panelPackets({ secretariat, chairCard: cardText, members, now });
    const packetFile = world.temp.file("amara.packet.age");
    writeFileSync(packetFile, panel.packets[0] as Uint8Array);
    await importPacketInPage(session.page, packetFile, secretariat.signing.publicKey);

    // Three of the four members sign, each from their own packet; the first also revises (revision 2 in the same batch).
    let template: Scoresheet | undefined;
    for (const [i, member] of members.slice(0, 3).entries()) {
      const seat = await seatFromPacket(panel.packets[i + 1] as Uint8Array, member, secretariat, now);
      const first = await sign(seat, now);
      files.good.push(world.temp.file(`member${i + 1}-rev1.age`));
      writeFileSync(files.good.at(-1) as string, first.bytes);
      if (i === 0) {
        template = first.sheet;
        const claim = first.sheet.answers.claims[0]!.claim as ClaimId;
        const answers = setClaimAnswer(first.sheet.answers, claim, "rationale", "Revised after reading the logs again.");
        const second = await sign(seat, new Date(now.getTime() + 1000), [sentOf(first)], answers, [{ answer: `claims/${claim}/rationale`, reason: "Read the logs again." }]);
        files.good.push(world.temp.file(`member1-rev2.age`));
        writeFileSync(files.good.at(-1) as string, second.bytes);
      }
    }
    // Someone not on the panel signs a scoresheet for this case, encrypted to the chair: the first member's, with the
    // stranger's seat (the signer's seat is checked before anything reads the answers).
    const stranger = testIdentity({ displayName: "Not Onpanel", region: "african-states", nationality: "KE" });
    if (!template) throw new Error("the first member signed no scoresheet");
    const card = importIdentityCard(cardText);
    if (!card.ok) throw new Error("the chair's card does not verify");
    const chairKey = parseRecipient(card.value.card.ageRecipient);
    if (!chairKey.ok) throw new Error("the chair's card has no age recipient");
    files.bad = world.temp.file("stranger.age");
    writeFileSync(files.bad, await sealScoresheet({ ...template, seat: { fingerprint: sshFingerprint(stranger.signing.publicKey), role: "member" } }, stranger.signing, [chairKey.value], now));
  }, 180_000);

  it("opens the Chair page: the case, and every seat missing", async () => {
    const { page } = session;
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 30_000 }).toBe(5);
    expect(await page.locator('[data-testid="seat-row"][data-status="missing"]').count()).toBe(5);
    expect(await page.getByTestId("declare-quorum").isDisabled()).toBe(true);
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-empty");
  });

  it("imports every file at once: the good ones accepted, the stranger's refused with a sentence", async () => {
    const { page } = session;
    await fileInput().setInputFiles([files.bad, ...[...files.good].reverse()]);
    await expect.poll(() => page.getByTestId("import-result").count(), { timeout: 60_000 }).toBe(5);
    expect(await page.locator('[data-testid="import-result"][data-outcome="accepted"]').count()).toBe(4);
    const refused = page.locator('[data-testid="import-result"][data-outcome="refused"]');
    expect(await refused.count()).toBe(1);
    expect(await refused.innerText()).toContain("stranger.age");
    expect(await refused.getAttribute("data-refusal")).toBe("not-on-panel");
    if (LOCALE === "en") expect(await refused.innerText()).toContain("Signed by someone who holds no seat on this panel's roster.");

    expect(await page.locator('[data-testid="seat-row"][data-status="submitted"]').count()).toBe(3);
    expect(await page.locator('[data-testid="seat-row"][data-status="missing"]').count()).toBe(2);
    // The chair's own seat is listed, still missing; the first member's latest revision is 2.
    expect(await seatRow("Amara Mensah").getAttribute("data-status")).toBe("missing");
    expect(await seatRow("Member Tanaka").locator("td").nth(3).innerText()).toBe("2");
    expect(await page.getByTestId("seat-count").innerText()).toMatch(/3\D+5/);
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-imported");
  });

  it("dropped on the import area: the latest held file again is already held, an older revision refused as replayed; nothing changes", async () => {
    const { page } = session;
    // The last member's only revision (held), and the first member's revision 1 (older than the revision 2 held).
    await dropFiles([files.good.at(-1) as string, files.good[0] as string]);
    await expect.poll(() => page.locator('[data-testid="import-result"]').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator('[data-testid="import-result"][data-outcome="already-held"]').count()).toBe(1);
    expect(await page.locator('[data-testid="import-result"][data-refusal="replayed"]').count()).toBe(1);
    expect(await page.locator('[data-testid="seat-row"][data-status="submitted"]').count()).toBe(3);
  });

  it("declares a quorum, by keyboard, with 3 of 5 scoresheets", async () => {
    const { page } = session;
    const declare = page.getByTestId("declare-quorum");
    await declare.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("quorum-declared").count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId("quorum-declared").innerText()).toMatch(/3\D+5/);
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-quorum");
  });

  it("a new version of the case arrives: each seat's scoresheet made on the earlier one is marked, and a member's on the chair's version is refused", async () => {
    const { page } = session;
    const at = new Date();
    const [chairPacket, , , , fourthMember] = await panel.resend((c) => ({ ...c, summary: `${c.summary} A note added by the secretariat.` }), at);
    const packetFile = world.temp.file("amara.packet-2.age");
    writeFileSync(packetFile, chairPacket as Uint8Array);
    await page.getByRole("link", { name: T("Panelist"), exact: true }).click();
    await page.getByLabel(T("Import a case packet (.packet.age)")).setInputFiles(packetFile);
    await expect.poll(() => page.getByTestId("case-changes").count(), { timeout: 60_000 }).toBe(1);
    await page.getByRole("link", { name: T("Chair"), exact: true }).click();
    await expect.poll(() => page.getByTestId("seat-row").count(), { timeout: 30_000 }).toBe(5);
    await expect.poll(() => page.getByTestId("earlier-version").count(), { timeout: 30_000 }).toBe(3);
    expect(await seatRow("Amara Mensah").getByTestId("earlier-version").count()).toBe(0);
    expect(await page.getByTestId("earlier-version-note").innerText()).toMatch(/3/);
    expect(await axeSerious(page)).toEqual([]);
    await shot("chair-earlier-version");
    // The fourth member, who had not signed, scores on the old packet: refused, as made on another version.
    const seat = await seatFromPacket(panel.packets[4] as Uint8Array, members[3] as PersonalIdentity, secretariat, at);
    const stale = world.temp.file("member4-old-version.age");
    writeFileSync(stale, (await sign(seat, at)).bytes);
    await fileInput().setInputFiles([stale]);
    const refused = page.locator('[data-testid="import-result"][data-refusal="other-packet"]');
    await expect.poll(() => refused.count(), { timeout: 60_000 }).toBe(1);
    // On the new version, the same member's scoresheet is accepted, and is not marked.
    const current = await seatFromPacket(fourthMember as Uint8Array, members[3] as PersonalIdentity, secretariat, at);
    const fresh = world.temp.file("member4-new-version.age");
    writeFileSync(fresh, (await sign(current, at)).bytes);
    await fileInput().setInputFiles([fresh]);
    await expect.poll(() => page.locator('[data-testid="import-result"][data-outcome="accepted"]').count(), { timeout: 60_000 }).toBe(1);
    expect(await seatRow("Member Okafor").getAttribute("data-status")).toBe("submitted");
    expect(await seatRow("Member Okafor").getByTestId("earlier-version").count()).toBe(0);
    expect(await page.getByTestId("earlier-version").count()).toBe(3);
  });

  it("no request left the origin, and no page error", () => {
    expect(session.problems).toEqual([]);
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(world.proxy.hits).toEqual([]);
  });
});
