import { useEffect, useState } from "react";
import { useVault } from "../../vault/VaultContext";
import { CasesPanel } from "./CasesPanel";
import { RegistryPanel } from "./RegistryPanel";

export const SECRETARIAT_SECTIONS = [
  { id: "cases", label: "Cases" },
  { id: "registry", label: "Expert registry" },
] as const;
type SectionId = (typeof SECRETARIAT_SECTIONS)[number]["id"];

/** "#/secretariat/cases/<id>" → section "cases", case id; "#/secretariat/registry" → "registry". */
export function secretariatLocation(hash: string): { section: SectionId; caseId: string | undefined } {
  const [, sub = "", id] = hash.replace(/^#\/?/, "").split("/");
  const section = SECRETARIAT_SECTIONS.find((s) => s.id === sub)?.id ?? "cases";
  return { section, caseId: section === "cases" && id && /^[A-Za-z0-9_-]{16,64}$/.test(id) ? id : undefined };
}

function useLocation() {
  const [location, setLocation] = useState(() => secretariatLocation(window.location.hash));
  useEffect(() => {
    const onChange = () => setLocation(secretariatLocation(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return location;
}

/** The secretariat's workspace: the expert registry, and the cases with their panels and packets. */
export function SecretariatPage() {
  const { state } = useVault();
  const { section, caseId } = useLocation();
  if (state.phase !== "unlocked")
    return (
      <p>
        Case files live only in your encrypted vault. <a href="#/vault">Unlock your vault first</a>.
      </p>
    );
  return (
    <>
      <nav aria-label="Secretariat sections" className="tabs">
        <ul>
          {SECRETARIAT_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#/secretariat/${s.id}`} aria-current={s.id === section && !caseId ? "page" : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {section === "registry" ? <RegistryPanel /> : <CasesPanel openCaseId={caseId} />}
    </>
  );
}
