import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveAppRequest } from "./app-protocol";

const root = path.resolve("/opt/app/renderer");

describe("resolveAppRequest", () => {
  it("serves the index for the origin root and files below the root", () => {
    expect(resolveAppRequest(root, "app://attribution-panel/")).toEqual({
      ok: true,
      value: { filePath: path.join(root, "index.html"), contentType: "text/html; charset=utf-8" },
    });
    const js = resolveAppRequest(root, "app://attribution-panel/assets/index-abc.js?x=1#y");
    expect(js).toEqual({ ok: true, value: { filePath: path.join(root, "assets", "index-abc.js"), contentType: "text/javascript; charset=utf-8" } });
    expect(resolveAppRequest(root, "app://attribution-panel/assets/libsodium.wasm")).toMatchObject({ ok: true, value: { contentType: "application/wasm" } });
  });

  it.each([
    "app://attribution-panel/../etc/passwd",
    "app://attribution-panel/%2e%2e/%2e%2e/etc/passwd",
    "app://attribution-panel/assets/%2E%2E%2F%2E%2E%2Fsecret.js",
    "app://attribution-panel/assets/..%5c..%5csecret.js",
    "app://attribution-panel/a%00.js",
    "app://attribution-panel/%E0%A4%A.js",
  ])("refuses traversal: %s", (url) => {
    const result = resolveAppRequest(root, url);
    expect(result.ok).toBe(false);
  });

  it.each(["https://example.org/index.html", "file:///etc/passwd", "app://other-host/index.html", "not a url"])(
    "refuses other origins: %s",
    (url) => {
      expect(resolveAppRequest(root, url)).toMatchObject({ ok: false, error: { kind: "foreign-origin" } });
    },
  );

  it("refuses unknown file types", () => {
    expect(resolveAppRequest(root, "app://attribution-panel/data.sqlite")).toMatchObject({ ok: false, error: { kind: "unsupported-type" } });
  });

  it("never resolves outside the root, whatever the path", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom("..", ".", "%2e%2e", "%2f", "%5c", "a", "b.js", "", "%00")), { maxLength: 8 }), (segments) => {
        const result = resolveAppRequest(root, `app://attribution-panel/${segments.join("/")}`);
        if (result.ok) expect(result.value.filePath.startsWith(root + path.sep)).toBe(true);
      }),
    );
  });

  it("honours the origin it is given (the test server's)", () => {
    expect(resolveAppRequest(root, "http://127.0.0.1:4000/index.html", "http://127.0.0.1:4000").ok).toBe(true);
    expect(resolveAppRequest(root, "http://127.0.0.1:4001/index.html", "http://127.0.0.1:4000").ok).toBe(false);
  });
});
