import { msg, plural } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { useVault } from "../../vault/VaultContext";
import { describeAuditStatus } from "../../i18n/problems";
import { AuditPanel } from "./AuditPanel";
import { BackupPanel } from "./BackupPanel";
import { ContactsPanel } from "./ContactsPanel";
import { FilesPanel } from "./FilesPanel";
import { IdentityPanel } from "./IdentityPanel";
import { SettingsPanel } from "./SettingsPanel";
import { CreateVault, UnlockVault, VaultUnavailable } from "./VaultGate";
import { hashSegments } from "../../app/routes";
import { useHash } from "../../app/useRoute";

export const VAULT_SECTIONS = [
  { id: "identity", label: msg({ message: "Identity", context: "vault section" }) },
  { id: "contacts", label: msg({ message: "Contacts", context: "vault section" }) },
  { id: "files", label: msg({ message: "Evidence files", context: "vault section" }) },
  { id: "audit", label: msg({ message: "Audit log", context: "vault section" }) },
  { id: "backup", label: msg({ message: "Backup", context: "vault section, noun" }) },
  { id: "settings", label: msg({ message: "Settings", context: "vault section" }) },
] as const;
type SectionId = (typeof VAULT_SECTIONS)[number]["id"];

function sectionFromHash(hash: string): SectionId {
  const sub = hashSegments(hash)[1] ?? "";
  return VAULT_SECTIONS.find((s) => s.id === sub)?.id ?? "identity";
}

/** The vault: the gate while locked, the workspace once unlocked. */
export function VaultPage() {
  const { t, i18n } = useLingui();
  const { state } = useVault();
  const section = useHash(sectionFromHash);
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
          {!state.audit.ok && (
            <div className="alert" role="alert" data-testid="audit-broken">
              {describeAuditStatus(state.audit)}
            </div>
          )}
          {state.sweptImports > 0 && (
            <p className="notice">{plural(swept, { one: "# interrupted import was cleaned up.", other: "# interrupted imports were cleaned up." })}</p>
          )}
          <nav aria-label={t`Vault sections`} className="tabs">
            <ul>
              {VAULT_SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#/vault/${s.id}`} aria-current={s.id === section ? "page" : undefined}>
                    {i18n._(s.label)}
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

function Section({ id, idleLockMinutes }: { id: SectionId; idleLockMinutes: number }) {
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
