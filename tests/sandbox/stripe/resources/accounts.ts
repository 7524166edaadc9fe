// Connect accounts: /v1/accounts (create, retrieve, update, list, delete), /v1/account and
// login links to the Express dashboard.
import type Stripe from "stripe";
import { z } from "zod";
import type { ApiRoute } from "../api";
import {
  controllerForType,
  defaultCurrencyFor,
  emptyBusinessProfile,
  noFutureRequirements,
  ONBOARDING_REQUIREMENTS,
  requirementsDue,
  typeForDashboard,
  usesExpressDashboard,
  type AccountType,
} from "../account-object";
import type { StripeCore } from "../core";
import { invalidParam, invalidRequest, resourceMissing } from "../errors";
import { newId, randomBase62 } from "../ids";
import { listPage } from "../list";
import { changedAttributes } from "../previous-attributes";
import {
  applyMetadata,
  booleanParam,
  countryParam,
  currencyParam,
  emailParam,
  enumParam,
  expandParam,
  listShape,
  metadataParam,
  parseParams,
  stringParam,
  urlParam,
} from "../params";

export const LOGIN_LINK_LIFETIME_SECONDS = 300;

const capabilitiesParam = () => z.record(z.string(), z.strictObject({ requested: booleanParam() }), { error: "Invalid hash" });

const businessProfileParam = () =>
  z.strictObject({
    name: stringParam().optional(),
    url: urlParam().optional(),
    mcc: stringParam().optional(),
    product_description: stringParam().optional(),
    support_email: emailParam().optional(),
    support_phone: stringParam().optional(),
    support_url: urlParam().optional(),
  });

const businessTypeParam = () => enumParam(["company", "government_entity", "individual", "non_profit"]);

const createParams = z.strictObject({
  type: enumParam(["express", "standard", "custom"]).optional(),
  controller: z
    .strictObject({
      fees: z.strictObject({ payer: enumParam(["account", "application"]) }).optional(),
      losses: z.strictObject({ payments: enumParam(["application", "stripe"]) }).optional(),
      requirement_collection: enumParam(["application", "stripe"]).optional(),
      stripe_dashboard: z.strictObject({ type: enumParam(["express", "full", "none"]) }).optional(),
    })
    .optional(),
  email: emailParam().optional(),
  country: countryParam().optional(),
  default_currency: currencyParam().optional(),
  business_type: businessTypeParam().optional(),
  business_profile: businessProfileParam().optional(),
  capabilities: capabilitiesParam().optional(),
  metadata: metadataParam().optional(),
  expand: expandParam(),
});

const updateParams = z.strictObject({
  email: emailParam().optional(),
  default_currency: currencyParam().optional(),
  business_type: businessTypeParam().optional(),
  business_profile: businessProfileParam().optional(),
  capabilities: capabilitiesParam().optional(),
  metadata: metadataParam().optional(),
  expand: expandParam(),
});

const noParams = z.strictObject({ expand: expandParam() });

type CapabilityRequests = Record<string, { requested: boolean }>;

/** Requested capabilities start "inactive" and become "active" when onboarding completes. */
function applyCapabilityRequests(current: Record<string, string>, requests: CapabilityRequests | undefined, activeWhenRequested: boolean): Record<string, string> {
  const next = { ...current };
  for (const [name, { requested }] of Object.entries(requests ?? {})) {
    if (!requested) delete next[name];
    else if (!next[name]) next[name] = activeWhenRequested ? "active" : "inactive";
  }
  return next;
}

export function findAccount(core: StripeCore, id: string, param = "id"): Stripe.Account {
  const account = core.state.accounts.get(id);
  if (!account) throw resourceMissing("account", id, param);
  return account;
}

function createAccount(core: StripeCore, params: z.output<typeof createParams>): Stripe.Account {
  if (params.type && params.controller) {
    throw invalidParam("You cannot specify both `type` and `controller`; use one of them.", "controller");
  }
  const type: AccountType = params.type ?? typeForDashboard(params.controller?.stripe_dashboard?.type);
  const controller = controllerForType(type);
  if (params.controller?.fees) controller.fees = { payer: params.controller.fees.payer };
  if (params.controller?.losses) controller.losses = { payments: params.controller.losses.payments };
  if (params.controller?.requirement_collection) controller.requirement_collection = params.controller.requirement_collection;

  // Without requested capabilities Stripe requests the platform's defaults; for this platform that is transfers.
  const requested = params.capabilities ?? (type === "standard" ? {} : { transfers: { requested: true } });
  const country = params.country ?? "US";
  const id = newId("acct", 16);
  const created = core.clock.nowSeconds();
  return {
    id,
    object: "account",
    business_profile: { ...emptyBusinessProfile(), ...params.business_profile },
    business_type: params.business_type ?? null,
    capabilities: applyCapabilityRequests({}, requested, false),
    charges_enabled: false,
    controller,
    country,
    created,
    default_currency: params.default_currency ?? defaultCurrencyFor(country),
    details_submitted: false,
    email: params.email ?? null,
    external_accounts: { object: "list", data: [], has_more: false, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: noFutureRequirements(),
    metadata: applyMetadata({}, params.metadata),
    payouts_enabled: false,
    requirements: requirementsDue(ONBOARDING_REQUIREMENTS, "requirements.past_due"),
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type,
  };
}

export function accountRoutes(core: StripeCore): ApiRoute[] {
  return [
    {
      method: "POST",
      path: "/v1/accounts",
      connect: false,
      handle: (call) => {
        const account = createAccount(core, parseParams(createParams, call.params));
        core.state.accounts.set(account.id, account);
        core.ledger.amounts(account.id, account.default_currency ?? "usd");
        return account;
      },
    },
    {
      method: "GET",
      path: "/v1/accounts",
      connect: false,
      handle: (call) => listPage([...core.state.accounts.values()], parseParams(z.strictObject(listShape), call.params), "/v1/accounts"),
    },
    {
      method: "GET",
      path: "/v1/accounts/:id",
      connect: false,
      handle: (call) => {
        parseParams(noParams, call.params);
        return findAccount(core, call.path.id ?? "");
      },
    },
    {
      method: "GET",
      path: "/v1/account",
      connect: true,
      handle: (call) => {
        parseParams(noParams, call.params);
        return call.account ? findAccount(core, call.account) : core.state.platformAccount;
      },
    },
    {
      method: "POST",
      path: "/v1/accounts/:id",
      connect: false,
      handle: (call) => {
        const account = findAccount(core, call.path.id ?? "");
        const params = parseParams(updateParams, call.params);
        const before = structuredClone(account);
        if (params.email !== undefined) account.email = params.email;
        if (params.default_currency !== undefined) account.default_currency = params.default_currency;
        if (params.business_type !== undefined) account.business_type = params.business_type;
        if (params.business_profile) account.business_profile = { ...(account.business_profile ?? emptyBusinessProfile()), ...params.business_profile };
        if (params.capabilities) {
          account.capabilities = applyCapabilityRequests(account.capabilities as Record<string, string>, params.capabilities, account.details_submitted);
        }
        account.metadata = applyMetadata(account.metadata ?? {}, params.metadata);
        const previous = changedAttributes(before, account);
        if (Object.keys(previous).length > 0) {
          core.events.emit("account.updated", account, { account: account.id, previousAttributes: previous, request: call.request });
        }
        return account;
      },
    },
    {
      method: "DELETE",
      path: "/v1/accounts/:id",
      connect: false,
      handle: (call) => {
        const account = findAccount(core, call.path.id ?? "");
        core.state.accounts.delete(account.id);
        return { id: account.id, object: "account", deleted: true } satisfies Stripe.DeletedAccount;
      },
    },
    {
      method: "POST",
      path: "/v1/accounts/:id/login_links",
      connect: false,
      handle: (call) => {
        parseParams(noParams, call.params);
        const account = findAccount(core, call.path.id ?? "");
        if (!usesExpressDashboard(account)) {
          throw invalidRequest("Login links can only be created for accounts that use the Express Dashboard.", { param: "account" });
        }
        if (!account.details_submitted) {
          throw invalidRequest("Cannot create a login link for an account that has not completed onboarding.", { param: "account" });
        }
        const token = randomBase62(32);
        const created = core.clock.nowSeconds();
        core.state.loginLinks.set(token, { token, account: account.id, created, expiresAt: created + LOGIN_LINK_LIFETIME_SECONDS });
        return { object: "login_link", created, url: `${core.publicOrigin()}/connect/express/${token}` } satisfies Stripe.LoginLink;
      },
    },
  ];
}
