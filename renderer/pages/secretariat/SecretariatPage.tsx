import { RequireVault } from "../vault/VaultGate";
import { useDraftNotice } from "../../components/case/draft-notice";
import { CaseEditor } from "./CaseEditor";
import { CasesPanel } from "./CasesPanel";
import { RegistryPanel } from "./RegistryPanel";
import { hashSegments } from "../../app/routes";
import { useHash } from "../../app/useRoute";
import { CaseIdSchema } from "../../../shared/case/model";

export const SECRETARIAT_SECTIONS = [
  { id: "cases", label: "Cases" },
  { id: "registry", label: "Expert registry" },
] as const;
type SectionId = (typeof SECRETARIAT_SECTIONS)[number]["id"];

/** "#/secretariat/cases/<id>" → section "cases", case id; "#/secretariat/registry" → "registry". */
function secretariatLocation(hash: string): { section: SectionId; caseId: string | undefined } {
  const [, sub = "", id] = hashSegments(hash);
  const section = SECRETARIAT_SECTIONS.find((s) => s.id === sub)?.id ?? "cases";
  return { section, caseId: section === "cases" && CaseIdSchema.safeParse(id).success ? id : undefined };
}

/** The secretariat's workspace: the expert registry, and the cases with their panels and packets. */
export function SecretariatPage() {
  return (
    <RequireVault purpose="Case files and the expert registry live only in your encrypted vault.">
      <SecretariatWorkspace />
    </RequireVault>
  );
}

function SecretariatWorkspace() {
  const { section, caseId } = useHash(secretariatLocation);
  const draftNotice = useDraftNotice();
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
      {draftNotice && !caseId && (
        <p className="notice" role="status" data-testid="draft-notice">
          {draftNotice}
        </p>
      )}
      {section === "registry" ? <RegistryPanel /> : caseId ? <CaseEditor key={caseId} caseId={caseId} /> : <CasesPanel />}
    </>
  );
}
