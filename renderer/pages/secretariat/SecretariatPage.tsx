import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { CaseIdSchema } from "../../../shared/case/model";
import { hrefTo, type RouteIn } from "../../app/routes";
import { useDraftNotice } from "../../components/case/draft-notice";
import { RequireVault } from "../vault/VaultGate";
import { CaseEditor } from "./case-editor/CaseEditor";
import { CasesPanel } from "./CasesPanel";
import { RegistryPanel } from "./RegistryPanel";
import { RubricEditor } from "./rubrics/RubricEditor";
import { RubricsPanel } from "./rubrics/RubricsPanel";

/** The sections of the secretariat's screen, each a route. */
const SECTIONS = [
  { id: "cases", route: "secretariat.cases", label: msg`Cases` },
  { id: "registry", route: "secretariat.registry", label: msg`Expert registry` },
  { id: "rubrics", route: "secretariat.rubrics", label: msg`Rubrics` },
] as const;

/** The secretariat's workspace: the expert registry, and the cases with their panels and packets. */
export function SecretariatPage({ route }: { route: RouteIn<"secretariat"> }) {
  const { t } = useLingui();
  return (
    <RequireVault purpose={t`Case files and the expert registry live only in your encrypted vault.`}>
      <SecretariatWorkspace route={route} />
    </RequireVault>
  );
}

function SecretariatWorkspace({ route }: { route: RouteIn<"secretariat"> }) {
  const { t, i18n } = useLingui();
  const section = route.name === "secretariat.registry" ? "registry" : route.name === "secretariat.rubrics" || route.name === "secretariat.rubric" ? "rubrics" : "cases";
  const open = openCase(route);
  const draftNotice = useDraftNotice();
  return (
    <>
      <nav aria-label={t`Secretariat sections`} className="tabs">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={hrefTo(s.route)} aria-current={s.id === section && !open ? "page" : undefined}>
                {i18n._(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {draftNotice && !open && (
        <p className="notice" role="status" data-testid="draft-notice">
          <DraftKept title={draftNotice.caseTitle} />
        </p>
      )}
      {section === "registry" ? (
        <RegistryPanel />
      ) : section === "rubrics" ? (
        route.name === "secretariat.rubric" ? (
          <RubricEditor key={route.params.rubricId} rubricId={route.params.rubricId} />
        ) : (
          <RubricsPanel />
        )
      ) : open ? (
        <CaseEditor key={open.caseId} caseId={open.caseId} tab={open.tab ?? "details"} />
      ) : (
        <CasesPanel />
      )}
    </>
  );
}

/** The case (and tab) the address opens, if any: an address whose id no case could have shows the list, as if no case were named. */
function openCase(route: RouteIn<"secretariat">) {
  if (route.name !== "secretariat.case") return undefined;
  const caseId = CaseIdSchema.safeParse(route.params.caseId).data;
  return caseId === undefined ? undefined : { caseId, tab: route.params.tab };
}

function DraftKept({ title }: { title: string }) {
  return <Trans>Your unsaved changes to “{title}” are kept as a draft in your vault: open the case to restore or discard them.</Trans>;
}
