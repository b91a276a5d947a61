import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../../../../shared/crypto/sodium";
import { katOpinion, katKeys } from "../../../../shared/opinion/payload.testing";
import { COMMENT_UNREADABLE, type CommentAnswered, type CommentImportRefusal } from "../../../../shared/worker/contract";
import { describeAnswerRefusal, describeCommentRefusal, describePart } from "./labels";

beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  i18n.loadAndActivate({ locale: "en", messages: {} });
});

describe("the member's draft-for-comment sentences", () => {
  it("each refusal of a draft and of an answer has its own sentence", () => {
    const refusals: CommentImportRefusal[] = [
      ...COMMENT_UNREADABLE.map((reason) => ({ kind: "unreadable" as const, reason })),
      { kind: "not-on-roster" },
      { kind: "not-from-chair" },
      { kind: "other-case" },
      { kind: "not-for-this-seat" },
      { kind: "round-conflict", round: 2 },
    ];
    const sentences = refusals.map(describeCommentRefusal);
    expect(new Set(sentences).size).toBe(refusals.length);
    expect(describeCommentRefusal({ kind: "round-conflict", round: 2 })).toContain("round 2");
    const answers: Extract<CommentAnswered, { outcome: "invalid" }>["refusal"][] = [
      { kind: "no-draft" },
      { kind: "empty" },
      { kind: "opinion-empty" },
      { kind: "too-long" },
      { kind: "not-on-roster" },
      { kind: "no-chair-key" },
    ];
    expect(new Set(answers.map(describeAnswerRefusal)).size).toBe(answers.length);
  });

  it("names a withholdable part for a person: a paragraph by its number, evidence by its title, a seat's detail by its name", () => {
    const opinion = katOpinion(katKeys().roster);
    expect(describePart(i18n, opinion, "/reasoning/1")).toBe("Reasoning, paragraph 2");
    const title = opinion.evidence[0]?.title as string;
    expect(describePart(i18n, opinion, "/evidence/0")).toBe(`Evidence: ${title}`);
    const name = opinion.roster[1]?.name as string;
    expect(describePart(i18n, opinion, "/roster/1/affiliation")).toBe(`Affiliation of ${name}`);
    expect(describePart(i18n, opinion, "/ach/claims/0")).toBe("Part /ach/claims/0");
  });
});
