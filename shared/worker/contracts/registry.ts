/**
 * The contract of the secretariat's expert registry: an expert's card
 * examined, enrolled once its fingerprint was checked out of band, listed,
 * removed; the sample registry. Answered by registry-handlers.ts.
 */
import { z } from "../../validation/zod";
import { UnRegionSchema } from "../../identity/un-regions";
import { ExpertIdSchema } from "../../case/model";
import { Empty, FileInput, Id, type HandlersOf } from "./common";

export const RegistryViewSchema = z.strictObject({
  id: ExpertIdSchema,
  displayName: z.string(),
  region: UnRegionSchema,
  nationality: z.string(),
  affiliations: z.array(z.string()),
  affiliationStates: z.array(z.string()),
  declaredInterests: z.string(),
  fingerprint: z.string(),
  fingerprintGroups: z.array(z.string()),
  verifiedAt: z.string(),
});
export type RegistryView = z.infer<typeof RegistryViewSchema>;

export const CardPreviewSchema = z.strictObject({ displayName: z.string(), region: z.string(), nationality: z.string(), affiliation: z.string(), fingerprint: z.string(), fingerprintGroups: z.array(z.string()) });
export type CardPreview = z.infer<typeof CardPreviewSchema>;

export const registryMethods = {
  "registry:list": { request: Empty, response: z.array(RegistryViewSchema) },
  "registry:examine": { request: z.strictObject({ file: FileInput }), response: CardPreviewSchema },
  "registry:enrol": {
    request: z.strictObject({ file: FileInput, fingerprint: z.string().max(200), affiliationStates: z.array(z.string().max(10)).max(20), declaredInterests: z.string().max(5000) }),
    response: RegistryViewSchema,
  },
  "registry:remove": { request: z.strictObject({ id: Id }), response: Empty },
  "registry:load-sample": { request: Empty, response: z.array(RegistryViewSchema) },
} as const;

export type RegistryHandlers = HandlersOf<typeof registryMethods>;
