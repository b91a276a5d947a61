/**
 * The chair is a named seat, never "seat 0": the roster a packet carries
 * marks the panel's chairId as chair, and chairSeat / seatOf find seats by
 * role and fingerprint, wherever they stand in the list.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCrypto } from "../crypto/sodium";
import { sshFingerprint } from "../formats/openssh-key";
import type { PersonalIdentity } from "../identity/identity";
import { testIdentity } from "../identity/identity.testing";
import { chairSeat, PANEL_PATH, PanelRosterSchema, seatOf, type PanelRoster } from "./case-records";
import { exportedPart, secretariatWithPanel } from "./case.testing";

const NOW = new Date("2026-11-22T10:00:00.000Z");
let secretariat: PersonalIdentity;
let panelist: PersonalIdentity;
let chair: PersonalIdentity;
beforeAll(async () => {
  expect((await loadCrypto()).ok).toBe(true);
  secretariat = testIdentity({ displayName: "Case Secretariat" });
  panelist = testIdentity({ displayName: "Ines Okafor", region: "western-european-and-others-states", nationality: "IE" });
  chair = testIdentity({ displayName: "Panel Chair", region: "latin-american-and-caribbean-states", nationality: "CL" });
});

const seat = (role: "chair" | "member", fingerprint: string) => ({ role, fingerprint, card: "roster/0.card.json" });

describe("chairSeat and seatOf", () => {
  it("find the chair by role and a seat by fingerprint, in any position", () => {
    const roster = [seat("member", "SHA256:a"), seat("member", "SHA256:b"), seat("chair", "SHA256:c")];
    expect(chairSeat(roster)?.fingerprint).toBe("SHA256:c");
    expect(seatOf(roster, "SHA256:b")).toBe(roster[1]);
    expect(seatOf(roster, "SHA256:z")).toBeUndefined();
  });

  it("name no chair when the roster names none or several", () => {
    expect(chairSeat([seat("member", "SHA256:a"), seat("member", "SHA256:b")])).toBeUndefined();
    expect(chairSeat([seat("chair", "SHA256:a"), seat("chair", "SHA256:b")])).toBeUndefined();
    expect(chairSeat([])).toBeUndefined();
  });
});

describe("the roster a packet carries", () => {
  it("marks the panel's chair (by id) as chair, and every other seat as member", async () => {
    const { vault, c, panelistId } = await secretariatWithPanel(panelist, NOW, { chair });
    const roster: PanelRoster = PanelRosterSchema.parse(await exportedPart(vault, { caseId: c.id, memberId: panelistId, sender: secretariat, now: NOW }, panelist, PANEL_PATH));
    expect(chairSeat(roster.seats)?.fingerprint).toBe(sshFingerprint(chair.signing.publicKey));
    expect(roster.seats.filter((s) => s.role === "chair")).toHaveLength(1);
    expect(seatOf(roster.seats, sshFingerprint(panelist.signing.publicKey))?.role).toBe("member");
  });
});
