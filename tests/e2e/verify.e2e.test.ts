/**
 * The Verify page, in a fresh Chromium profile with no vault and no
 * identity: a publication folder (built by shared/publication from the
 * five-seat panel's sealed opinion) is opened with the folder chooser and
 * found valid, with every signature, each withheld part's reason and the
 * stated figures beside those recomputed; a copy with a changed file, and a
 * publication whose stated median the released estimates do not give, are
 * found not valid, each reason in words; opinion.json alone is checked as
 * far as it goes. Axe finds nothing serious; no request leaves the origin.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../shared/crypto/sodium";
import { utf8 } from "../../shared/encoding/bytes";
import { OpinionSchema } from "../../shared/opinion/opinion";
import { VERIFY_MD } from "../../shared/publication/publication";
import { publishedFiles } from "../../shared/publication/publication.testing";
import { publicationFolderName, zipPublication } from "../../shared/publication/zip";
import { axeSerious, expectDirection, openSession, type Session } from "../support/e2e-page";
import { e2eWorld } from "../support/e2e-world";
import { T, TF } from "../support/locale";

const SHOTS = process.env["AP_SCREENSHOT_DIR"];
const world = e2eWorld("verify-e2e");
let session: Session;
const folders = { good: "", tampered: "", wrongMedian: "", zip: "" };

function writeFolder(name: string, files: ReadonlyMap<string, Uint8Array>): string {
  const dir = path.join(world.temp.dir, name);
  for (const [file, bytes] of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  }
  return dir;
}

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  const { files } = publishedFiles();
  folders.good = writeFolder("publication", files);
  folders.zip = path.join(world.temp.dir, "publication.zip");
  writeFileSync(folders.zip, zipPublication(files, publicationFolderName("case-0000000000000001")));
  folders.tampered = writeFolder("tampered", new Map([...files, [VERIFY_MD, utf8("Trust us.\n")]]));
  const wrong = publishedFiles((o) => OpinionSchema.parse({ ...o, findings: o.findings.map((f) => ({ ...f, aggregate: f.aggregate.method === "median" ? { ...f.aggregate, value: 66 } : f.aggregate })) })).files;
  folders.wrongMedian = writeFolder("wrong-median", wrong);
});

const verdict = () => session.page.getByTestId("verify-verdict");
async function openFolder(dir: string) {
  await session.page.getByTestId("verify-folder").setInputFiles(dir);
}

describe("the Verify page, without a vault", () => {
  it("finds a publication valid: every signature, the withheld parts and their reasons, the figures recomputed", async () => {
    session = await openSession(world.browser, `${world.server.origin}/#/verify`);
    const { page } = session;
    await expect.poll(() => page.getByRole("heading", { name: T("Verify a published opinion") }).count(), { timeout: 30_000 }).toBe(1);
    await expectDirection(page);
    await openFolder(folders.good);
    await expect.poll(() => verdict().textContent(), { timeout: 60_000 }).toContain(T("Valid."));
    await expect.poll(() => page.getByTestId("verify-report").getAttribute("data-valid")).toBe("true");
    expect(await page.getByTestId("verify-signatures").locator("tbody tr").count()).toBe(7);
    expect(await page.getByTestId("verify-signatures").getByText(T("Verifies"), { exact: true }).count()).toBe(7);
    expect(await page.getByTestId("verify-redactions").locator("tbody tr").count()).toBe(4);
    expect(await page.getByTestId("verify-redactions").getByText(T("Third-party confidentiality", "reason a part of the opinion may be withheld")).count()).toBe(1);
    // The median and its quartiles match; the regional median cannot be recomputed (a region was withheld).
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "verify-valid.png"), fullPage: true });
    expect(await page.getByTestId("verify-aggregates").getByText(T("Matches"), { exact: true }).count()).toBe(5);
    // The regional figures are folded (none differs); the one stated there cannot be recomputed.
    expect(await page.getByTestId("verify-regional").getAttribute("open")).toBeNull();
    expect(await page.getByTestId("verify-regional-figures").getByText(T("Not recomputable: its inputs were withheld")).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "verify-valid.png"), fullPage: true });
  });

  it("finds a changed file, and a stated median the estimates do not give, not valid, each reason in words", async () => {
    const { page } = session;
    await openFolder(folders.tampered);
    await expect.poll(() => verdict().textContent(), { timeout: 60_000 }).toContain(T("Not valid."));
    const problems = page.getByTestId("verify-problems");
    await expect.poll(() => problems.textContent()).toContain(TF("{path} is not the file the secretariat published.", { path: "VERIFY.md" }));
    expect(await problems.locator("li").count()).toBe(2);

    await openFolder(folders.wrongMedian);
    await expect.poll(() => problems.textContent(), { timeout: 60_000 }).toContain(TF("{claim}, {figure}: the opinion states {stated}, but the released estimates give {recomputed}.", { claim: TF("Claim {n}", { n: 1 }), figure: T("Median"), stated: 66, recomputed: 65 }));
    expect(await page.getByTestId("verify-aggregates").getByText(T("Differs"), { exact: true }).count()).toBe(1);
    expect(await axeSerious(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "verify-not-valid.png"), fullPage: true });
  });

  it("checks opinion.json alone as far as it goes, and says what it did not check; a .zip is the whole folder", async () => {
    const { page } = session;
    await page.getByTestId("verify-json").locator('input[type="file"]').setInputFiles(folders.zip);
    await expect.poll(() => verdict().textContent(), { timeout: 60_000 }).toContain(T("Valid."));
    expect(await page.getByTestId("verify-signatures").locator("tbody tr").count()).toBe(7);
    expect(await page.getByTestId("verify-report").textContent()).not.toContain(T("Only opinion.json was checked: open the whole folder to check the files beside it and the secretariat's statement."));
    await page.getByTestId("verify-json").locator('input[type="file"]').setInputFiles(path.join(folders.good, "opinion.json"));
    await expect.poll(() => page.getByTestId("verify-report").textContent(), { timeout: 60_000 }).toContain(T("Only opinion.json was checked: open the whole folder to check the files beside it and the secretariat's statement."));
    expect(await verdict().textContent()).toContain(T("Valid."));
    // No vault was ever made, and nothing left the machine.
    expect(await page.getByTestId("vault-state").getAttribute("data-phase")).toBe("none");
    for (const url of session.requests) expect(new URL(url).origin).toBe(world.server.origin);
    expect(session.problems).toEqual([]);
  });
});
