import type { MessageDescriptor } from "@lingui/core";
import { msg, plural } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { useVault } from "../../vault/VaultContext";
import { AuditPanel } from "./AuditPanel";
import { BackupPanel } from "./BackupPanel";
import { ContactsPanel } from "./ContactsPanel";
import { FilesPanel } from "./FilesPanel";
import { IdentityPanel } from "./IdentityPanel";
import { SettingsPanel } from "./SettingsPanel";
import { UnlockReport } from "./UnlockReport";
import { CreateVault, UnlockVault, VaultUnavailable } from "./VaultGate";
import { hrefTo, VAULT_PANELS, type VaultPanel } from "../../app/routes";

/** The sections' names, in the order of VAULT_PANELS (`#/vault/<panel>`). */
const PANEL_LABEL: Readonly<Record<VaultPanel, MessageDescriptor>> = {
  identity: msg({ message: "Identity", context: "vault section" }),
  contacts: msg({ message: "Contacts", context: "vault section" }),
  files: msg({ message: "Evidence files", context: "vault section" }),
  audit: msg({ message: "Audit log", context: "vault section" }),
  backup: msg({ message: "Backup", context: "vault section, noun" }),
  settings: msg({ message: "Settings", context: "vault section" }),
};

/** The vault: the gate while locked, the workspace once unlocked, on the section `panel`. */
export function VaultPage({ panel: section }: { panel: VaultPanel }) {
  const { t, i18n } = useLingui();
  const { state } = useVault();
  switch (state.phase) {
    case "starting":
    case "failed":
      return <VaultUnavailable state={state} />;
    case "none":
      return <CreateVault interruptedRestore={state.interruptedRestore} />;
    case "locked":
      return <UnlockVault failedAttempts={state.failedAttempts} retryAfterMs={state.retryAfterMs} reason={state.reason} />;
    case "unlocked": {
      const swept = state.sweptImports;
      return (
        <>
          <UnlockReport audit={state.audit} integrity={state.integrity} />
          {state.sweptImports > 0 && (
            <p className="notice">{plural(swept, { one: "# interrupted import was cleaned up.", other: "# interrupted imports were cleaned up." })}</p>
          )}
          <nav aria-label={t`Vault sections`} className="tabs">
            <ul>
              {VAULT_PANELS.map((id) => (
                <li key={id}>
                  <a href={hrefTo("vault", { panel: id })} aria-current={id === section ? "page" : undefined}>
                    {i18n._(PANEL_LABEL[id])}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Section id={section} idleLockMinutes={state.idleLockMinutes} />
        </>
      );
    }
  }
}

function Section({ id, idleLockMinutes }: { id: VaultPanel; idleLockMinutes: number }) {
  switch (id) {
    case "identity":
      return <IdentityPanel />;
    case "contacts":
      return <ContactsPanel />;
    case "files":
      return <FilesPanel />;
    case "audit":
      return <AuditPanel />;
    case "backup":
      return <BackupPanel />;
    case "settings":
      return <SettingsPanel idleLockMinutes={idleLockMinutes} />;
  }
}
