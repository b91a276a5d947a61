/**
 * The custody form of an evidence item in the editor: an event typed there
 * is held (by item, kept with the case's draft) until it is added to the
 * item's chain, which only ever grows.
 */
import type { CustodyInput, CustodyInputs } from "./case-draft";
import type { CustodyEvent, Evidence } from "./model";

/** The custody form with nothing typed. */
export const NO_CUSTODY_INPUT: CustodyInput = { action: "transferred", actor: "", place: "", note: "", sha256: "" };

/** Whether the form holds nothing but its defaults. */
export const isUntouchedCustodyInput = (input: CustodyInput): boolean => JSON.stringify(input) === JSON.stringify(NO_CUSTODY_INPUT);

/** An event can be added once it names who acted. */
export const canAddCustodyEvent = (input: CustodyInput): boolean => input.actor.trim() !== "";

/** The forms being typed, with item `evidenceId`'s replaced; a form cleared back to its defaults (or undefined) is dropped. */
export function withCustodyInput(inputs: CustodyInputs, evidenceId: Evidence["id"], input: CustodyInput | undefined): CustodyInputs {
  const { [evidenceId]: _old, ...rest } = inputs;
  return input && !isUntouchedCustodyInput(input) ? { ...rest, [evidenceId]: input } : rest;
}

/** The event the form describes, at `time`: text trimmed, empty fields left out, the observed SHA-256 in lower case. */
export function custodyEventFrom(input: CustodyInput, time: string): CustodyEvent {
  const place = input.place.trim();
  const note = input.note.trim();
  const sha256 = input.sha256.trim().toLowerCase();
  return { action: input.action, actor: input.actor.trim(), time, ...(place ? { place } : {}), ...(note ? { note } : {}), ...(sha256 ? { sha256 } : {}) };
}

/** `evidence` with the form's event appended to its chain of custody. */
export function withCustodyEvent<E extends Pick<Evidence, "custody">>(evidence: E, input: CustodyInput, time: string): E {
  return { ...evidence, custody: [...evidence.custody, custodyEventFrom(input, time)] };
}
