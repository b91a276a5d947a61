import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { RequireVault } from "../vault/VaultGate";
import { useDraftNotice } from "../../components/case/draft-notice";
import { CaseEditor } from "./CaseEditor";
import { CasesPanel } from "./CasesPanel";
import { RegistryPanel } from "./RegistryPanel";
import { hashSegments } from "../../app/routes";
import { useHash } from "../../app/useRoute";
import { CaseIdSchema } from "../../../shared/case/model";

export const SECRETARIAT_SECTIONS = [
  { id: "cases", label: msg`Cases` },
  { id: "registry", label: msg`Expert registry` },
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
  const { t } = useLingui();
  return (
    <RequireVault purpose={t`Case files and the expert registry live only in your encrypted vault.`}>
      <SecretariatWorkspace />
    </RequireVault>
  );
}

function SecretariatWorkspace() {
  const { t, i18n } = useLingui();
  const { section, caseId } = useHash(secretariatLocation);
  const draftNotice = useDraftNotice();
  return (
    <>
      <nav aria-label={t`Secretariat sections`} className="tabs">
        <ul>
          {SECRETARIAT_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#/secretariat/${s.id}`} aria-current={s.id === section && !caseId ? "page" : undefined}>
                {i18n._(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {draftNotice && !caseId && (
        <p className="notice" role="status" data-testid="draft-notice">
          <DraftKept title={draftNotice.caseTitle} />
        </p>
      )}
      {section === "registry" ? <RegistryPanel /> : caseId ? <CaseEditor key={caseId} caseId={caseId} /> : <CasesPanel />}
    </>
  );
}

function DraftKept({ title }: { title: string }) {
  return <Trans>Your unsaved changes to “{title}” are kept as a draft in your vault: open the case to restore or discard them.</Trans>;
}
