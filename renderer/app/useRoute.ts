import { useEffect, useState } from "react";
import { routeFromHash, type RouteId } from "./routes";

/** What `parse` reads from the URL hash, kept current as it changes (back/forward keys work). */
export function useHash<T>(parse: (hash: string) => T): T {
  const [value, setValue] = useState<T>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setValue(parse(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, [parse]);
  return value;
}

/** The current screen. */
export const useRoute = (): RouteId => useHash(routeFromHash);
