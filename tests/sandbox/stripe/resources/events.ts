// GET /v1/events and /v1/events/:id. As on Stripe, the platform sees its own events and a
// connected account's events are read with Stripe-Account.
import { z } from "zod";
import type { ApiRoute } from "../api";
import type { StripeCore } from "../core";
import { resourceMissing } from "../errors";
import { listPage } from "../list";
import { expandParam, listShape, parseParams, stringParam } from "../params";
import type { StripeEvent } from "../state";

const listParams = z.strictObject({
  ...listShape,
  /** An event type, or a wildcard such as `transfer.*`. */
  type: stringParam().optional(),
  types: z.array(stringParam(), { error: "Invalid array" }).optional(),
  delivery_success: z.enum(["true", "false"]).optional(),
});

function typeMatches(pattern: string, type: string): boolean {
  return pattern.endsWith(".*") ? type.startsWith(pattern.slice(0, -1)) : type === pattern;
}

function visibleTo(event: StripeEvent, account: string | null): boolean {
  return (event.account ?? null) === account;
}

export function eventRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "GET",
      path: "/v1/events",
      connect: true,
      handle: (call) => {
        const params = parseParams(listParams, call.params);
        const events = core.state.events.filter(
          (event) =>
            visibleTo(event, call.account) &&
            (params.type === undefined || typeMatches(params.type, event.type)) &&
            (params.types === undefined || params.types.includes(event.type)) &&
            (params.delivery_success === undefined || (event.pending_webhooks === 0) === (params.delivery_success === "true")),
        );
        return listPage(events, params, "/v1/events");
      },
    },
    {
      method: "GET",
      path: "/v1/events/:id",
      connect: true,
      handle: (call) => {
        parseParams(z.strictObject({ expand: expandParam() }), call.params);
        const event = core.state.events.find((candidate) => candidate.id === call.path.id);
        if (!event || !visibleTo(event, call.account)) throw resourceMissing("event", call.path.id ?? "");
        return event;
      },
    },
  ];
}
