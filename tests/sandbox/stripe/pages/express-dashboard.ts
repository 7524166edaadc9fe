// Where a login link leads: a read-only stand-in for Stripe's Express dashboard showing the
// connected account's balance, the transfers it received and its payouts.
import type { ServerResponse } from "node:http";
import type Stripe from "stripe";
import type { Router } from "../../http";
import type { StripeCore } from "../core";
import { formatDate, formatMoney, html, sendPage, type SafeHtml } from "./html";

export const DASHBOARD_TITLE = "Express dashboard";

function balanceTable(balance: Stripe.Balance): SafeHtml {
  const pending = new Map(balance.pending.map((row) => [row.currency, row.amount]));
  return html`<table>
<caption>Balance by currency</caption>
<thead><tr><th scope="col">Currency</th><th scope="col">Available</th><th scope="col">Pending</th></tr></thead>
<tbody>${balance.available.map(
    (row) => html`<tr><th scope="row">${row.currency.toUpperCase()}</th><td>${formatMoney(row.amount, row.currency)}</td><td>${formatMoney(pending.get(row.currency) ?? 0, row.currency)}</td></tr>`,
  )}</tbody>
</table>`;
}

function transfersTable(transfers: Stripe.Transfer[]): SafeHtml {
  if (transfers.length === 0) return html`<p>No transfers yet.</p>`;
  return html`<table>
<caption>Transfers from the platform, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Reversed</th><th scope="col">Description</th><th scope="col">ID</th></tr></thead>
<tbody>${transfers.map(
    (transfer) =>
      html`<tr><td>${formatDate(transfer.created)}</td><td>${formatMoney(transfer.amount, transfer.currency)}</td><td>${transfer.amount_reversed ? formatMoney(transfer.amount_reversed, transfer.currency) : "—"}</td><td>${transfer.description ?? transfer.transfer_group ?? ""}</td><td><code>${transfer.id}</code></td></tr>`,
  )}</tbody>
</table>`;
}

function payoutsTable(payouts: Stripe.Payout[]): SafeHtml {
  if (payouts.length === 0) return html`<p>No payouts yet.</p>`;
  return html`<table>
<caption>Payouts to your bank account, newest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Arrives</th></tr></thead>
<tbody>${payouts.map(
    (payout) => html`<tr><td>${formatDate(payout.created)}</td><td>${formatMoney(payout.amount, payout.currency)}</td><td>${payout.status}</td><td>${formatDate(payout.arrival_date)}</td></tr>`,
  )}</tbody>
</table>`;
}

function unusable(response: ServerResponse, status: number, heading: string, explanation: string) {
  sendPage(response, status, heading, html`<h1>${heading}</h1><p>${explanation}</p>`);
}

export function mountExpressDashboard(router: Router, core: StripeCore): void {
  router.add("GET", "/connect/express/:linkId", (request, response) => {
    const link = core.state.loginLinks.get(request.params.linkId ?? "");
    if (!link) return unusable(response, 404, "Dashboard link not found", "This dashboard link does not exist. Open the dashboard again from the platform.");
    if (core.clock.nowSeconds() >= link.expiresAt) {
      return unusable(response, 410, "Dashboard link expired", "This dashboard link has expired. Open the dashboard again from the platform.");
    }
    const account = core.state.accounts.get(link.account);
    if (!account) return unusable(response, 410, "Account no longer exists", "The account this link was made for has been deleted.");

    const balance = core.ledger.toBalance(account.id, account.default_currency ?? "usd");
    const transfers = [...core.state.transfers.values()].filter((transfer) => transfer.destination === account.id).reverse();
    const payouts = [...core.state.payouts.values()].filter((record) => record.account === account.id).map((record) => record.payout).reverse();
    sendPage(
      response,
      200,
      `${DASHBOARD_TITLE} — ${account.business_profile?.name ?? account.email ?? account.id}`,
      html`<h1>${DASHBOARD_TITLE}</h1>
<p>${account.business_profile?.name ?? account.email ?? ""} <span class="note">(${account.id})</span></p>
<section aria-labelledby="balance-heading"><h2 id="balance-heading">Balance</h2>${balanceTable(balance)}</section>
<section aria-labelledby="transfers-heading"><h2 id="transfers-heading">Transfers</h2>${transfersTable(transfers)}</section>
<section aria-labelledby="payouts-heading"><h2 id="payouts-heading">Payouts</h2>${payoutsTable(payouts)}</section>`,
    );
  });
}
