import { describe, expect, it } from "vitest";
import { describePacketProblem } from "./packet-problem";

describe("the inbox's sentence for a packet with blank claims", () => {
  it("names the claims, says nothing was imported and what to ask for", () => {
    expect(describePacketProblem({ kind: "blank-claims", positions: [2] })).toBe(
      "The packet is authentic, but claim 2 of its case has no statement, so it cannot be scored. Ask the secretariat to write it (or remove it) and to send a new packet; nothing was imported.",
    );
    expect(describePacketProblem({ kind: "blank-claims", positions: [1, 3, 4] })).toMatch(/^The packet is authentic, but claims 1, 3 and 4 of its case have no statement, .* write them \(or remove them\)/);
  });
});
