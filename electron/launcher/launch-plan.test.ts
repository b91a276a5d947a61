import path from "node:path";
import { describe, expect, it } from "vitest";
import { explainLaunchProblem, hasDisplay, locateRuntime, summariseFailure } from "./launch-plan";

const probe = (files: string[], pathTxt?: string, overrideDistPath?: string) => ({
  pathTxt,
  overrideDistPath,
  electronDir: "/p/node_modules/electron",
  exists: (f: string) => files.includes(f),
  join: path.posix.join,
});

describe("locateRuntime", () => {
  it("finds the executable named by path.txt", () => {
    expect(locateRuntime(probe(["/p/node_modules/electron/dist/electron"], "electron"))).toBe("/p/node_modules/electron/dist/electron");
  });
  it("reports a missing runtime when path.txt or the binary is absent", () => {
    expect(locateRuntime(probe([], undefined))).toBeUndefined();
    expect(locateRuntime(probe([], "electron"))).toBeUndefined();
  });
  it("honours ELECTRON_OVERRIDE_DIST_PATH", () => {
    expect(locateRuntime(probe(["/opt/electron/electron"], undefined, "/opt/electron"))).toBe("/opt/electron/electron");
    expect(locateRuntime(probe([], undefined, "/opt/electron"))).toBeUndefined();
  });
});

describe("hasDisplay", () => {
  it("needs DISPLAY or WAYLAND_DISPLAY on Linux only", () => {
    expect(hasDisplay("linux", {})).toBe(false);
    expect(hasDisplay("linux", { DISPLAY: "" })).toBe(false);
    expect(hasDisplay("linux", { DISPLAY: ":0" })).toBe(true);
    expect(hasDisplay("linux", { WAYLAND_DISPLAY: "wayland-0" })).toBe(true);
    expect(hasDisplay("darwin", {})).toBe(true);
    expect(hasDisplay("win32", {})).toBe(true);
  });
});

describe("explanations", () => {
  it("say what is missing and what to do, without a stack trace", () => {
    const text = explainLaunchProblem({ kind: "runtime-missing", electronVersion: "45.4.1", detail: "TypeError: fetch failed" });
    expect(text).toContain("Electron 45.4.1 runtime is not installed");
    expect(text).toContain("fetch failed");
    expect(text).toContain("ELECTRON_OVERRIDE_DIST_PATH");
    expect(text).not.toMatch(/\n\s+at /);
    expect(explainLaunchProblem({ kind: "no-display" })).toMatch(/no display.*xvfb-run/s);
  });
  it("summarises the download script's failure in one line", () => {
    const out = "TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download";
    expect(summariseFailure(out, 1)).toBe("TypeError: fetch failed");
    expect(summariseFailure("", null)).toBe("the download timed out");
    expect(summariseFailure("", 3)).toBe("the download script exited with code 3");
  });
});
