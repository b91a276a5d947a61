import { describe, expect, it } from "vitest";
import { CHANNELS, bridgeName, ipcResultSchema } from "./contract";

describe("IPC contract", () => {
  it("names every channel domain:verb and maps it to a camelCase bridge function", () => {
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
    expect(bridgeName("app:info")).toBe("appInfo");
  });

  it("accepts a well-formed result and rejects anything else", () => {
    const schema = ipcResultSchema("app:info");
    const value = {
      appName: "Attribution Panel",
      appVersion: "0.1.0",
      platform: "linux",
      arch: "x64",
      versions: { electron: "45.4.1", chrome: "140", node: "22", v8: "14" },
    };
    expect(schema.safeParse({ ok: true, value }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { kind: "untrusted-sender", origin: "https://evil" } }).success).toBe(true);
    expect(schema.safeParse({ ok: true, value: { ...value, extra: 1 } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { kind: "made-up" } }).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });

  it("carries validation issues as values, not sentences", () => {
    const schema = ipcResultSchema("app:info");
    const issue = { code: "invalid_type", path: ["x"], expected: "string" };
    expect(schema.safeParse({ ok: false, error: { kind: "invalid-request", issues: [issue] } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { kind: "invalid-request", issues: ["x: expected string"] } }).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { kind: "handler-failed", detail: "EACCES" } }).success).toBe(true);
  });
});
