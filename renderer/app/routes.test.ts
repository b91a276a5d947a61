import { describe, expect, it } from "vitest";
import { hrefFor, routeFromHash } from "./routes";

describe("routeFromHash", () => {
  it("maps hashes to screens and anything unknown to the overview", () => {
    expect(routeFromHash("#/chair")).toBe("chair");
    expect(routeFromHash("#/about?x=1")).toBe("about");
    expect(routeFromHash("#verify")).toBe("verify");
    expect(routeFromHash("")).toBe("home");
    expect(routeFromHash("#/constructor")).toBe("home");
    expect(routeFromHash("#/__proto__")).toBe("home");
    expect(routeFromHash(hrefFor("secretariat"))).toBe("secretariat");
  });
});
