/**
 * `npm start` where the Electron runtime cannot be fetched, or where there is
 * no display: a short explanation on stderr, no stack trace, a non-zero exit.
 * Runs the built launcher (dist/electron/launcher/start.cjs) as `npm start` does.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const launcher = path.resolve(import.meta.dirname, "..", "..", "dist", "electron", "launcher", "start.cjs");

function run(env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !["DISPLAY", "WAYLAND_DISPLAY", "ELECTRON_OVERRIDE_DIST_PATH"].includes(k)));
  return spawnSync(process.execPath, [launcher], { env: { ...base, ...env }, encoding: "utf8", timeout: 120_000 });
}

describe("npm start without what it needs", () => {
  it("explains a runtime that cannot be downloaded and exits 2", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "no-electron-"));
    try {
      // A closed loopback port as the download mirror: the download fails here and on any machine.
      const r = run({ ELECTRON_OVERRIDE_DIST_PATH: empty, ELECTRON_MIRROR: "http://127.0.0.1:9/" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^Attribution Panel cannot open: the Electron \d+\.\d+\.\d+ runtime is not installed, and downloading it failed/);
      expect(r.stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.stderr.split("\n").length).toBeLessThan(12);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("explains a missing display and exits 3 when the runtime is present", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fake-electron-"));
    try {
      const fake = path.join(dir, "electron");
      writeFileSync(fake, "#!/bin/sh\necho should-not-run\nexit 0\n");
      chmodSync(fake, 0o755);
      const r = run({ ELECTRON_OVERRIDE_DIST_PATH: dir });
      expect(r.status).toBe(3);
      expect(r.stderr).toMatch(/no display/);
      expect(r.stdout).not.toContain("should-not-run");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("opens the app with the runtime when there is a display", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "fake-electron-"));
    try {
      const fake = path.join(dir, "electron");
      writeFileSync(fake, '#!/bin/sh\necho "launched with $1"\nexit 0\n');
      chmodSync(fake, 0o755);
      const r = run({ ELECTRON_OVERRIDE_DIST_PATH: dir, DISPLAY: ":99" });
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(`launched with ${path.resolve(import.meta.dirname, "..", "..")}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
