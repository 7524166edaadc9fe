// The page an account link points at: GET /connect/onboarding/:linkId shows a short form,
// POST submits it, completes the account's onboarding (account.updated) and redirects to the
// link's return_url. A used or expired link shows a page that says so, with the refresh_url.
import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import { readForm, type Router, type SandboxRequest } from "../../http";
import { completeOnboarding } from "../account-lifecycle";
import type { StripeCore } from "../core";
import type { AccountLinkRecord } from "../state";
import { html, sendPage, type SafeHtml } from "./html";

export const ONBOARDING_TITLE = "Sandbox Stripe onboarding";

interface FormValues {
  full_name: string;
  routing_number: string;
  account_number: string;
  accept_terms: boolean;
}

type FieldErrors = Partial<Record<keyof FormValues, string>>;

function validate(values: FormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.full_name.trim()) errors.full_name = "Enter your full name.";
  if (!/^\d{9}$/.test(values.routing_number)) errors.routing_number = "Enter a 9-digit routing number (test: 110000000).";
  if (!/^\d{4,17}$/.test(values.account_number)) errors.account_number = "Enter an account number of 4 to 17 digits (test: 000123456789).";
  if (!values.accept_terms) errors.accept_terms = "Accept the agreement to continue.";
  return errors;
}

function textField(name: keyof FormValues, label: string, value: string, errors: FieldErrors, attributes: SafeHtml): SafeHtml {
  const error = errors[name];
  return html`<label for="${name}">${label}</label>
<input type="text" id="${name}" name="${name}" value="${value}" required ${attributes}${error ? html` aria-invalid="true" aria-describedby="${name}-error"` : ""}>
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ""}`;
}

function form(link: AccountLinkRecord, account: Stripe.Account, values: FormValues, errors: FieldErrors): SafeHtml {
  const messages = Object.values(errors);
  const termsError = errors.accept_terms;
  return html`<h1>${ONBOARDING_TITLE}</h1>
<p>Set up payouts for <strong>${account.email ?? account.id}</strong>.</p>
<p class="note">This is the Live Shows sandbox: nothing is verified and no money moves. The test bank numbers are filled in for you.</p>
${messages.length ? html`<div role="alert" id="form-errors"><p>Please correct the following:</p><ul>${messages.map((message) => html`<li>${message}</li>`)}</ul></div>` : ""}
<form method="post" action="/connect/onboarding/${link.token}" aria-labelledby="form-title">
<h2 id="form-title">Your details</h2>
${textField("full_name", "Full name", values.full_name, errors, html`autocomplete="name"`)}
<fieldset>
<legend>Bank account for payouts</legend>
${textField("routing_number", "Routing number", values.routing_number, errors, html`inputmode="numeric" autocomplete="off"`)}
${textField("account_number", "Account number", values.account_number, errors, html`inputmode="numeric" autocomplete="off"`)}
</fieldset>
<div class="check">
<input type="checkbox" id="accept_terms" name="accept_terms" value="yes" required${values.accept_terms ? html` checked` : ""}${termsError ? html` aria-invalid="true" aria-describedby="accept_terms-error"` : ""}>
<label for="accept_terms">I accept the Stripe Connected Account Agreement (sandbox)</label>
</div>
${termsError ? html`<p class="error" id="accept_terms-error">${termsError}</p>` : ""}
<button type="submit">Complete onboarding</button>
</form>`;
}

function unusable(response: ServerResponse, status: number, heading: string, explanation: string, refreshUrl?: string) {
  sendPage(
    response,
    status,
    heading,
    html`<h1>${heading}</h1>
<p>${explanation}</p>
${refreshUrl ? html`<p><a class="button" href="${refreshUrl}">Get a new onboarding link</a></p>` : ""}`,
  );
}

/** Finds a usable link and its account, or answers with the page that explains why it is not usable. */
function usableLink(core: StripeCore, request: SandboxRequest, response: ServerResponse): { link: AccountLinkRecord; account: Stripe.Account } | undefined {
  const link = core.state.accountLinks.get(request.params.linkId ?? "");
  if (!link) {
    unusable(response, 404, "Onboarding link not found", "This onboarding link does not exist. Ask the platform for a new link.");
    return undefined;
  }
  if (link.usedAt !== null) {
    unusable(response, 410, "Onboarding link already used", "This onboarding link has already been used. Each link works once; the platform can give you a new one.", link.refreshUrl);
    return undefined;
  }
  if (core.clock.nowSeconds() >= link.expiresAt) {
    unusable(response, 410, "Onboarding link expired", "This onboarding link has expired. Links last a few minutes; the platform can give you a new one.", link.refreshUrl);
    return undefined;
  }
  const account = core.state.accounts.get(link.account);
  if (!account) {
    unusable(response, 410, "Account no longer exists", "The account this link was made for has been deleted.");
    return undefined;
  }
  return { link, account };
}

export function mountOnboardingPages(router: Router, core: StripeCore): void {
  router.add("GET", "/connect/onboarding/:linkId", (request, response) => {
    const found = usableLink(core, request, response);
    if (!found) return;
    const values: FormValues = { full_name: found.account.business_profile?.name ?? "", routing_number: "110000000", account_number: "000123456789", accept_terms: false };
    sendPage(response, 200, ONBOARDING_TITLE, form(found.link, found.account, values, {}));
  });

  router.add("POST", "/connect/onboarding/:linkId", (request, response) => {
    const found = usableLink(core, request, response);
    if (!found) return;
    const submitted = readForm(request);
    const values: FormValues = {
      full_name: submitted.get("full_name") ?? "",
      routing_number: (submitted.get("routing_number") ?? "").trim(),
      account_number: (submitted.get("account_number") ?? "").trim(),
      accept_terms: submitted.has("accept_terms"),
    };
    const errors = validate(values);
    if (Object.keys(errors).length > 0) return sendPage(response, 422, `Error: ${ONBOARDING_TITLE}`, form(found.link, found.account, values, errors));
    found.link.usedAt = core.clock.nowSeconds();
    completeOnboarding(core, found.account.id, { fullName: values.full_name.trim(), routingNumber: values.routing_number, accountNumber: values.account_number });
    response.writeHead(303, { location: found.link.returnUrl, "cache-control": "no-store", "content-length": 0 });
    response.end();
  });
}
