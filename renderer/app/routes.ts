/** The screens of the shell, addressed by the URL hash (`#/chair`). */
export const ROUTES = [
  { id: "home", label: "Overview", title: "Attribution Panel" },
  { id: "vault", label: "My vault", title: "My vault" },
  { id: "panelist", label: "Panelist", title: "Panelist" },
  { id: "chair", label: "Chair", title: "Panel chair" },
  { id: "secretariat", label: "Secretariat", title: "Secretariat" },
  { id: "verify", label: "Verify", title: "Verify a published opinion" },
  { id: "about", label: "About", title: "About Attribution Panel" },
] as const;

export type RouteId = (typeof ROUTES)[number]["id"];

/** The path segments of a hash such as `#/secretariat/cases/<id>`. */
export const hashSegments = (hash: string): string[] => hash.replace(/^#\/?/, "").split(/[/?]/);

export function routeFromHash(hash: string): RouteId {
  const id = hashSegments(hash)[0] ?? "";
  return ROUTES.find((r) => r.id === id)?.id ?? "home";
}

export const hrefFor = (id: RouteId): string => `#/${id}`;
