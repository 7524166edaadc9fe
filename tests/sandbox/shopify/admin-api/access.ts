// Access scopes: a field the token's scopes do not cover answers as Shopify does (the field is
// null and an ACCESS_DENIED error names the scope). write_x implies read_x.
import { GraphQLError } from "graphql";
import type { AdminContext } from "./context";

export function requireScope(context: AdminContext, scope: string, fieldName: string): void {
  const [action, resource] = scope.split("_", 2) as [string, string];
  const granted = context.scopes.has(scope) || (action === "read" && context.scopes.has(`write_${resource}`));
  if (granted) return;
  const requiredAccess = `\`${scope}\` access scope.`;
  throw new GraphQLError(`Access denied for ${fieldName} field. Required access: ${requiredAccess}`, {
    extensions: { code: "ACCESS_DENIED", documentation: "https://shopify.dev/api/usage/access-scopes", requiredAccess },
  });
}
