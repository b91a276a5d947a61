/**
 * The vault in real Chromium, against the renderer build, driven through its
 * interface: how long unlocking takes, from pressing Unlock after typing the
 * passphrase to the unlocked vault, the crypto worker's start (locking ended
 * it) and the key derivation included (Argon2id is calibrated at creation to
 * 0.5–1 s on this machine, so there is no reference tool; the goal is 1.2 s
 * in all), and importing one
 * large evidence file (SHA-256 and chunked encryption in the crypto worker,
 * stored in IndexedDB) against `sha256sum` then `age -e` on the same file in
 * the same run, with the peak resident memory of the page's renderer process.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { launchPersistentChromium, startRecordingProxy } from "../support/chromium";
import { RENDERER_DIST, startStaticServer } from "../support/static-server";
import { requireTool } from "../support/tools";
import { measure, median } from "./measure";
import { writeRandomFile } from "./random-file";
import { sampleRendererMemory, type RendererMemory } from "./renderer-memory";
import type { BenchRow } from "./report";

const PASS = "wicker lantern orbit seventy fjord";
const UNLOCKS = 3;
const UNLOCK_GOAL_S = 1.2;
const TYPING_DELAY_MS = 40;
const CREATE_TIMEOUT_MS = 120_000;
const UNLOCK_TIMEOUT_MS = 60_000;
const IMPORT_TIMEOUT_MS = 20 * 60_000;
const MEMORY_GOAL_BYTES = 300e6;
const MiB = 1 << 20;

const vaultState = (page: Page, text: string): Locator => page.getByTestId("vault-state").filter({ hasText: new RegExp(`^${text}$`) });

/** Waits for `done`, failing at once with its sentence if an alert shows up instead. */
async function until(page: Page, done: Locator, timeout: number, what: string): Promise<void> {
  await done.or(page.getByRole("alert")).first().waitFor({ timeout });
  if ((await done.count()) === 0) throw new Error(`${what} failed in the page: ${(await page.getByRole("alert").allInnerTexts()).join(" / ")}`);
}

/** The Argon2id cost calibration chose, from the header (the only row stored in clear). */
function kdfCost(page: Page): Promise<{ opsLimit: number; memLimitBytes: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("attribution-panel-vault");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("header").objectStore("header").get("vault");
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            open.result.close();
            const { kdf } = get.result as { kdf: { opsLimit: number; memLimitBytes: number } };
            resolve({ opsLimit: kdf.opsLimit, memLimitBytes: kdf.memLimitBytes });
          };
        };
      }),
  );
}

export async function benchVault(workDir: string, sizeBytes: number, options: { rendererDir?: string } = {}): Promise<BenchRow[]> {
  for (const [tool, pkg] of [["age", "age"], ["age-keygen", "age"], ["sha256sum", "coreutils"]] as const) requireTool(tool, pkg);
  const rendererDir = options.rendererDir ?? RENDERER_DIST;
  if (!existsSync(path.join(rendererDir, "index.html"))) throw new Error(`${rendererDir} holds no renderer build: run npm run build first`);

  const dir = mkdtempSync(path.join(workDir, "vault-"));
  const proxy = await startRecordingProxy();
  const server = await startStaticServer({ root: rendererDir });
  // A profile on disk, so the vault's IndexedDB is written to disk as in the app.
  const context = await launchPersistentChromium(proxy, mkdtempSync(path.join(workDir, "profile-")));
  try {
    const file = path.join(dir, "evidence.bin");
    await writeRandomFile(file, sizeBytes);

    // Reference: hash, then encrypt, the way someone without the app would.
    const key = path.join(dir, "bench.key");
    execFileSync("age-keygen", ["-o", key], { stdio: "ignore" });
    const recipient = execFileSync("age-keygen", ["-y", key], { encoding: "utf8" }).trim();
    const hashed = await measure("sha256sum", [file]);
    const encrypted = await measure("age", ["-e", "-r", recipient, "-o", path.join(dir, "evidence.bin.age"), file]);
    const expectedSha = hashed.stdout.split(" ")[0] ?? "";
    rmSync(path.join(dir, "evidence.bin.age"));

    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.origin}/#/vault`);

    await page.getByLabel("New passphrase", { exact: true }).fill(PASS);
    await page.getByLabel("Repeat the passphrase", { exact: true }).fill(PASS);
    await page.getByRole("button", { name: "Create vault", exact: true }).click();
    await until(page, vaultState(page, "Vault unlocked"), CREATE_TIMEOUT_MS, "Creating the vault");
    const kdf = await kdfCost(page);

    const unlockSeconds: number[] = [];
    for (let i = 0; i < UNLOCKS; i++) {
      await page.getByRole("button", { name: "Lock", exact: true }).click();
      await vaultState(page, "Vault locked").waitFor();
      // Typed key by key, as a fast typist would (40 ms a key, 1.4 s for this passphrase): the app readies
      // the key derivation once typing starts, and the time that counts is from pressing Unlock.
      await page.getByLabel("Passphrase", { exact: true }).pressSequentially(PASS, { delay: TYPING_DELAY_MS });
      const started = performance.now();
      await page.getByRole("button", { name: "Unlock", exact: true }).click();
      await until(page, vaultState(page, "Vault unlocked"), UNLOCK_TIMEOUT_MS, "Unlocking");
      unlockSeconds.push((performance.now() - started) / 1000);
    }

    await page.goto(`${server.origin}/#/vault/files`);
    await page.getByText("No files yet.").waitFor();
    const sampler = sampleRendererMemory();
    const started = performance.now();
    let imported: number;
    let rendererMemory: RendererMemory;
    try {
      await page.getByLabel("Import a file").setInputFiles(file);
      await until(page, page.getByTestId("attachment"), IMPORT_TIMEOUT_MS, "Importing the file");
      imported = (performance.now() - started) / 1000;
    } finally {
      rendererMemory = sampler.stop();
    }
    if (rendererMemory.renderers === 0) throw new Error("no Chromium renderer process found under this process: renderer memory was not measured");
    const count = await page.getByTestId("attachment").count();
    if (count !== 1) throw new Error(`expected 1 imported file, the page lists ${count}`);
    const shownSha = (await page.getByTestId("attachment-sha256").textContent())?.trim();
    if (shownSha !== expectedSha) throw new Error(`the vault's SHA-256 of the imported file (${shownSha}) differs from sha256sum's (${expectedSha})`);
    if (problems.length > 0) throw new Error(`the page reported errors: ${problems.join(" / ")}`);
    if (proxy.hits.length > 0) throw new Error(`the page sent requests off the machine: ${proxy.hits.join(", ")}`);
    await context.close();

    const mib = sizeBytes / MiB;
    const underGoal = rendererMemory.peakMiB * MiB < MEMORY_GOAL_BYTES;
    const unlockMedian = median(unlockSeconds);
    return [
      {
        name: `vault unlock (median of ${UNLOCKS})`,
        ours: { value: unlockMedian, unit: "s" },
        goal: `≤ 1.2 s with the workers' start: ${unlockMedian <= UNLOCK_GOAL_S ? "yes" : "NO"} (runs ${unlockSeconds.map((s) => s.toFixed(2)).join(", ")} s; Argon2id ${kdf.opsLimit} passes over ${kdf.memLimitBytes / MiB} MiB)`,
      },
      {
        name: `vault import ${mib} MiB (Chromium)`,
        ours: { value: mib / imported, unit: "MiB/s", peakMemoryMiB: rendererMemory.peakMiB },
        reference: {
          tool: "sha256sum + age -e",
          value: mib / (hashed.seconds + encrypted.seconds),
          unit: "MiB/s",
          peakMemoryMiB: Math.max(hashed.maxRssBytes, encrypted.maxRssBytes) / MiB,
        },
        goal: `renderer < 300 MB: ${underGoal ? "yes" : "NO"} (${rendererMemory.startMiB.toFixed(0)} MiB before the import${rendererMemory.exactPeak ? "" : ", peak sampled every 50 ms"}); SHA-256 = sha256sum's`,
      },
    ];
  } finally {
    await context.close();
    await server.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
