// inventoryAdjustQuantities and inventorySetQuantities for the "available" quantity: every change
// is checked before any is applied (Shopify's mutations are all-or-nothing), problems come back
// as userErrors, and each applied change emits inventory_levels/update like a real shop.
import { randomInt } from "node:crypto";
import { numericIdOf, sameId } from "../../ids";
import type { SandboxInventoryItem, SandboxLocation } from "../../state";
import { requireScope } from "../access";
import type { AdminContext } from "../context";
import { assertGid } from "../query-root";
import { inventoryItemView, locationView } from "../views/catalog";

type Args = Record<string, unknown>;

/** Reasons Shopify accepts for quantity changes. */
const REASONS = new Set([
  "correction",
  "cycle_count_available",
  "damaged",
  "movement_created",
  "movement_updated",
  "movement_received",
  "movement_canceled",
  "other",
  "promotion",
  "quality_control",
  "received",
  "reservation_created",
  "reservation_deleted",
  "reservation_updated",
  "restock",
  "safety_stock",
  "shrinkage",
]);

interface UserError {
  field: string[];
  message: string;
  code: string;
}

interface PlannedChange {
  item: SandboxInventoryItem;
  location: SandboxLocation;
  delta: number;
  after: number;
  ledgerDocumentUri: string | null;
}

interface ChangeInput {
  inventoryItemId: string;
  locationId: string;
  changeFromQuantity?: number | null;
  ledgerDocumentUri?: string | null;
}

export function inventoryAdjustQuantities({ input }: Args, context: AdminContext) {
  requireScope(context, "write_inventory", "inventoryAdjustQuantities");
  const { name, reason, referenceDocumentUri, changes } = input as { name: string; reason: string; referenceDocumentUri?: string | null; changes: (ChangeInput & { delta: number })[] };
  const errors = commonErrors(name, reason, "INVALID_QUANTITY_NAME");
  const planned: PlannedChange[] = [];
  changes.forEach((change, index) => {
    const found = locate(context, change, ["input", "changes", String(index)], errors);
    if (!found) return;
    const before = found.level?.available ?? 0;
    if (isStale(change.changeFromQuantity, before)) {
      errors.push({ field: ["input", "changes", String(index), "changeFromQuantity"], message: "The specified compare quantity does not match the current quantity.", code: "CHANGE_FROM_QUANTITY_STALE" });
      return;
    }
    planned.push({ item: found.item, location: found.location, delta: change.delta, after: before + change.delta, ledgerDocumentUri: change.ledgerDocumentUri ?? null });
  });
  return applyPlanned(context, errors, planned, reason, referenceDocumentUri ?? null);
}

export function inventorySetQuantities({ input }: Args, context: AdminContext) {
  requireScope(context, "write_inventory", "inventorySetQuantities");
  const { name, reason, referenceDocumentUri, quantities } = input as { name: string; reason: string; referenceDocumentUri?: string | null; quantities: (ChangeInput & { quantity: number })[] };
  const errors = commonErrors(name, reason, "INVALID_NAME");
  const planned: PlannedChange[] = [];
  const seen = new Set<string>();
  quantities.forEach((entry, index) => {
    const path = ["input", "quantities", String(index)];
    const found = locate(context, entry, path, errors);
    if (!found) return;
    const key = `${found.item.id}|${found.location.id}`;
    if (seen.has(key)) {
      errors.push({ field: path, message: "The combination of inventoryItemId and locationId must be unique.", code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR" });
      return;
    }
    seen.add(key);
    const before = found.level?.available ?? 0;
    if (isStale(entry.changeFromQuantity, before)) {
      errors.push({ field: [...path, "changeFromQuantity"], message: "The specified compare quantity does not match the current quantity.", code: "CHANGE_FROM_QUANTITY_STALE" });
      return;
    }
    planned.push({ item: found.item, location: found.location, delta: entry.quantity - before, after: entry.quantity, ledgerDocumentUri: null });
  });
  return applyPlanned(context, errors, planned, reason, referenceDocumentUri ?? null);
}

function commonErrors(name: string, reason: string, nameCode: string): UserError[] {
  const errors: UserError[] = [];
  if (name !== "available") {
    errors.push({ field: ["input", "name"], message: `The quantity name must be 'available' in the sandbox (got '${name}').`, code: nameCode });
  }
  if (!REASONS.has(reason)) errors.push({ field: ["input", "reason"], message: "The specified reason is invalid.", code: "INVALID_REASON" });
  return errors;
}

function isStale(changeFrom: number | null | undefined, current: number): boolean {
  return changeFrom !== undefined && changeFrom !== null && changeFrom !== current;
}

function locate(context: AdminContext, change: ChangeInput, path: string[], errors: UserError[]) {
  const { state, shop } = context;
  const found = state.findInventoryItem(shop.domain, assertGid(change.inventoryItemId));
  if (!found) {
    errors.push({ field: [...path, "inventoryItemId"], message: "The specified inventory item could not be found.", code: "INVALID_INVENTORY_ITEM" });
    return undefined;
  }
  const location = state.findLocation(shop.domain, assertGid(change.locationId));
  if (!location) {
    errors.push({ field: [...path, "locationId"], message: "The specified location could not be found.", code: "INVALID_LOCATION" });
    return undefined;
  }
  const level = found.item.levels.find((candidate) => sameId(candidate.locationId, location.id));
  if (!level) {
    errors.push({ field: [...path, "locationId"], message: "The specified inventory item is not stocked at the location.", code: "ITEM_NOT_STOCKED_AT_LOCATION" });
    return undefined;
  }
  return { item: found.item, location, level };
}

function applyPlanned(context: AdminContext, errors: UserError[], planned: PlannedChange[], reason: string, referenceDocumentUri: string | null) {
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };
  for (const change of planned) {
    // An unchanged quantity is no change: Shopify sends no webhook for it.
    if (change.delta === 0) continue;
    context.state.setAvailable(context.shop.domain, change.item.id, change.location.id, change.after);
  }
  const createdAt = new Date(context.state.now().getTime()).toISOString();
  const changes = planned.flatMap((change) =>
    ["available", "on_hand"].map((name) => ({
      name,
      delta: change.delta,
      quantityAfterChange: change.after,
      ledgerDocumentUri: change.ledgerDocumentUri,
      item: () => inventoryItemView(context, change.item),
      location: () => locationView(change.location),
      itemId: change.item.id,
      locationId: change.location.id,
    })),
  );
  return {
    inventoryAdjustmentGroup: {
      __typename: "InventoryAdjustmentGroup",
      id: `gid://shopify/InventoryAdjustmentGroup/${randomInt(1, 2 ** 47)}`,
      createdAt,
      reason,
      referenceDocumentUri,
      changes: (args: Args) =>
        changes.filter(
          (change) =>
            matchesAny(args.inventoryItemIds, change.itemId) &&
            matchesAny(args.locationIds, change.locationId) &&
            (!Array.isArray(args.quantityNames) || (args.quantityNames as string[]).includes(change.name)),
        ),
    },
    userErrors: [],
  };
}

function matchesAny(ids: unknown, id: string): boolean {
  return !Array.isArray(ids) || (ids as string[]).some((candidate) => numericIdOf(candidate) === numericIdOf(id));
}
