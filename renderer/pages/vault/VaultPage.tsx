import { useVault } from "../../vault/VaultContext";
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
  { id: "identity", label: "Identity" },
  { id: "contacts", label: "Contacts" },
  { id: "files", label: "Evidence files" },
  { id: "audit", label: "Audit log" },
  { id: "backup", label: "Backup" },
  { id: "settings", label: "Settings" },
] as const;
type SectionId = (typeof VAULT_SECTIONS)[number]["id"];

function sectionFromHash(hash: string): SectionId {
  const sub = hashSegments(hash)[1] ?? "";
  return VAULT_SECTIONS.find((s) => s.id === sub)?.id ?? "identity";
}

/** The vault: the gate while locked, the workspace once unlocked. */
export function VaultPage() {
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
    case "unlocked":
      return (
        <>
          {!state.audit.ok && (
            <div className="alert" role="alert" data-testid="audit-broken">
              {state.audit.message}
            </div>
          )}
          {state.sweptImports > 0 && <p className="notice">{state.sweptImports} interrupted import(s) were cleaned up.</p>}
          <nav aria-label="Vault sections" className="tabs">
            <ul>
              {VAULT_SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#/vault/${s.id}`} aria-current={s.id === section ? "page" : undefined}>
                    {s.label}
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
