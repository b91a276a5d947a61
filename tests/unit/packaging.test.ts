/**
 * The packaging configuration is policy too: it cannot be exercised here (no
 * Electron runtime, no network for electron-builder's downloads), so its
 * security-relevant settings are pinned by this test.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const config = JSON.parse(readFileSync(path.join(root, "electron-builder.json"), "utf8"));
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

describe("electron-builder configuration", () => {
  it("names the product and targets every platform", () => {
    expect(config.productName).toBe("Attribution Panel");
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(["AppImage", "deb"]);
    expect(config.win.target).toEqual(["nsis"]);
    expect(config.mac.target).toEqual(["dmg"]);
    expect(config.directories.buildResources).toBe("build");
    expect(existsSync(path.join(root, config.linux.icon))).toBe(true);
  });

  it("packs into an integrity-checked asar with the hardening fuses", () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.publish).toBeNull();
  });

  it("ships only the built bundles, and the entry point is one of them", () => {
    expect(pkg.main).toBe("dist/electron/main.cjs");
    expect(config.files).toContain(pkg.main);
    expect(config.files).toContain("dist/electron/preload.cjs");
    expect(pkg.scripts.dist).toContain("electron-builder --config electron-builder.json");
  });

  it("installs without running any package's scripts", () => {
    expect(readFileSync(path.join(root, ".npmrc"), "utf8")).toMatch(/^ignore-scripts=true$/m);
  });
});
