// GET /__sandbox: a page for a person running the demo, over the JSON control endpoints:
// set a variant's stock, buy it (a paid order with webhooks), and flip the webhook switches.
import { sendText } from "../http";
import type { ShopifyRouteModule } from "./index";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const registerControlPage: ShopifyRouteModule = (router, context) => {
  router.add("GET", "/__sandbox", (request, response) => {
    const shop = request.url.searchParams.get("shop") ?? context.state.listShops()[0]?.domain ?? "";
    const rows = context.state.hasShop(shop)
      ? context.state
          .getShop(shop)
          .products.flatMap((product) =>
            product.variants.map((variant) => {
              const available = context.state.availableQuantity(shop, variant);
              return `<tr><th scope="row">${escapeHtml(product.title)}</th><td>${escapeHtml(variant.title)}</td>
<td><label>Stock <input type="number" value="${available ?? ""}" ${available === null ? 'disabled title="Not tracked"' : ""} data-variant="${variant.id}"></label>
<button type="button" data-set="${variant.id}">Set</button></td>
<td><button type="button" data-buy="${variant.id}">Buy one</button></td></tr>`;
            }),
          )
          .join("\n")
      : "";
    sendText(
      response,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sandbox controls</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left}input{width:5rem}</style></head>
<body><h1>Sandbox controls for ${escapeHtml(shop)}</h1>
<p role="status" id="status" aria-live="polite"></p>
<fieldset><legend>Webhook delivery</legend>
<label><input type="checkbox" id="duplicate"> Deliver every event twice</label>
<label><input type="checkbox" id="reverse"> Deliver batches of 5 in reverse order</label>
<button type="button" id="switches">Apply</button></fieldset>
<table><thead><tr><th>Product</th><th>Variant</th><th>Stock online</th><th>Checkout</th></tr></thead><tbody>${rows}</tbody></table>
<script>
const base = "/__sandbox/shops/${encodeURIComponent(shop)}";
const say = (text) => (document.getElementById("status").textContent = text);
async function post(path, body) {
  const response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await response.json();
  say(response.ok ? "Done." : "Refused: " + json.error);
  return response.ok;
}
document.addEventListener("click", async (event) => {
  const target = event.target;
  if (target.dataset.set) {
    const input = document.querySelector('input[data-variant="' + target.dataset.set + '"]');
    await post(base + "/inventory/set", { variantId: target.dataset.set, available: Number(input.value) });
  } else if (target.dataset.buy) {
    if (await post(base + "/orders", { lines: [{ variantId: target.dataset.buy, quantity: 1 }] })) location.reload();
  } else if (target.id === "switches") {
    await post("/__sandbox/webhooks", {
      duplicate: document.getElementById("duplicate").checked,
      outOfOrder: document.getElementById("reverse").checked ? { order: "reverse", batchSize: 5 } : null,
    });
  }
});
</script></body></html>`,
    );
  });
};
