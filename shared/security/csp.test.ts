import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from "./csp";

const directives = new Map(
  CONTENT_SECURITY_POLICY.split(";").map((d) => {
    const [name = "", ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }),
);

describe("content security policy", () => {
  it("is at least as strict as the required baseline", () => {
    expect(directives.get("default-src")).toEqual(["'none'"]);
    expect(directives.get("script-src")).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get("style-src")).toEqual(["'self'"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("form-action")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("never allows inline code, eval or remote hosts", () => {
    for (const [, values] of directives) {
      for (const v of values) {
        expect(v).not.toMatch(/unsafe-inline|^'unsafe-eval'$|^https?:|^\*$|^ws/);
      }
    }
  });

  it("is the header the server sends", () => {
    expect(SECURITY_HEADERS["Content-Security-Policy"]).toBe(CONTENT_SECURITY_POLICY);
  });
});
