import { msg } from "@lingui/core/macro";

/**
 * Every address of the app, in one table. A route is a pattern of the URL
 * hash (`#/secretariat/cases/<caseId>/claims`); `parseRoute` reads a hash
 * into `{ name, params }` (anything it does not know is the overview), and
 * `hrefTo` writes one (ids percent-encoded). Pages take their params from
 * the parsed route; none reads the hash itself.
 *
 * Routes nest by name: `secretariat.case` belongs to the screen
 * `secretariat` (the name before the dot, and the first segment of its
 * pattern). A `:name` segment is a param whose values are declared in
 * PARAMS; `:name?` is optional, and only the last segment may be.
 */

/** The screens of the shell, in the order of its navigation; labels and titles are catalog messages. */
export const SCREENS = [
  { id: "home", label: msg`Overview`, title: msg`Attribution Panel` },
  { id: "vault", label: msg`My vault`, title: msg`My vault` },
  { id: "panelist", label: msg`Panelist`, title: msg`Panelist` },
  { id: "chair", label: msg`Chair`, title: msg`Panel chair` },
  { id: "secretariat", label: msg`Secretariat`, title: msg`Secretariat` },
  { id: "verify", label: msg`Verify`, title: msg`Verify a published opinion` },
  { id: "about", label: msg`About`, title: msg`About Attribution Panel` },
] as const;
export type ScreenId = (typeof SCREENS)[number]["id"];

/** The sections of the vault screen (`#/vault/<panel>`); labels are in VaultPage. */
export const VAULT_PANELS = ["identity", "contacts", "files", "audit", "backup", "settings"] as const;
export type VaultPanel = (typeof VAULT_PANELS)[number];

/** The tabs of the secretariat's case editor (`#/secretariat/cases/<caseId>/<tab>`); labels are in the editor. */
export const CASE_TABS = ["details", "claims", "evidence", "panel", "packets", "opinion"] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/**
 * What each param may hold: one of a fixed list of values, or "id": any
 * text (the page checks that it names something), percent-encoded in the URL.
 */
const PARAMS = {
  caseId: "id",
  rubricId: "id",
  panel: VAULT_PANELS,
  tab: CASE_TABS,
} as const satisfies Readonly<Record<string, "id" | readonly string[]>>;

/** The route table: name → pattern. */
export const ROUTES = {
  home: "home",
  vault: "vault/:panel?",
  panelist: "panelist",
  "panelist.case": "panelist/cases/:caseId",
  "panelist.score": "panelist/cases/:caseId/score",
  chair: "chair",
  secretariat: "secretariat",
  "secretariat.cases": "secretariat/cases",
  "secretariat.case": "secretariat/cases/:caseId/:tab?",
  "secretariat.registry": "secretariat/registry",
  "secretariat.rubrics": "secretariat/rubrics",
  "secretariat.rubric": "secretariat/rubrics/:rubricId",
  verify: "verify",
  about: "about",
} as const satisfies Readonly<Record<`${ScreenId}` | `${ScreenId}.${string}`, string>>;

export type RouteName = keyof typeof ROUTES;

// The params of a pattern, read from its text by the type checker.
type Segment<P extends string> = P extends `${infer Head}/${infer Rest}` ? Head | Segment<Rest> : P;
type RequiredName<S> = S extends `:${string}?` ? never : S extends `:${infer N}` ? N : never;
type OptionalName<S> = S extends `:${infer N}?` ? N : never;
type Value<N> = N extends keyof typeof PARAMS ? ((typeof PARAMS)[N] extends readonly (infer V)[] ? V : string) : never;
type Flat<T> = { readonly [K in keyof T]: T[K] };
type ParamsOf<P extends string> = Flat<{ readonly [N in RequiredName<Segment<P>>]: Value<N> } & { readonly [N in OptionalName<Segment<P>>]?: Value<N> }>;
type ParamTable = { readonly [N in RouteName]: ParamsOf<(typeof ROUTES)[N]> };

/** The params of route `N`. */
export type RouteParams<N extends RouteName> = ParamTable[N];
/** A parsed address: which route, with its params. */
export type Route = { readonly [N in RouteName]: { readonly name: N; readonly params: RouteParams<N> } }[RouteName];
/** The routes of one screen (its own and those nested in it). */
export type RouteIn<S extends ScreenId> = Extract<Route, { readonly name: S | `${S}.${string}` }>;
/** A link made by hrefTo: the only kind `navigate` accepts. */
export type Href = string & { readonly __href: true };

type Compiled = { readonly name: RouteName; readonly segments: readonly { readonly literal?: string; readonly param?: keyof typeof PARAMS; readonly optional?: boolean }[] };

const COMPILED: readonly Compiled[] = (Object.entries(ROUTES) as [RouteName, string][]).map(([name, pattern]) => {
  const parts = pattern.split("/");
  const segments = parts.map((part, i) => {
    if (!part.startsWith(":")) return { literal: part };
    const optional = part.endsWith("?");
    const param = part.slice(1, optional ? -1 : undefined);
    if (!(param in PARAMS)) throw new Error(`route ${name}: the param ${param} is not declared`);
    if (optional && i !== parts.length - 1) throw new Error(`route ${name}: only the last segment may be optional`);
    return { param: param as keyof typeof PARAMS, optional };
  });
  return { name, segments };
});

/** Longest accepted param value, in characters, once decoded. */
const MAX_PARAM = 512;

/** A param's value from its URL segment, or undefined when it is not one this param may hold. */
function readParam(param: keyof typeof PARAMS, segment: string): string | undefined {
  let value: string;
  try {
    value = decodeURIComponent(segment);
  } catch {
    return undefined; // a broken percent-encoding
  }
  const allowed = PARAMS[param];
  if (allowed !== "id") return (allowed as readonly string[]).includes(value) ? value : undefined;
  return value !== "" && value.length <= MAX_PARAM && !/\p{Cc}/u.test(value) ? value : undefined;
}

function match(route: Compiled, parts: readonly string[]): Route | undefined {
  const required = route.segments.filter((s) => !s.optional).length;
  if (parts.length < required || parts.length > route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = route.segments[i];
    if (!segment) return undefined;
    if (segment.param === undefined) {
      if (part !== segment.literal) return undefined;
      continue;
    }
    const value = readParam(segment.param, part);
    if (value === undefined) return undefined;
    params[segment.param] = value;
  }
  return { name: route.name, params } as Route;
}

const HOME: Route = { name: "home", params: {} };

/**
 * The route a hash names: `#/vault/files`, `#vault/files` and `#/vault/files/`
 * alike; anything after `?` is ignored. A hash that names no route, or a
 * param that is not one of its values, is the overview.
 */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, "").replace(/\?.*$/s, "").replace(/\/$/, "");
  const parts = path.split("/");
  for (const route of COMPILED) {
    const found = match(route, parts);
    if (found) return found;
  }
  return HOME;
}

type ParamArgs<N extends RouteName> = Record<string, never> extends RouteParams<N> ? [params?: RouteParams<N>] : [params: RouteParams<N>];

/** The link to route `name` with `params`, each percent-encoded: `hrefTo("panelist.case", { caseId })`. */
export function hrefTo<N extends RouteName>(name: N, ...[params]: ParamArgs<N>): Href {
  const route = COMPILED.find((r) => r.name === name);
  if (!route) throw new Error(`no route ${name}`);
  const given = (params ?? {}) as Readonly<Record<string, string | undefined>>;
  const parts: string[] = [];
  for (const segment of route.segments) {
    if (segment.param === undefined) {
      parts.push(segment.literal ?? "");
      continue;
    }
    const value = given[segment.param];
    if (value === undefined && segment.optional) break;
    // A caller passing what the route cannot hold is a bug: its link would lead to the overview.
    if (value === undefined || readParam(segment.param, encodeURIComponent(value)) !== value) throw new Error(`route ${name}: ${segment.param} cannot be ${JSON.stringify(value)}`);
    parts.push(encodeURIComponent(value));
  }
  return `#/${parts.join("/")}` as Href;
}

/** The screen a route belongs to. */
export const screenOf = (route: Route): ScreenId => route.name.split(".")[0] as ScreenId;
