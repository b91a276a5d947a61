import { describe, expect, it } from "vitest";
import { dispatch } from "./dispatch";
import { createHandlers } from "./handlers";

const facts = {
  appName: "Attribution Panel",
  appVersion: "0.1.0",
  platform: "linux",
  arch: "x64",
  versions: { electron: "45.4.1", chrome: "142.0.0.0", node: "22.20.0", v8: "14.2" },
};
const handlers = createHandlers(facts);
const app = { url: "app://attribution-panel/index.html", isMainFrame: true };

describe("dispatch", () => {
  it("answers app:info for the app's own page", async () => {
    expect(await dispatch(handlers, "app:info", app, {})).toEqual({
      ok: true,
      value: { appName: "Attribution Panel", appVersion: "0.1.0", platform: "linux", arch: "x64", versions: facts.versions },
    });
  });

  it("refuses an unknown channel, a foreign sender, a subframe and a malformed request", async () => {
    expect(await dispatch(handlers, "fs:readAll", app, {})).toEqual({ ok: false, error: { kind: "unknown-channel", channel: "fs:readAll" } });
    expect(await dispatch(handlers, "__proto__", app, {})).toMatchObject({ ok: false, error: { kind: "unknown-channel" } });
    expect(await dispatch(handlers, "app:info", { url: "https://evil.example/", isMainFrame: true }, {})).toEqual({
      ok: false,
      error: { kind: "untrusted-sender", origin: "https://evil.example/" },
    });
    expect(await dispatch(handlers, "app:info", { ...app, isMainFrame: false }, {})).toMatchObject({ ok: false, error: { kind: "untrusted-sender" } });
    const bad = await dispatch(handlers, "app:info", app, { path: "/etc/passwd" });
    expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it("turns a failing or misbehaving handler into a value", async () => {
    const throwing = { "app:info": () => { throw new Error("boom"); } };
    expect(await dispatch(throwing, "app:info", app, {})).toEqual({ ok: false, error: { kind: "handler-failed", detail: "boom" } });
    const broken = createHandlers({ ...facts, platform: "plan9" });
    expect(await dispatch(broken, "app:info", app, {})).toMatchObject({ ok: false, error: { kind: "invalid-response" } });
  });
});
