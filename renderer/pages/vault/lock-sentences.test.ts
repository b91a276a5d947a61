import { i18n } from "@lingui/core";
import { beforeAll, describe, expect, it } from "vitest";
import { lockReasonSentence, retrySentence } from "./lock-sentences";

beforeAll(() => i18n.loadAndActivate({ locale: "en", messages: {} }));

describe("unlock screen sentences", () => {
  it("says why the vault locked, with the minutes' grammar", () => {
    expect(lockReasonSentence({ kind: "manual" })).toBe("Locked.");
    expect(lockReasonSentence({ kind: "idle", minutes: 1 })).toBe("Locked after 1 minute without activity.");
    expect(lockReasonSentence({ kind: "idle", minutes: 15 })).toBe("Locked after 15 minutes without activity.");
  });

  it("says when another attempt is allowed", () => {
    expect(retrySentence(0.3)).toBe("You can try again in less than a second.");
    expect(retrySentence(1)).toBe("You can try again in 1 second.");
    expect(retrySentence(30)).toBe("You can try again in 30 seconds.");
    expect(retrySentence(300)).toBe("You can try again in 5 minutes.");
    expect(retrySentence(3600 * 2)).toBe("You can try again in 2 hours.");
    expect(retrySentence(3600 * 2 + 60)).toBe("You can try again in 2 hours 1 minute.");
  });
});
