import { describe, expect, it } from "vitest";
import { fromNow, wholeSeconds } from "../../tests/support/clock";
import { readLevelPayload } from "./level-payload";

const TOPIC = "inventory_levels/update";
const UPDATED_AT = wholeSeconds(fromNow({ minutes: -1 }));

/** A body in the shape Shopify documents, ids written as bare JSON numbers. */
function body({ item, location, level, available = 6 }: { item: string; location: string; level: string; available?: number | null }) {
  return (
    `{"inventory_item_id":${item},"location_id":${location},"available":${available},"updated_at":"${UPDATED_AT.toISOString()}",` +
    `"admin_graphql_api_id":"gid://shopify/InventoryLevel/${level}?inventory_item_id=${item}"}`
  );
}

describe("readLevelPayload", () => {
  it("keys the level on location_id and inventory_item_id, not on the number in the level's GID", () => {
    const reading = readLevelPayload(TOPIC, body({ item: "808950810", location: "655441491", level: "523463154" }));
    expect(reading).toEqual({
      ok: true,
      level: {
        inventoryItemId: "gid://shopify/InventoryItem/808950810",
        locationId: "gid://shopify/Location/655441491",
        available: 6,
        updatedAt: UPDATED_AT,
      },
    });
  });

  it("keeps ids past 2^53 digit for digit", () => {
    const reading = readLevelPayload(TOPIC, body({ item: "9007199254740993", location: "18446744073709551615", level: "9007199254791001" }));
    expect(reading.ok && reading.level).toMatchObject({
      inventoryItemId: "gid://shopify/InventoryItem/9007199254740993",
      locationId: "gid://shopify/Location/18446744073709551615",
    });
  });

  it("stores 0 for an untracked item's null", () => {
    const reading = readLevelPayload(TOPIC, body({ item: "1", location: "2", level: "3", available: null }));
    expect(reading.ok && reading.level.available).toBe(0);
  });

  it("refuses a body without location_id or with a malformed item id, naming the field", () => {
    const withoutLocation = JSON.stringify({ inventory_item_id: 1, available: 1, updated_at: UPDATED_AT.toISOString(), admin_graphql_api_id: "gid://shopify/InventoryLevel/3?inventory_item_id=1" });
    expect(readLevelPayload(TOPIC, withoutLocation)).toEqual({ ok: false, error: expect.stringMatching(/^inventory_levels\/update payload: location_id /) });
    const fractional = body({ item: "1.5", location: "2", level: "3" });
    expect(readLevelPayload(TOPIC, fractional)).toEqual({ ok: false, error: "inventory_levels/update payload: inventory_item_id must be a whole number" });
    expect(readLevelPayload(TOPIC, "{available: 1")).toEqual({ ok: false, error: "inventory_levels/update payload: body is not JSON" });
  });
});
