// POST /v1/account_links: a short-lived, single-use link to the sandbox's onboarding page.
import type Stripe from "stripe";
import { z } from "zod";
import type { ApiRoute } from "../api";
import type { StripeCore } from "../core";
import { invalidRequest } from "../errors";
import { randomBase62 } from "../ids";
import { enumParam, expandParam, parseParams, stringParam, urlParam } from "../params";
import { findAccount } from "./accounts";

/** Stripe's account links expire a few minutes after creation. */
export const ACCOUNT_LINK_LIFETIME_SECONDS = 300;

const createParams = z.strictObject({
  account: stringParam(),
  type: enumParam(["account_onboarding", "account_update"]),
  refresh_url: urlParam(),
  return_url: urlParam(),
  collect: enumParam(["currently_due", "eventually_due"]).optional(),
  collection_options: z
    .strictObject({
      fields: enumParam(["currently_due", "eventually_due"]).optional(),
      future_requirements: enumParam(["include", "omit"]).optional(),
    })
    .optional(),
  expand: expandParam(),
});

export function accountLinkRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "POST",
      path: "/v1/account_links",
      connect: false,
      handle: (call) => {
        const params = parseParams(createParams, call.params);
        const account = findAccount(core, params.account, "account");
        if (params.type === "account_update" && account.controller?.requirement_collection !== "application") {
          throw invalidRequest("You cannot create `account_update` type Account Links for accounts where Stripe collects requirements; use `account_onboarding`.", { param: "type" });
        }
        const token = randomBase62(32);
        const created = core.clock.nowSeconds();
        const expiresAt = created + ACCOUNT_LINK_LIFETIME_SECONDS;
        core.state.accountLinks.set(token, {
          token,
          account: account.id,
          type: params.type,
          refreshUrl: params.refresh_url,
          returnUrl: params.return_url,
          created,
          expiresAt,
          usedAt: null,
        });
        return { object: "account_link", created, expires_at: expiresAt, url: `${core.publicOrigin()}/connect/onboarding/${token}` } satisfies Stripe.AccountLink;
      },
    },
  ];
}
