// Type-level checks, run by the type check (tsc): the Admin types come from what each query
// selects (npm run graphql-codegen), so code cannot read a field its query does not ask for.
import type { ShopSettingsQuery } from "~/types/admin.generated";

type SelectedShop = ShopSettingsQuery["shop"];

export type ShopTimezone = SelectedShop["ianaTimezone"];
// @ts-expect-error ShopSettings does not select the shop's email, so its type has none.
export type ShopEmail = SelectedShop["email"];
