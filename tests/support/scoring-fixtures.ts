/**
 * For the scoring tests and benchmark: a case packet built in Node, by a
 * secretariat whose keys the test holds, for a panelist known only by the
 * identity card their app exported, on a panel chaired by a person whose
 * keys the test also holds (so it can open the scoresheets).
 */
import { readFileSync } from "node:fs";
import { must, newTestVault } from "../../shared/case/case.testing";
import { exportPacket } from "../../shared/case/packet-export";
import { enrolExpert, loadSampleCase, loadSampleRegistry, saveCase, savePanel } from "../../shared/case/secretariat";
import type { Case } from "../../shared/case/model";
import { readAllBytes } from "../../shared/encoding/bytes";
import { sshFingerprint } from "../../shared/formats/openssh-key";
import type { PersonalIdentity } from "../../shared/identity/identity";
import { exportIdentityCard, importIdentityCard } from "../../shared/identity/identity-card";

/**
 * The sample case (or, with `reshape`, the sample case changed, e.g. to many claims and items) on a
 * panel of `chair`, three sample experts and the panelist of `cardPath`; the packet for that panelist.
 * With `seat: "chair"`, the person of `cardPath` chairs and `people.chair` sits as a member.
 */
export async function packetForCard(
  cardPath: string,
  people: { chair: PersonalIdentity; secretariat: PersonalIdentity },
  now: Date,
  reshape?: (c: Case) => Case,
  options: { readonly seat?: "chair" | "member" } = {},
): Promise<Uint8Array> {
  return (await packetSeriesForCard(cardPath, people, now, reshape, options)).packet;
}

/**
 * As packetForCard, and `next`: the secretariat changes the case (`change`) and sends the same panelist its
 * next packet (a new version of the case, numbered after the first).
 */
export async function packetSeriesForCard(
  cardPath: string,
  people: { chair: PersonalIdentity; secretariat: PersonalIdentity },
  now: Date,
  reshape?: (c: Case) => Case,
  options: { readonly seat?: "chair" | "member" } = {},
): Promise<{ readonly packet: Uint8Array; readonly next: (change: (c: Case) => Case, at: Date) => Promise<Uint8Array> }> {
  const { vault } = await newTestVault(now);
  const sample = must(await loadSampleCase(vault, "Case Secretariat", now));
  const c = reshape ? must(await saveCase(vault, reshape(sample), now)) : sample;
  const registry = must(await loadSampleRegistry(vault, now));
  const cardFile = readFileSync(cardPath, "utf8");
  const card = must(importIdentityCard(cardFile));
  const enrol = (file: string, fingerprint: string) => enrolExpert(vault, { cardFile: file, confirmedFingerprint: fingerprint, affiliationStates: [], declaredInterests: "None." }, now);
  const panelist = must(await enrol(cardFile, card.fingerprint));
  const chair = must(await enrol(exportIdentityCard(people.chair), sshFingerprint(people.chair.signing.publicKey)));
  const byName = (n: string) => registry.find((e) => e.displayName.includes(n))?.id as string;
  must(
    await savePanel(vault, {
      format: "attribution-panel/panel",
      version: 1,
      caseId: c.id,
      chairId: options.seat === "chair" ? panelist.id : chair.id,
      memberIds: [byName("Sakamoto"), byName("Nowak"), byName("Fernandes"), options.seat === "chair" ? chair.id : panelist.id],
      rubricId: "default-v1",
      deadline: c.deadline,
      waivers: [],
    }),
  );
  const send = async (at: Date) => readAllBytes(must(await exportPacket(vault, { caseId: c.id, memberId: panelist.id, sender: people.secretariat, now: at })).stream);
  let current = c;
  return {
    packet: await send(now),
    next: async (change, at) => {
      current = must(await saveCase(vault, change(current), at));
      return send(at);
    },
  };
}
