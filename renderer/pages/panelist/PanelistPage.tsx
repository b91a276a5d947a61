import { useLingui } from "@lingui/react/macro";
import { useState } from "react";
import { CaseIdSchema } from "../../../shared/case/model";
import { hrefTo, type RouteIn } from "../../app/routes";
import { navigate } from "../../app/useRoute";
import { RequireVault } from "../vault/VaultGate";
import { CaseReader } from "./CaseReader";
import { Inbox } from "./Inbox";
import { ScoringPage } from "./ScoringPage";

/**
 * The panelist's screen: the inbox (`#/panelist`), with the case open below
 * it (`#/panelist/cases/<caseId>`), and the scoring of a case
 * (`#/panelist/cases/<caseId>/score`). The open case follows the URL, so Back
 * returns to the inbox.
 */
export function PanelistPage({ route }: { route: RouteIn<"panelist"> }) {
  const { t } = useLingui();
  return (
    <RequireVault purpose={t`Case packets are decrypted into your vault and read from there.`}>
      <PanelistWorkspace route={route} />
    </RequireVault>
  );
}

function PanelistWorkspace({ route }: { route: RouteIn<"panelist"> }) {
  // Bumped on every import, so a case imported again is read again.
  const [generation, setGeneration] = useState(0);
  // An address whose id no case could have shows the inbox, as if no case were named.
  const caseId = route.name !== "panelist" && CaseIdSchema.safeParse(route.params.caseId).success ? route.params.caseId : undefined;
  if (route.name === "panelist.score" && caseId) return <ScoringPage caseId={caseId} />;
  return (
    <>
      <Inbox
        openCaseId={caseId}
        onImported={(imported) => {
          setGeneration((g) => g + 1);
          navigate(hrefTo("panelist.case", { caseId: imported }));
        }}
      />
      {caseId && <CaseReader key={`${caseId}:${generation}`} caseId={caseId} />}
    </>
  );
}
