import type { ShopSettingsQuery } from "~/types/admin.generated";
import { adminDocument } from "./document";

export const SHOP_SETTINGS = adminDocument<ShopSettingsQuery>(`#graphql
  query ShopSettings {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
      currencyFormats { moneyFormat }
      primaryDomain { url }
    }
  }
`);
