// GET /__sandbox: a page for a person running the demo, over the JSON control endpoints: set a
// variant's stock at each of the shop's locations (Shopify keeps stock per location), see the
// online total a shopper is shown, buy it (a paid order with webhooks), and flip the webhook
// switches.
import { sendText } from "../http";
import type { ShopifyRouteModule } from "./index";
import type { SandboxLocation, SandboxProduct } from "./state";
import { locationNote, variantStock } from "./stock-view";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** "A", "A and B", "A, B and C". */
const listOf = (names: string[]) => (names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);

/** An untracked item is always for sale, whatever its locations hold. */
const UNTRACKED = "Not tracked<small>always available</small>";

const productStatus: Record<SandboxProduct["status"], string> = { ACTIVE: "", DRAFT: "Draft, not on the storefront", ARCHIVED: "Archived, not on the storefront" };

function explanation(locations: SandboxLocation[]): string {
  const online = locations.filter((location) => location.isActive && location.fulfillsOnlineOrders).map((location) => location.name);
  const elsewhere = locations.filter((location) => !(location.isActive && location.fulfillsOnlineOrders)).map((location) => location.name);
  const shown = online.length ? `the sum of the stock at ${listOf(online.map(escapeHtml))}, the locations that sell online` : "nothing: no location sells online";
  const ignored = elsewhere.length ? ` Stock at ${listOf(elsewhere.map(escapeHtml))} is not counted.` : "";
  return `<p>Shopify keeps stock per location. Shoppers see ${shown}: the <strong>Online total</strong> column.${ignored}
Saving a number sets that location's stock, as a merchant would in Shopify admin, and Shopify tells the app with an <code>inventory_levels/update</code> webhook.</p>`;
}

export const registerControlPage: ShopifyRouteModule = (router, context) => {
  router.add("GET", "/__sandbox", (request, response) => {
    const shop = request.url.searchParams.get("shop") ?? context.state.listShops()[0]?.domain ?? "";
    const known = context.state.hasShop(shop);
    const current = known ? context.state.getShop(shop) : null;
    const locations = current?.locations ?? [];
    const locationHeads = locations
      .map((location) => `<th scope="col" data-location-head="${escapeHtml(location.id)}">${escapeHtml(location.name)}<small>${locationNote(location)}</small></th>`)
      .join("");
    // One tbody per product, its name spanning its variants' rows.
    const rows = (current?.products ?? [])
      .map((product) => {
        const status = productStatus[product.status];
        const productCell = `<th scope="rowgroup" rowspan="${product.variants.length}">${escapeHtml(product.title)}${status ? `<small>${status}</small>` : ""}</th>`;
        const variantRows = product.variants.map((variant, index) => {
          const stock = variantStock(context.state, shop, variant);
          const label = variant.title ? `${product.title} — ${variant.title}` : product.title;
          const cells = stock.locations
            .map(
              (level) =>
                `<td class="${level.sellsOnline ? "online" : "offline"}"><input type="number" step="1" inputmode="numeric" value="${level.available ?? ""}"${stock.tracked ? "" : " disabled"} placeholder="${stock.tracked ? "none" : ""}" aria-label="${escapeHtml(`Stock at ${level.name} (${level.note}), ${label}`)}" data-location="${escapeHtml(level.locationId)}" data-saved="${level.available ?? ""}"></td>`,
            )
            .join("");
          return `<tr data-row="${escapeHtml(variant.id)}" data-label="${escapeHtml(label)}">${index === 0 ? productCell : ""}<td>${escapeHtml(variant.title)}</td>
${cells}<td class="total"><output data-online-total>${stock.tracked ? stock.onlineAvailable : UNTRACKED}</output></td>
<td>${stock.tracked ? `<button type="button" data-save="${escapeHtml(variant.id)}">Save stock</button>` : ""}</td><td><button type="button" data-buy="${escapeHtml(variant.id)}">Buy one</button></td></tr>`;
        });
        return `<tbody>${variantRows.join("\n")}</tbody>`;
      })
      .join("\n");
    sendText(
      response,
      known ? 200 : 404,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox controls</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}
p{max-width:60rem}
table{border-collapse:collapse}
td,th{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#fff;vertical-align:bottom;box-shadow:0 1px 0 #999}
th small,td small{display:block;font-weight:normal;color:#555}
td.online{background:#f1f8f1}
tbody{border-top:2px solid #999}
td.total{font-weight:bold;font-variant-numeric:tabular-nums}
input[type=number]{width:5rem}
button{white-space:nowrap}
fieldset label{margin-right:1rem}
tr.saved td,tr.saved th{background:#fff6cc}
#status{max-width:none;position:fixed;left:0;right:0;bottom:0;margin:0;padding:.75rem 2rem;background:#fff6cc;border-top:1px solid #c9a400;font-weight:bold}
#status:empty{display:none}
body{padding-bottom:4rem}
</style></head>
<body><h1>Sandbox controls for ${escapeHtml(current?.name ?? shop)}</h1>
${current ? `<p>${escapeHtml(current.domain)}</p>${explanation(locations)}` : `<p>No shop ${escapeHtml(shop)} in the sandbox.</p>`}
<fieldset><legend>Webhook delivery</legend>
<label><input type="checkbox" id="duplicate"> Deliver every event twice</label>
<label><input type="checkbox" id="reverse"> Deliver batches of 5 in reverse order</label>
<button type="button" id="switches">Apply</button></fieldset>
<p role="status" id="status" aria-live="polite"></p>
<table><thead><tr><th scope="col">Product</th><th scope="col">Variant</th>${locationHeads}<th scope="col">Online total<small>what shoppers see</small></th><th scope="col"><span hidden>Save</span></th><th scope="col">Checkout</th></tr></thead>${rows}</table>
<script>
const base = "/__sandbox/shops/${encodeURIComponent(shop)}";
const names = ${JSON.stringify(Object.fromEntries(locations.map((location) => [location.id, location.name]))).replace(/</g, "\\u003c")};
const say = (text) => (document.getElementById("status").textContent = text);
async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) say("Refused: " + json.error);
  return response.ok ? json : null;
}
function show(row, stock) {
  for (const level of stock.locations) {
    const input = row.querySelector('input[data-location="' + level.locationId + '"]');
    if (!input) continue;
    input.value = level.available ?? "";
    input.dataset.saved = level.available ?? "";
  }
  const total = row.querySelector("[data-online-total]");
  if (stock.tracked) total.textContent = stock.onlineAvailable;
  else total.innerHTML = ${JSON.stringify(UNTRACKED)};
  for (const other of document.querySelectorAll("tr.saved")) other.classList.remove("saved");
  row.classList.add("saved");
}
async function save(row) {
  const changed = [...row.querySelectorAll("input[data-location]")].filter((input) => input.value !== input.dataset.saved);
  if (changed.length === 0) return say("Nothing to save for " + row.dataset.label + ": change a location's number first.");
  for (const input of changed) {
    if (!/^-?\\d+$/.test(input.value.trim())) return say("Enter a whole number for " + names[input.dataset.location] + ".");
  }
  let result = null;
  for (const input of changed) {
    result = await post(base + "/inventory/set", { variantId: row.dataset.row, locationId: input.dataset.location, available: Number(input.value) });
    if (!result) return;
  }
  show(row, result.stock);
  const set = changed.map((input) => names[input.dataset.location] + " " + input.value).join(", ");
  const online = result.stock.locations.filter((level) => level.sellsOnline).map((level) => level.name + " " + (level.available ?? 0));
  say("Saved " + row.dataset.label + ": " + set + ". Online total, what shoppers see: " + result.stock.onlineAvailable + (online.length > 1 ? " (" + online.join(" + ") + ")." : "."));
}
document.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.dataset.location) void save(event.target.closest("tr"));
});
document.addEventListener("click", async (event) => {
  const target = event.target;
  if (target.dataset.save) {
    await save(target.closest("tr"));
  } else if (target.dataset.buy) {
    const row = target.closest("tr");
    const order = await post(base + "/orders", { lines: [{ variantId: target.dataset.buy, quantity: 1 }] });
    if (!order) return;
    const catalog = await (await fetch(base + "/products")).json();
    const variant = catalog.products.flatMap((product) => product.variants).find((candidate) => candidate.id === target.dataset.buy);
    if (variant) show(row, { tracked: variant.tracked, onlineAvailable: variant.available, locations: variant.levels });
    say("Paid order " + order.name + ": 1 × " + row.dataset.label + "." + (variant && variant.tracked ? " Online total now " + variant.available + "." : ""));
  } else if (target.id === "switches") {
    if (await post("/__sandbox/webhooks", {
      duplicate: document.getElementById("duplicate").checked,
      outOfOrder: document.getElementById("reverse").checked ? { order: "reverse", batchSize: 5 } : null,
    })) say("Webhook delivery switches applied.");
  }
});
</script></body></html>`,
    );
  });
};
