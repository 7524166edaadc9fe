import { adminDocument } from "./document";

export interface ShopSettingsResult {
  shop: {
    name: string;
    myshopifyDomain: string;
    currencyCode: string;
    ianaTimezone: string;
    currencyFormats: { moneyFormat: string };
    primaryDomain: { url: string };
  };
}

export const SHOP_SETTINGS = adminDocument<ShopSettingsResult>(`#graphql
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
