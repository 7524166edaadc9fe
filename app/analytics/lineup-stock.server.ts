import { log } from "~/lib/log.server";
import { readLineupCatalog } from "~/storefront/catalog.server";
import { readLineupStock } from "~/storefront/lineup-stock.server";

export interface LineupVariantStock {
  id: string;
  /** "Default Title" for a product without options, as Shopify names it. */
  title: string;
  /** Units sellable online; null when the variant does not track inventory. */
  available: number | null;
  inStock: boolean;
}

/**
 * Each lineup product's variants and their stock, by product GID, as shoppers see them: titles
 * from the catalog, stock from the cache that webhooks keep. The show page updates the numbers
 * from its stream. When Shopify cannot be read the page goes without them rather than failing.
 */
export async function getLineupStock(shop: string, currency: string, productIds: readonly string[]): Promise<Record<string, LineupVariantStock[]>> {
  if (!productIds.length) return {};
  try {
    const catalog = await readLineupCatalog(shop, currency, productIds);
    const variantIds = [...catalog.values()].flatMap((product) => product.variants.map((variant) => variant.id));
    const stock = await readLineupStock(shop, productIds, variantIds);
    return Object.fromEntries(
      [...catalog.values()].map((product) => [
        product.id,
        product.variants.map((variant) => {
          const known = stock.get(variant.id);
          return { id: variant.id, title: variant.title, available: known ? known.available : null, inStock: known ? known.inStock : variant.availableForSale };
        }),
      ]),
    );
  } catch (error) {
    log.warn(`[analytics] ${shop}: the lineup's stock could not be read from Shopify for the show page (${(error as Error).message})`);
    return {};
  }
}
