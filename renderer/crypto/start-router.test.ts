import { describe, expect, it } from "vitest";
import { startCallOf } from "../../shared/worker/start-handlers";
import { startRouter, type ServicesChunk, type StartChunk } from "./start-router";

const call = (id: number, method: string, payload: unknown = {}) => ({ type: "call", id, method, payload });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function harness() {
  const posted: unknown[] = [];
  const byServices: unknown[] = [];
  let servicesLoads = 0;
  let stateKnown = 0;
  const start: StartChunk = { startCallOf, answerAtStart: async (c) => ({ type: "result", id: c.id, result: { ok: true, value: `early ${c.method}` } }) };
  const services: ServicesChunk = { receive: (data) => byServices.push(data), vaultStateKnown: () => stateKnown++ };
  const route = startRouter({
    start: Promise.resolve(start),
    loadServices: async () => {
      servicesLoads++;
      return services;
    },
    post: (reply) => posted.push(reply),
  });
  return { route, posted, byServices, loads: () => servicesLoads, stateKnown: () => stateKnown };
}

describe("the crypto worker's start-up routing", () => {
  it("answers the start-up questions itself, then loads the services once the vault's state is known", async () => {
    const h = harness();
    h.route(call(0, "crypto:status"));
    await settle();
    expect(h.posted).toEqual([{ type: "result", id: 0, result: { ok: true, value: "early crypto:status" } }]);
    expect(h.loads()).toBe(0);
    h.route(call(1, "vault:status"));
    await settle();
    expect(h.posted).toHaveLength(2);
    expect(h.loads()).toBe(1);
    expect(h.stateKnown()).toBe(1);
    // From now on the services answer everything, start-up questions included.
    h.route(call(2, "vault:status"));
    h.route(call(3, "vault:unlock", { passphrase: "x" }));
    await settle();
    expect(h.posted).toHaveLength(2);
    expect(h.byServices).toEqual([call(2, "vault:status"), call(3, "vault:unlock", { passphrase: "x" })]);
    expect(h.loads()).toBe(1);
  });

  it("hands any other message to the services at once, in order, and then every later one too", async () => {
    const h = harness();
    h.route(call(0, "vault:create", { passphrase: "p" }));
    h.route({ type: "cancel", id: 0 });
    h.route(call(1, "crypto:status"));
    h.route(call(2, "vault:status", { unexpected: true }));
    await settle();
    expect(h.posted).toEqual([]);
    expect(h.byServices).toEqual([call(0, "vault:create", { passphrase: "p" }), { type: "cancel", id: 0 }, call(1, "crypto:status"), call(2, "vault:status", { unexpected: true })]);
    expect(h.loads()).toBe(1);
    expect(h.stateKnown()).toBe(0);
  });
});
