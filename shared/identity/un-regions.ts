/**
 * The five United Nations regional groups, used to balance panels across
 * world regions. The ids are stable: they are written into signed identity
 * cards and stored records, so a display name may be reworded but an id
 * never changes.
 */
import { z } from "../validation/zod";

export const UN_REGIONS = [
  { id: "african-states", abbreviation: "AG", name: "African States" },
  { id: "asia-pacific-states", abbreviation: "APG", name: "Asia-Pacific States" },
  { id: "eastern-european-states", abbreviation: "EEG", name: "Eastern European States" },
  { id: "latin-american-and-caribbean-states", abbreviation: "GRULAC", name: "Latin American and Caribbean States" },
  { id: "western-european-and-others-states", abbreviation: "WEOG", name: "Western European and Others States" },
] as const;

export type UnRegionInfo = (typeof UN_REGIONS)[number];

export const UnRegionSchema = z.enum([
  UN_REGIONS[0].id,
  UN_REGIONS[1].id,
  UN_REGIONS[2].id,
  UN_REGIONS[3].id,
  UN_REGIONS[4].id,
]);

export type UnRegion = z.infer<typeof UnRegionSchema>;

/** "African States (AG)" for a region id; an unknown id as it is. */
export function regionLabel(id: string): string {
  const found = UN_REGIONS.find((r) => r.id === id);
  return found ? `${found.name} (${found.abbreviation})` : id;
}

/** The display information for a region id. */
export function unRegion(id: UnRegion): UnRegionInfo {
  const found = UN_REGIONS.find((r) => r.id === id);
  if (!found) throw new RangeError(`not a UN regional group: ${JSON.stringify(id)}`);
  return found;
}
