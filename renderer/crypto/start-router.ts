/**
 * How the crypto worker routes the interface's messages while it starts:
 * the start-up questions (crypto:status, vault:status) are answered by the
 * small start-up chunk as long as the services have not been asked for;
 * any other message loads the services, and from then on the services take
 * every message, in the order they came. Once the vault's state has been
 * answered, the services load anyway (the next screen needs them).
 * Free of the worker global, so it is unit-tested.
 */
import type { StartMethod } from "../../shared/worker/start-handlers";

export type StartChunk = {
  readonly startCallOf: (data: unknown) => { readonly id: number; readonly method: StartMethod } | undefined;
  readonly answerAtStart: (call: { readonly id: number; readonly method: StartMethod }) => Promise<unknown>;
};
export type ServicesChunk = { readonly receive: (data: unknown) => void; readonly vaultStateKnown: () => void };

export function startRouter(options: {
  readonly start: Promise<StartChunk>;
  readonly loadServices: () => Promise<ServicesChunk>;
  readonly post: (reply: unknown) => void;
}): (data: unknown) => void {
  let services: Promise<ServicesChunk> | undefined;
  const servicesNow = () => (services ??= options.loadServices());
  return (data) => {
    if (services !== undefined) {
      void services.then((s) => s.receive(data));
      return;
    }
    // Until the services are asked for, every message waits for the start-up chunk, so they keep their order.
    void options.start.then(async ({ startCallOf, answerAtStart }) => {
      const call = services === undefined ? startCallOf(data) : undefined;
      if (call === undefined) return void servicesNow().then((s) => s.receive(data));
      options.post(await answerAtStart(call));
      if (call.method === "vault:status") void servicesNow().then((s) => s.vaultStateKnown());
    });
  };
}
