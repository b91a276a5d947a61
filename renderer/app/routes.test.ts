import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { CASE_TABS, hrefTo, parseRoute, ROUTES, SCREENS, screenOf, VAULT_PANELS, type CaseTab, type Route, type RouteName, type RouteParams } from "./routes";

const HOME = { name: "home", params: {} };
/** hrefTo for any route (the table types it per route). */
const href = (route: Route): string => (hrefTo as (name: RouteName, params: unknown) => string)(route.name, route.params);

/** Every route, with each optional param absent and with each of its values. */
const EXAMPLES: readonly Route[] = [
  { name: "home", params: {} },
  { name: "vault", params: {} },
  ...VAULT_PANELS.map((panel) => ({ name: "vault", params: { panel } }) as const),
  { name: "panelist", params: {} },
  { name: "panelist.case", params: { caseId: "3KMubc_QxBGMw3otJ7q_vg" } },
  { name: "panelist.score", params: { caseId: "3KMubc_QxBGMw3otJ7q_vg" } },
  { name: "chair", params: {} },
  { name: "secretariat", params: {} },
  { name: "secretariat.cases", params: {} },
  { name: "secretariat.case", params: { caseId: "3KMubc_QxBGMw3otJ7q_vg" } },
  ...CASE_TABS.map((tab) => ({ name: "secretariat.case", params: { caseId: "3KMubc_QxBGMw3otJ7q_vg", tab } }) as const),
  { name: "secretariat.registry", params: {} },
  { name: "secretariat.rubrics", params: {} },
  { name: "secretariat.rubric", params: { rubricId: "treaty-panel-2026" } },
  { name: "verify", params: {} },
  { name: "about", params: {} },
];

describe("the route table", () => {
  it("every route reads back from its link, and the examples cover every route", () => {
    expect(new Set(EXAMPLES.map((r) => r.name))).toEqual(new Set(Object.keys(ROUTES)));
    for (const route of EXAMPLES) expect(parseRoute(href(route)), href(route)).toEqual(route);
  });

  it("writes the links the app has always used, and the new nested ones", () => {
    expect(hrefTo("home")).toBe("#/home");
    expect(hrefTo("vault")).toBe("#/vault");
    expect(hrefTo("vault", { panel: "files" })).toBe("#/vault/files");
    expect(hrefTo("secretariat.registry")).toBe("#/secretariat/registry");
    expect(hrefTo("secretariat.rubrics")).toBe("#/secretariat/rubrics");
    expect(hrefTo("secretariat.rubric", { rubricId: "default-v1" })).toBe("#/secretariat/rubrics/default-v1");
    expect(hrefTo("secretariat.case", { caseId: "abc" })).toBe("#/secretariat/cases/abc");
    expect(hrefTo("secretariat.case", { caseId: "abc", tab: "claims" })).toBe("#/secretariat/cases/abc/claims");
    expect(hrefTo("panelist.case", { caseId: "abc" })).toBe("#/panelist/cases/abc");
    expect(hrefTo("panelist.score", { caseId: "abc" })).toBe("#/panelist/cases/abc/score");
  });

  it("each screen of the navigation is a route without params, and every route belongs to a screen", () => {
    for (const screen of SCREENS) expect(parseRoute(hrefTo(screen.id))).toEqual({ name: screen.id, params: {} });
    expect(EXAMPLES.map(screenOf)).toEqual(EXAMPLES.map((r) => r.name.split(".")[0]));
    expect(screenOf({ name: "secretariat.case", params: { caseId: "x" } })).toBe("secretariat");
    expect(new Set(EXAMPLES.map(screenOf))).toEqual(new Set(SCREENS.map((s) => s.id)));
  });

  it("reads a hash with or without its slashes, and ignores what follows ?", () => {
    expect(parseRoute("#verify")).toEqual({ name: "verify", params: {} });
    expect(parseRoute("#/vault/files/")).toEqual({ name: "vault", params: { panel: "files" } });
    expect(parseRoute("#/about?x=1")).toEqual({ name: "about", params: {} });
    expect(parseRoute("#/secretariat/cases/abc/evidence?from=list")).toEqual({ name: "secretariat.case", params: { caseId: "abc", tab: "evidence" } });
    // A param's value may come percent-encoded.
    expect(parseRoute("#/vault/%66iles")).toEqual({ name: "vault", params: { panel: "files" } });
  });

  it("an unknown address is the overview", () => {
    for (const hash of ["", "#", "#/", "#/nowhere", "#/constructor", "#/__proto__", "#/Vault", "#/home/extra", "#/chair/seats", "#/secretariat/cases/abc/history", "#/vault/toString", "#/vault/__proto__", "#/vault/files/extra", "#/panelist/cases", "#/panelist/cases/abc/score/extra", "#/panelist/cases/abc/scores", "#/secretariat/cases/abc/claims/1"]) {
      expect(parseRoute(hash), hash).toEqual(HOME);
    }
    // The case reader's address before the route table (`#/panelist/<caseId>`).
    expect(parseRoute("#/panelist/3KMubc_QxBGMw3otJ7q_vg")).toEqual(HOME);
  });

  it("a malformed param is the overview: broken percent-encoding, empty, control characters, too long", () => {
    for (const hash of ["#/panelist/cases/%E0%A4%A", "#/panelist/cases/%", "#/panelist/cases//score", "#/secretariat/cases//claims", "#/panelist/cases/a%00b", "#/panelist/cases/a%0Ab", `#/panelist/cases/${"a".repeat(513)}`]) {
      expect(parseRoute(hash), hash).toEqual(HOME);
    }
    expect(parseRoute(`#/panelist/cases/${"a".repeat(512)}`)).toEqual({ name: "panelist.case", params: { caseId: "a".repeat(512) } });
  });

  it("encodes ids, so that any id reads back, even one with slashes, ? # % or spaces", () => {
    const id = "a/b?c#d%e f:é..";
    expect(hrefTo("panelist.score", { caseId: id })).toBe("#/panelist/cases/a%2Fb%3Fc%23d%25e%20f%3A%C3%A9../score");
    expect(parseRoute(hrefTo("panelist.score", { caseId: id }))).toEqual({ name: "panelist.score", params: { caseId: id } });
    expect(parseRoute(hrefTo("panelist.case", { caseId: "score" }))).toEqual({ name: "panelist.case", params: { caseId: "score" } });
    expect(parseRoute(hrefTo("panelist.case", { caseId: ".." }))).toEqual({ name: "panelist.case", params: { caseId: ".." } });
  });

  it("any id reads back, also as the browser hands the hash back (location.hash)", () => {
    const id = fc.string({ unit: "grapheme", minLength: 1, maxLength: 100 }).filter((s) => !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(id, fc.constantFrom(...CASE_TABS, undefined), (caseId, tab) => {
        const routes: Route[] = [
          { name: "panelist.case", params: { caseId } },
          { name: "panelist.score", params: { caseId } },
          { name: "secretariat.case", params: tab ? { caseId, tab } : { caseId } },
        ];
        for (const route of routes) {
          const link = href(route);
          expect(new URL(link, "app://attribution-panel/index.html").hash).toBe(link);
          expect(parseRoute(link)).toEqual(route);
        }
      }),
    );
  });

  it("any hash at all reads as some route, whose own link reads back as the same route", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.array(fc.constantFrom("#", "/", "panelist", "cases", "score", "secretariat", "vault", "files", "%", "%2F", "?", "x", ""), { maxLength: 8 }).map((parts) => parts.join("/"))), (hash) => {
        const route = parseRoute(hash);
        expect(parseRoute(href(route))).toEqual(route);
      }),
    );
  });

  it("refuses to write a link a route cannot hold (a bug in the caller)", () => {
    expect(() => hrefTo("panelist.case", { caseId: "" })).toThrow();
    expect(() => hrefTo("panelist.case", { caseId: "a\nb" })).toThrow();
    expect(() => hrefTo("secretariat.case", { caseId: "abc", tab: "history" as CaseTab })).toThrow();
  });

  it("types each route's params from its pattern", () => {
    expectTypeOf<RouteParams<"secretariat.case">>().toEqualTypeOf<{ readonly caseId: string; readonly tab?: CaseTab }>();
    expectTypeOf<RouteParams<"panelist.score">>().toEqualTypeOf<{ readonly caseId: string }>();
    expectTypeOf<RouteParams<"vault">>().toEqualTypeOf<{ readonly panel?: (typeof VAULT_PANELS)[number] }>();
    expectTypeOf<RouteParams<"about">>().toEqualTypeOf<Record<never, never>>();
    // @ts-expect-error a case's route needs its id
    expect(() => hrefTo("panelist.case")).toThrow();
    // @ts-expect-error no such tab
    expect(() => hrefTo("secretariat.case", { caseId: "abc", tab: "history" })).toThrow();
  });
});
