/**
 * The five United Nations regional groups, used to balance panels across
 * world regions. The ids are stable: they are written into signed identity
 * cards and stored records, so an id never changes. Their names and
 * abbreviations are the interface's, in each language
 * (renderer/i18n/vocabulary.ts: UN_REGION_NAME, UN_REGION_ABBREVIATION,
 * regionLabel).
 */
import { z } from "../validation/zod";

export const UN_REGION_IDS = [
  "african-states",
  "asia-pacific-states",
  "eastern-european-states",
  "latin-american-and-caribbean-states",
  "western-european-and-others-states",
] as const;

export const UnRegionSchema = z.enum(UN_REGION_IDS);
export type UnRegion = z.infer<typeof UnRegionSchema>;

/** The groups in the UN's order, as records (`r.id`) for lists and counts. */
export const UN_REGIONS: readonly { readonly id: UnRegion }[] = UN_REGION_IDS.map((id) => ({ id }));

export const isUnRegion = (id: string): id is UnRegion => (UN_REGION_IDS as readonly string[]).includes(id);
