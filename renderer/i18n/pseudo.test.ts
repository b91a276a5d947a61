import { i18n } from "@lingui/core";
import { compileMessage } from "@lingui/message-utils/compileMessage";
import { afterEach, describe, expect, it } from "vitest";
import { pseudoMessages } from "./pseudo";

describe("pseudo-locale", () => {
  afterEach(() => i18n.loadAndActivate({ locale: "en", messages: {} }));
  it("accents letters, lengthens by about 30%, brackets each message and keeps placeholders and plurals working", () => {
    const english = { a: compileMessage("Create vault"), b: compileMessage("{count, plural, one {# file} other {# files}} in {name}") };
    i18n.loadAndActivate({ locale: "pseudo", messages: pseudoMessages(english) });
    const created = i18n._("a");
    expect(created).toMatch(/^⟦.+⟧$/);
    expect(created).not.toMatch(/[a-z]{3}/);
    expect(created.length).toBeGreaterThanOrEqual(Math.floor("Create vault".length * 1.3));
    const files = i18n._("b", { count: 2, name: "evidence" });
    expect(files).toContain("2 ");
    expect(files).toContain("evidence");
    expect(files).not.toMatch(/files/);
  });
});
