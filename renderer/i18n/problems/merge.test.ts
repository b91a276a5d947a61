import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { UNREADABLE_REASONS } from "../../../shared/merge/merge-error";
import { describeIncomingRefusal, describeMergeError } from "./merge";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("merge problems", () => {
  it("say why a scoresheet file was refused, naming revisions and what to ask for", () => {
    expect(describeIncomingRefusal({ kind: "gap", revision: 3, held: 1 })).toBe("This is revision 3, but revision 2 is missing. Import it first (or ask the panelist for it), then this one.");
    expect(describeIncomingRefusal({ kind: "gap", revision: 4, held: 0 })).toBe("This is revision 4, but revisions 1 to 3 are missing. Import them first (or ask the panelist for them), then this one.");
    expect(describeIncomingRefusal({ kind: "replayed", revision: 1, held: 2 })).toBe("This is revision 1, older than revision 2 you already hold from this seat.");
    expect(describeIncomingRefusal({ kind: "round-not-open", round: 2, open: 1 })).toBe("This scoresheet is for round 2; round 1 is the one open.");
    expect(describeIncomingRefusal({ kind: "fork", revision: 2 })).toContain("forks");
    expect(describeIncomingRefusal({ kind: "invalid-revision", problem: { kind: "reason-missing", answers: ["x"] } })).toBe("This revision does not give a reason for every answer it changes.");
    // Every reason a file does not open has its own sentence.
    const sentences = UNREADABLE_REASONS.map((reason) => describeIncomingRefusal({ kind: "unreadable", reason }));
    expect(new Set(sentences).size).toBe(UNREADABLE_REASONS.length);
    for (const s of sentences) expect(s).toMatch(/^[A-Z].*\.$/);
  });

  it("say why the chair's screen cannot act", () => {
    expect(describeMergeError({ kind: "not-chair" })).toBe("None of your identities holds the chair seat of this case's panel.");
    expect(describeMergeError({ kind: "nothing-submitted" })).toBe("A quorum needs at least one scoresheet.");
  });
});
