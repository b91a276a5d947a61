import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { RubricError } from "../../../shared/rubric/rubric-error";
import { describeProblem } from "./index";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

/** The sentence as read, without the invisible marks that keep ids left to right. */
const say = (error: RubricError) => describeProblem({ kind: "rubric", error }).replace(/[\u2066\u2069]/g, "");

describe("rubric problems", () => {
  it("have a sentence for every kind, naming the rubric and the fields", () => {
    expect(say({ kind: "invalid-rubric", issues: [{ code: "custom", path: ["title"], reason: "rubric-title-required" }] })).toBe("The rubric was not saved: title: a rubric other than the default one must have a title.");
    expect(say({ kind: "invalid-id", rubricId: "Treaty Panel" })).toMatch(/^“Treaty Panel” cannot be a rubric id: use lowercase letters/);
    expect(say({ kind: "id-reserved", rubricId: "default-v2" })).toContain("“default-v2”");
    expect(say({ kind: "id-taken", rubricId: "treaty" })).toBe("A rubric with the id “treaty” exists already (perhaps retired); ids are never reused, so choose another.");
    expect(say({ kind: "unknown-rubric", rubricId: "treaty" })).toBe("There is no rubric with the id “treaty” in your vault.");
    expect(say({ kind: "no-such-revision", rubricId: "treaty", revision: 3 })).toBe("The rubric “treaty” has no revision 3.");
    expect(say({ kind: "read-only" })).toBe("The default rubric is built in and cannot be changed or retired; duplicate it to make your own.");
    expect(say({ kind: "retired", rubricId: "treaty" })).toBe("The rubric “treaty” is retired: restore it before editing it or choosing it for a panel.");
    expect(say({ kind: "stale", rubricId: "treaty", baseRevision: 1, latest: 2 })).toContain("it is now at revision 2");
    expect(say({ kind: "too-many-revisions", rubricId: "treaty", limit: 1000 })).toContain("1,000 revisions");
  });
});
