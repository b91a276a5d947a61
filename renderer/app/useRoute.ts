import { useEffect, useState } from "react";
import { routeFromHash, type RouteId } from "./routes";

/** The current screen, following the URL hash (back/forward keys work). */
export function useRoute(): RouteId {
  const [route, setRoute] = useState<RouteId>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
