import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { AdminDocument } from "~/graphql/document";

export class AdminGraphqlError extends Error {
  constructor(
    message: string,
    readonly shop: string,
  ) {
    super(message);
    this.name = "AdminGraphqlError";
  }
}

interface GraphqlResponseBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/**
 * Sends one typed document through the shop's Admin API client. A throttled call waits and
 * retries (Shopify refills the cost bucket each second); any other GraphQL error becomes an
 * AdminGraphqlError naming the shop.
 */
export async function runAdmin<R, V>(
  admin: Pick<AdminApiContext, "graphql">,
  shop: string,
  document: AdminDocument<R, V>,
  variables?: V,
  { attempts = 4, backoffMs = 500 } = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const response = await admin.graphql(document.source, variables ? { variables: variables as Record<string, unknown> } : undefined);
    const body = (await response.json()) as GraphqlResponseBody<R>;
    const throttled = body.errors?.some((error) => error.extensions?.code === "THROTTLED");
    if (throttled && attempt < attempts) {
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
      continue;
    }
    if (body.errors?.length || !body.data) {
      const detail = body.errors?.map((error) => error.message).join("; ") ?? "no data in the response";
      throw new AdminGraphqlError(`Shopify Admin API call failed for ${shop}: ${detail}`, shop);
    }
    return body.data;
  }
}
