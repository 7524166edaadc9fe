// GraphQL Codegen with Shopify's preset: types for every Admin document in app/graphql/, from the
// schema at the API version shopify.app.toml pins. `npm run graphql-codegen` (run by postinstall)
// writes them to app/types/, which is generated and not committed, so the types always follow the
// queries: code that reads a field its query does not select fails the type check.
import { ApiType, shopifyApiProject } from "@shopify/api-codegen-preset";
import { adminApiVersion } from "./scripts/admin-api-version.mjs";

export default {
  projects: {
    default: shopifyApiProject({
      apiType: ApiType.Admin,
      apiVersion: adminApiVersion(),
      documents: ["./app/graphql/*.ts", "!./app/graphql/*.test.ts"],
      outputDir: "./app/types",
      // String unions, so a value Shopify documents ("ALL", "SE") is the type itself.
      enumsAsConst: true,
    }),
  },
};
