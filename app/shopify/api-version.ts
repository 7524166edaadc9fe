import { ApiVersion } from "@shopify/shopify-api";

/** The Admin API version of every GraphQL document, webhook and schema check in the app. */
export const API_VERSION = ApiVersion.July26;
