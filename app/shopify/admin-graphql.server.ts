import { GraphqlQueryError } from "@shopify/shopify-api";
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { AdminDocument } from "~/graphql/document";
import { ExplainedError } from "~/lib/explained-error";

/** Shopify answered with errors (not a userError a form can show): the detail is for the log. */
export class AdminGraphqlError extends ExplainedError {
  constructor(
    message: string,
    readonly shop: string,
  ) {
    super("Shopify did not complete the request just now; try again in a moment.", { message });
    this.name = "AdminGraphqlError";
  }
}

interface QueryCost {
  requestedQueryCost: number;
  throttleStatus: { currentlyAvailable: number; restoreRate: number };
}

interface GraphqlResponseBody<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { cost?: QueryCost };
}

type Admin = Pick<AdminApiContext, "graphql">;

/**
 * The answer's body, errors included: Shopify's client throws a GraphqlQueryError for an answer
 * with GraphQL errors (THROTTLED among them), carrying the body it would have returned.
 */
async function send<R>(admin: Admin, source: string, variables: Record<string, unknown> | undefined): Promise<GraphqlResponseBody<R>> {
  try {
    const response = await admin.graphql(source, variables ? { variables } : undefined);
    return (await response.json()) as GraphqlResponseBody<R>;
  } catch (error) {
    if (!(error instanceof GraphqlQueryError)) throw error;
    const body = error.body as { errors?: { graphQLErrors?: GraphqlResponseBody<R>["errors"] }; extensions?: GraphqlResponseBody<R>["extensions"] } | undefined;
    return { errors: body?.errors?.graphQLErrors ?? [{ message: error.message }], extensions: body?.extensions };
  }
}

/** How long until the shop's cost bucket holds what the throttled query asked for. */
function refillMs(cost: QueryCost | undefined): number {
  if (!cost || cost.throttleStatus.restoreRate <= 0) return 0;
  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return missing > 0 ? Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000) : 0;
}

/**
 * Sends one typed document through the shop's Admin API client. A throttled call waits, at least
 * until Shopify's cost bucket has refilled enough for it and longer on each attempt, and retries;
 * any other GraphQL error becomes an AdminGraphqlError naming the shop.
 */
export async function runAdmin<R, V>(
  admin: Admin,
  shop: string,
  document: AdminDocument<R, V>,
  variables?: V,
  { attempts = 4, backoffMs = 500 } = {},
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const body = await send<R>(admin, document.source, variables as Record<string, unknown> | undefined);
    const throttled = body.errors?.some((error) => error.extensions?.code === "THROTTLED");
    if (throttled && attempt < attempts) {
      const waitMs = Math.max(backoffMs * 2 ** (attempt - 1), refillMs(body.extensions?.cost));
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      continue;
    }
    if (body.errors?.length || !body.data) {
      const detail = body.errors?.map((error) => error.message).join("; ") ?? "no data in the response";
      throw new AdminGraphqlError(`Shopify Admin API call failed for ${shop}: ${detail}`, shop);
    }
    return body.data;
  }
}
