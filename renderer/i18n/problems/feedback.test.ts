import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { FEEDBACK_UNREADABLE, type FeedbackRefusal } from "../../../shared/scoring/feedback-import";
import { describeFeedbackRefusal } from "./feedback";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("feedback packet refusals", () => {
  it("each refusal has its own sentence, saying what to do", () => {
    const refusals: FeedbackRefusal[] = [
      ...FEEDBACK_UNREADABLE.map((reason) => ({ kind: "unreadable" as const, reason })),
      { kind: "not-on-roster" },
      { kind: "no-chair" },
      { kind: "not-from-chair" },
      { kind: "not-for-this-seat" },
      { kind: "other-case" },
      { kind: "other-claims" },
      { kind: "superseded", round: 2, createdAt: "2026-12-01T10:00:00.000Z" },
    ];
    const sentences = refusals.map(describeFeedbackRefusal);
    expect(new Set(sentences).size).toBe(refusals.length);
    for (const s of sentences) expect(s).toMatch(/^[A-Z].*\.$/);
    expect(describeFeedbackRefusal({ kind: "not-from-chair" })).toBe("This feedback packet is not signed by the chair of this case's panel, as the roster of your case packet lists them. Do not use it; tell the chair.");
    expect(describeFeedbackRefusal({ kind: "superseded", round: 3, createdAt: "2026-12-01T10:00:00.000Z" })).toMatch(/^You already hold a later feedback packet for round 3 \(made .*2026.*\)/);
  });
});
