import { useEffect, useState } from "react";
import { parseRoute, type Href, type Route } from "./routes";

/** The route the URL hash names, kept current as it changes (Back and Forward work, a reload keeps it). */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

/**
 * Goes to `href` (made by hrefTo). `replace`: in place of the current entry,
 * so Back skips it (a change of tab, for instance). The hashchange event
 * brings the new route back through useRoute.
 */
export function navigate(href: Href, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.location.replace(href);
  else window.location.hash = href;
}
