// The Shop object for the Admin schema.
import type { AdminContext } from "../context";

export function shopView({ shop }: AdminContext) {
  const primary = new URL(shop.primaryDomainUrl);
  return {
    __typename: "Shop",
    id: shop.id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: [shop.currencyCode],
    ianaTimezone: shop.ianaTimezone,
    currencyFormats: {
      moneyFormat: shop.moneyFormat,
      moneyWithCurrencyFormat: shop.moneyWithCurrencyFormat,
      moneyInEmailsFormat: shop.moneyFormat,
      moneyWithCurrencyInEmailsFormat: shop.moneyWithCurrencyFormat,
    },
    primaryDomain: { __typename: "Domain", id: `gid://shopify/Domain/${shop.id.replace(/\D/g, "")}`, url: primary.origin, host: primary.host },
    url: primary.origin,
  };
}
