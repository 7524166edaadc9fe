// Every row the app keeps for a shop, read through Prisma's own list of models: a test that says
// "nothing was written" compares two of these, so a table added later is covered without a word.
import { Prisma } from "@prisma/client";
import prisma from "~/db.server";

type Delegate = { findMany(args: { where: Record<string, unknown> }): Promise<unknown[]> };

/** Models with a `shop` column, and Shop itself (keyed by its domain). */
const MODELS = Prisma.dmmf.datamodel.models
  .map((model) => ({ name: model.name, key: model.name === "Shop" ? "domain" : model.fields.some((field) => field.name === "shop") ? "shop" : null }))
  .filter((model): model is { name: string; key: string } => model.key !== null);

/**
 * Shopify's library keeps its own Session rows and refreshes them on its own schedule (an
 * expiring offline token); they are not data the app writes for a request.
 */
const NOT_APP_DATA = new Set(["Session"]);

const canonical = (row: unknown) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));

export type ShopData = Record<string, string[]>;

/** Each model's rows for the shops, written out and sorted, so two reads compare with toEqual. */
export async function shopData(shops: readonly string[]): Promise<ShopData> {
  const data: ShopData = {};
  for (const { name, key } of MODELS) {
    if (NOT_APP_DATA.has(name)) continue;
    const delegate = (prisma as unknown as Record<string, Delegate>)[name.charAt(0).toLowerCase() + name.slice(1)];
    if (!delegate) throw new Error(`shopData: Prisma has no delegate for ${name}`);
    const rows = await delegate.findMany({ where: { [key]: { in: [...shops] } } });
    data[name] = rows.map(canonical).sort();
  }
  return data;
}
