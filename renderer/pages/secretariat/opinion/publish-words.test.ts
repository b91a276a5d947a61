import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { partName } from "./publish-words";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("what a withholdable part is called", () => {
  it("names a whole item by its place, and a detail of it as such", () => {
    expect(partName({ kind: "evidence", position: 2, pointer: "/evidence/1" })).toBe("evidence item 2");
    expect(partName({ kind: "evidence", position: 2, pointer: "/evidence/1/title" })).toBe("a detail of evidence item 2");
    expect(partName({ kind: "reasoning", position: 3, pointer: "/reasoning/2" })).toBe("paragraph 3 of the reasoning");
    expect(partName({ kind: "roster", position: 4, pointer: "/roster/3" })).toBe("the panel member at seat 4");
    expect(partName({ kind: "roster", position: 4, pointer: "/roster/3/affiliation" })).toBe("a detail of the panel member at seat 4");
    expect(partName({ kind: "estimate", position: 1, pointer: "/estimates/0/values/0/region" })).toBe("a detail of the released estimates of claim 1");
    expect(partName({ kind: "other", pointer: "/ach" })).toBe("a part of the opinion");
  });
});
