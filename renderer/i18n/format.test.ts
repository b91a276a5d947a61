import { i18n } from "@lingui/core";
import { afterEach, describe, expect, it } from "vitest";
import { formatBytes, formatDateTime, formatList, formatNumber, formatPercent } from "./format";

const inLocale = (locale: string) => i18n.loadAndActivate({ locale, messages: {} });

describe("format", () => {
  afterEach(() => inLocale("en"));
  it("formats in English", () => {
    inLocale("en");
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatPercent(0.42)).toBe("42%");
    expect(formatBytes(512)).toBe("512 byte");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(3 * 1024 * 1024 * 1024)).toBe("3 GB");
    expect(formatDateTime("2026-03-04T05:06:00.000Z")).toBe("Mar 4, 2026, 05:06 AM UTC");
    expect(formatList(["a", "b", "c"])).toBe("a, b, and c");
  });
  it("follows the language: French spacing, Arabic conjunction", () => {
    inLocale("fr");
    expect(formatPercent(0.42)).toMatch(/^42[\u00a0\u202f]%$/);
    expect(formatList(["a", "b"])).toBe("a et b");
    inLocale("ar");
    expect(formatList(["أ", "ب"])).toBe("أ وب");
  });
  it("leaves an unreadable timestamp as it is", () => {
    inLocale("en");
    expect(formatDateTime("not a time")).toBe("not a time");
  });
});
