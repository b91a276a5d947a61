import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { CASE_TABS, type CaseTab } from "../../../app/routes";
import { TabList } from "../../../components/TabList";

const TAB_LABEL: Readonly<Record<CaseTab, MessageDescriptor>> = {
  details: msg({ message: "Details", context: "tab of the case editor" }),
  claims: msg({ message: "Claims", context: "tab of the case editor" }),
  evidence: msg({ message: "Evidence", context: "tab of the case editor" }),
  panel: msg({ message: "Panel", context: "tab of the case editor" }),
  packets: msg({ message: "Send packets", context: "tab of the case editor" }),
  opinion: msg({ message: "Sealed opinion", context: "tab of the case editor" }),
};

/**
 * The case editor's tabs (the tabs pattern: arrows move between tabs,
 * mirrored right to left; Tab moves into the panel). The panel is the
 * element with id `panel-<tab>`, labelled by its tab.
 */
export function CaseTabs({ tab, onTab }: { tab: CaseTab; onTab: (tab: CaseTab) => void }) {
  const { t, i18n } = useLingui();
  return (
    <TabList ids={CASE_TABS} selected={tab} onSelect={onTab} label={t`Case sections`}>
      {(id) => i18n._(TAB_LABEL[id])}
    </TabList>
  );
}
