/**
 * The vault as the interface sees it: a phase (no vault, locked, unlocked)
 * and the actions that move between phases. The vault itself lives in the
 * crypto worker; locking asks it to wipe its keys and then terminates it, so
 * libsodium's WebAssembly heap goes with it. Everything confidential on
 * screen is rendered under the unlocked phase only, so it unmounts on lock.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IDLE_LOCK_MINUTES } from "../../shared/vault/settings-limits";
import type { AuditStatus, IntegrityReport, OpenedVault, WorkerError } from "../../shared/worker/contract";
import { revokeAllDownloads } from "../app/download";
import { useLanguage } from "../i18n/LanguageContext";
import { cryptoWorker } from "../crypto/worker-client";
import { ACTIVITY_EVENTS, IdleLock } from "./idle-lock";

/** Why the vault locked, for the unlock screen to say in the language of the moment. */
export type LockReason = { readonly kind: "manual" } | { readonly kind: "idle"; readonly minutes: number };

export type VaultPhase =
  | { readonly phase: "starting" }
  | { readonly phase: "failed"; readonly error: WorkerError }
  | { readonly phase: "none"; readonly interruptedRestore: boolean }
  | { readonly phase: "locked"; readonly failedAttempts: number; readonly retryAfterMs: number; readonly reason?: LockReason }
  | {
      readonly phase: "unlocked";
      readonly vaultId: string;
      readonly audit: AuditStatus;
      /** What the unlock found (pages/vault/UnlockReport.tsx); null when this window did not see the unlock (it reloaded while the vault stayed open). */
      readonly integrity: IntegrityReport | null;
      readonly sweptImports: number;
      readonly idleLockMinutes: number;
    };

/** A vault opened in the worker; the unlock's report is null when this window did not see the unlock. */
type Opened = Omit<OpenedVault, "integrity"> & { readonly integrity: IntegrityReport | null };

type VaultApi = {
  readonly state: VaultPhase;
  readonly refresh: () => Promise<void>;
  /** After create, unlock or restore succeeded in the worker. */
  readonly opened: (vault: Opened) => Promise<void>;
  readonly lock: (reason?: LockReason) => Promise<void>;
  readonly setIdleLockMinutes: (minutes: number) => void;
};

const VaultContext = createContext<VaultApi | undefined>(undefined);

/** How long a lock waits for the worker to wipe its keys before terminating it anyway. */
const LOCK_GRACE_MS = 2000;

const askStatus = () => cryptoWorker.call("vault:status", {});
let earlyStatus: ReturnType<typeof askStatus> | undefined;

/** Asks the worker for the vault's state before the first render (main.tsx, beside the crypto status); the first refresh takes this answer. */
export function askVaultStatusEarly(): void {
  earlyStatus ??= askStatus();
}

export function VaultProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<VaultPhase>({ phase: "starting" });

  const refresh = useCallback(async () => {
    const asked = earlyStatus;
    earlyStatus = undefined;
    const status = await (asked ?? askStatus());
    if (!status.ok) return setState({ phase: "failed", error: status.error });
    const s = status.value;
    if (s.state === "none") setState({ phase: "none", interruptedRestore: s.interruptedRestore });
    else if (s.state === "locked") setState((prev) => ({ phase: "locked", failedAttempts: s.failedAttempts, retryAfterMs: s.retryAfterMs, ...(prev.phase === "locked" && prev.reason ? { reason: prev.reason } : {}) }));
    else await opened({ vaultId: s.vaultId, audit: { ok: true, count: 0 }, integrity: null, sweptImports: 0 });
  }, []);

  const { choose: chooseLanguage, locale } = useLanguage();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const opened = useCallback(async (vault: Opened) => {
    const settings = await cryptoWorker.call("vault:settings", {});
    // The vault remembers its person's language: it wins over the device's; a vault without one keeps the current.
    if (settings.ok && settings.value.language) await chooseLanguage(settings.value.language).catch(() => undefined);
    else if (settings.ok) void cryptoWorker.call("vault:set-settings", { language: localeRef.current });
    setState({ phase: "unlocked", ...vault, idleLockMinutes: settings.ok ? settings.value.idleLockMinutes : IDLE_LOCK_MINUTES.default });
  }, [chooseLanguage]);

  const lock = useCallback(async (reason?: LockReason) => {
    const wiped = cryptoWorker.call("vault:lock", {});
    await Promise.race([wiped, new Promise((resolve) => setTimeout(resolve, LOCK_GRACE_MS))]);
    cryptoWorker.terminate();
    revokeAllDownloads();
    setState({ phase: "locked", failedAttempts: 0, retryAfterMs: 0, ...(reason ? { reason } : {}) });
  }, []);

  const setIdleLockMinutes = useCallback((minutes: number) => setState((s) => (s.phase === "unlocked" ? { ...s, idleLockMinutes: minutes } : s)), []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The idle lock runs only while unlocked, re-armed whenever the setting changes.
  const idleMinutes = state.phase === "unlocked" ? state.idleLockMinutes : undefined;
  const lockRef = useRef(lock);
  lockRef.current = lock;
  useEffect(() => {
    if (idleMinutes === undefined) return;
    const idle = new IdleLock({ timeoutMs: idleMinutes * 60_000, onIdle: () => void lockRef.current({ kind: "idle", minutes: idleMinutes }) });
    const onActivity = () => idle.activity();
    for (const event of ACTIVITY_EVENTS) window.addEventListener(event, onActivity, { passive: true, capture: true });
    return () => {
      idle.stop();
      for (const event of ACTIVITY_EVENTS) window.removeEventListener(event, onActivity, { capture: true });
    };
  }, [idleMinutes]);

  const api = useMemo(() => ({ state, refresh, opened, lock, setIdleLockMinutes }), [state, refresh, opened, lock, setIdleLockMinutes]);
  return <VaultContext.Provider value={api}>{children}</VaultContext.Provider>;
}

export function useVault(): VaultApi {
  const api = useContext(VaultContext);
  if (!api) throw new Error("useVault outside VaultProvider");
  return api;
}
