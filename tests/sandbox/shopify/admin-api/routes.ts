// POST /admin/api/:version/graphql.json — Shopify's Admin GraphQL endpoint over the sandbox
// state: version check, access-token check, parse and validate against the real schema, cost
// and throttling, then execution with strict resolvers.
import { randomUUID } from "node:crypto";
import {
  GraphQLError,
  Kind,
  execute,
  parse,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from "graphql";
import { sendJson, type Router, type SandboxRequest } from "../../http";
import type { ShopifyEmulatorContext } from "../index";
import type { AdminContext } from "./context";
import { MAX_SINGLE_QUERY_COST, actualQueryCost, requestedQueryCost } from "./cost";
import { formatSyntaxError, formatValidationError, formatVariableError } from "./errors";
import { appSubscriptionCancel, appSubscriptionCreate, appUsageRecordCreate } from "./mutations/billing";
import { discountCodeBasicCreate, discountCodeDeactivate } from "./mutations/discounts";
import { inventoryAdjustQuantities, inventorySetQuantities } from "./mutations/inventory";
import { queryRoot } from "./query-root";
import { adminSchema } from "./schema";
import { strictFieldResolver, viewTypeResolver } from "./strict-resolver";
import type { ThrottleStatus } from "./throttle";

const INVALID_TOKEN = { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" };
const RATE_LIMITS_DOC = "https://shopify.dev/api/usage/rate-limits";

function mutationRoot() {
  return {
    inventoryAdjustQuantities,
    inventorySetQuantities,
    discountCodeBasicCreate,
    discountCodeDeactivate,
    appSubscriptionCreate,
    appSubscriptionCancel,
    appUsageRecordCreate,
  };
}

interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export function registerAdminApi(router: Router, emulator: Pick<ShopifyEmulatorContext, "state" | "tokens" | "throttle" | "shopOf" | "url" | "apiSecret">) {
  router.add("POST", "/admin/api/:version/graphql.json", async (request, response) => {
    const version = request.params.version ?? "";
    const schema = adminSchema(version);
    if (!schema) return sendJson(response, 404, { errors: "Not Found" });
    const domain = emulator.shopOf(request);
    if (!domain || !emulator.state.hasShop(domain)) return sendJson(response, 404, { errors: "Not Found" });
    const shop = emulator.state.getShop(domain);
    const token = emulator.tokens.verify(shop.domain, headerOf(request, "x-shopify-access-token"));
    if (!token || !shop.installed) return sendJson(response, 401, INVALID_TOKEN);

    const body = readGraphqlBody(request);
    if (!body || typeof body.query !== "string" || body.query.trim() === "") {
      return sendJson(response, 400, { errors: { query: "Required parameter missing or invalid" } });
    }
    const headers = { "x-request-id": randomUUID(), "x-shopify-api-version": version };
    const answer = (payload: unknown) => sendJson(response, 200, payload, headers);

    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return answer({ errors: [formatSyntaxError(error as GraphQLError)] });
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return answer({ errors: invalid.map((error) => formatValidationError(error, document)) });

    const variables = isRecord(body.variables) ? body.variables : {};
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const operation = pickOperation(document, operationName);
    if (!operation) return answer({ errors: [{ message: operationName ? `No operation named "${operationName}"` : "An operation name is required" }] });

    const fragments = Object.fromEntries(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const requested = requestedQueryCost(schema, operation, fragments, variables);
    if (requested > MAX_SINGLE_QUERY_COST) return answer(maxCostExceeded(requested));
    const metered = emulator.throttle.take(shop.domain, requested);
    if (metered.throttled) return answer(throttled(requested, metered.status));

    const context: AdminContext = {
      state: emulator.state,
      shop,
      version,
      scopes: new Set(token.scope.split(",")),
      url: emulator.url,
      apiSecret: emulator.apiSecret,
    };
    const result = (await execute({
      schema,
      document,
      rootValue: operation.operation === "mutation" ? mutationRoot() : queryRoot(),
      contextValue: context,
      variableValues: variables,
      operationName,
      fieldResolver: strictFieldResolver,
      typeResolver: viewTypeResolver,
    })) as ExecutionResult;

    // Charged the requested cost up front; the difference to the actual cost goes back to the bucket.
    const actual = Math.min(requested, actualQueryCost(result.data, operation));
    const throttleStatus = emulator.throttle.refund(shop.domain, requested - actual);
    const cost = { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus };
    const requestFailed = result.data === undefined;
    const errors = result.errors?.map((error) => (requestFailed ? formatVariableError(error) : formatExecutionError(error)));
    return answer({ ...(errors?.length && { errors }), ...(result.data !== undefined && { data: result.data }), extensions: { cost } });
  });
}

function formatExecutionError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (error.originalError && !(error.originalError instanceof GraphQLError)) {
    // A bug in the sandbox, not a Shopify behaviour: say so loudly.
    return { ...formatted, message: `Internal error in the Shopify sandbox: ${error.originalError.message}`, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  }
  return formatted;
}

function throttled(requested: number, status: ThrottleStatus) {
  return {
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOC } }],
    extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: status } },
  };
}

function maxCostExceeded(cost: number) {
  return {
    errors: [
      {
        message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\nSee ${RATE_LIMITS_DOC} for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n`,
        extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: MAX_SINGLE_QUERY_COST, documentation: RATE_LIMITS_DOC },
      },
    ],
  };
}

function pickOperation(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (name) return operations.find((operation) => operation.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

function readGraphqlBody(request: SandboxRequest): GraphqlRequestBody | undefined {
  const text = request.rawBody.toString("utf8");
  if ((request.headers["content-type"] ?? "").includes("application/graphql")) return { query: text };
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function headerOf(request: SandboxRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
