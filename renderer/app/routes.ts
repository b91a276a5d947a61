import { msg } from "@lingui/core/macro";

/** The screens of the shell, addressed by the URL hash (`#/chair`); labels and titles are catalog messages. */
export const ROUTES = [
  { id: "home", label: msg`Overview`, title: msg`Attribution Panel` },
  { id: "vault", label: msg`My vault`, title: msg`My vault` },
  { id: "panelist", label: msg`Panelist`, title: msg`Panelist` },
  { id: "chair", label: msg`Chair`, title: msg`Panel chair` },
  { id: "secretariat", label: msg`Secretariat`, title: msg`Secretariat` },
  { id: "verify", label: msg`Verify`, title: msg`Verify a published opinion` },
  { id: "about", label: msg`About`, title: msg`About Attribution Panel` },
] as const;

export type RouteId = (typeof ROUTES)[number]["id"];

/** The path segments of a hash such as `#/secretariat/cases/<id>`. */
export const hashSegments = (hash: string): string[] => hash.replace(/^#\/?/, "").split(/[/?]/);

export function routeFromHash(hash: string): RouteId {
  const id = hashSegments(hash)[0] ?? "";
  return ROUTES.find((r) => r.id === id)?.id ?? "home";
}

export const hrefFor = (id: RouteId): string => `#/${id}`;
