/**
 * The handlers of case work: the secretariat's registry, cases and packets,
 * and the panelist's inbox. Loaded together, on the first call to any of
 * them (worker-service.ts): they share most of their code (the case model,
 * the case store, the sample case), which then loads once, in one chunk,
 * and never at start-up.
 */
import { createCaseHandlers } from "./case-handlers";
import type { CaseHandlers } from "./contracts/case";
import type { PacketHandlers } from "./contracts/packet";
import type { RegistryHandlers } from "./contracts/registry";
import { createPacketHandlers } from "./packet-handlers";
import { createRegistryHandlers } from "./registry-handlers";
import type { VaultAccess } from "./vault-session";

export function createCaseWorkHandlers(session: VaultAccess): RegistryHandlers & CaseHandlers & PacketHandlers {
  return { ...createRegistryHandlers(session), ...createCaseHandlers(session), ...createPacketHandlers(session) };
}
