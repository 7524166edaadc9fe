// The App Bridge stand-in in Chromium, inside the sandbox admin frame, with a stub app on its
// own origin (the real app's version of this journey is admin-shell.test.ts). Checks what the
// app relies on: the nav menu mirrored to the admin and navigating through shopify:navigate,
// the title bar's buttons, fetch carrying a session token (and retrying once when told to),
// the resource picker, toasts, the save bar, modals, and the bounce page reloading with a fresh
// id_token.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startShopifyEmulator, type ShopifyEmulator } from "../sandbox/shopify";
import { adminAppUrl, appBridgeUrl } from "../sandbox/shopify/admin-shell";
import { testShopifyApi } from "../sandbox/shopify/testing";
import { addFixtureShop } from "../sandbox/shopify/storefront/test-fixtures";
import { sandboxShopify } from "../sandbox/config";
import { collectPageErrors, launchBrowser, newPage } from "./browser";

const SHOP = "bridge-shop.myshopify.com";
const shopify = testShopifyApi();
let emulator: ShopifyEmulator;
let browser: Browser;
let app: Server;
let appUrl: string;

/** Resolves the shop of a valid session token, or undefined. */
async function tokenShop(token: string | null | undefined): Promise<string | undefined> {
  if (!token) return undefined;
  try {
    return new URL((await shopify.session.decodeSessionToken(token)).dest).hostname;
  } catch {
    return undefined;
  }
}

function stubPage(path: string, tokenVerdict: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Stub app</title></head><body>
<script src="${appBridgeUrl(emulator.url)}" data-api-key="${sandboxShopify.apiKey}"></script>
<ui-nav-menu><a href="/app" rel="home">Live Shows</a><a href="/app/shows">Shows</a><a href="/app/settings">Settings</a></ui-nav-menu>
<ui-title-bar title="Stub shows"><button variant="primary" id="new-show">New show</button></ui-title-bar>
<h1 id="path">${path}</h1>
<p id="token">${tokenVerdict}</p>
<p>Navigated to <output id="navigated"></output>; title bar clicks <output id="clicks">0</output></p>
<button id="whoami">Who am I</button> <output id="whoami-result"></output>
<button id="retry">Retry once</button> <output id="retry-result"></output>
<button id="pick">Pick products</button> <output id="picked"></output>
<button id="toast">Toast</button>
<button id="edit">Edit</button> <output id="saved"></output>
<ui-save-bar id="show-save-bar"><button variant="primary" id="save">Save</button><button id="discard">Discard</button></ui-save-bar>
<button id="ask">Delete show</button> <output id="answer"></output>
<ui-modal id="confirm-delete"><ui-title-bar title="Delete this show?"><button variant="primary" id="confirm">Delete</button></ui-title-bar></ui-modal>
<script>
  // What React's <Modal> does: portal the content into the element's \`content\`.
  document.getElementById("confirm-delete").content.textContent = "The replay goes too.";
  document.getElementById("edit").onclick = () => shopify.saveBar.show("show-save-bar");
  document.getElementById("save").onclick = async () => { await shopify.saveBar.hide("show-save-bar"); document.getElementById("saved").textContent = "saved"; };
  document.getElementById("ask").onclick = () => shopify.modal.show("confirm-delete");
  document.getElementById("confirm").onclick = async () => { await shopify.modal.hide("confirm-delete"); document.getElementById("answer").textContent = "deleted"; };
</script>
<script>
  addEventListener("shopify:navigate", (event) => { document.getElementById("navigated").textContent = event.target.getAttribute("href"); });
  document.getElementById("new-show").addEventListener("click", () => { const out = document.getElementById("clicks"); out.textContent = String(Number(out.textContent) + 1); });
  document.getElementById("whoami").onclick = async () => {
    const response = await fetch("/api/whoami", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    document.getElementById("whoami-result").textContent = response.status + " " + (await response.text());
  };
  document.getElementById("retry").onclick = async () => {
    const response = await fetch(new Request("/api/retry"));
    document.getElementById("retry-result").textContent = response.status + " " + (await response.text());
  };
  document.getElementById("pick").onclick = async () => {
    const picked = await shopify.resourcePicker({ type: "product", multiple: true, action: "select" });
    document.getElementById("picked").textContent = JSON.stringify(picked && picked.map((product) => ({ title: product.title, price: product.variants[0].price, image: product.images[0].originalSrc })));
  };
  document.getElementById("toast").onclick = () => shopify.toast.show("Show saved");
</script>
</body></html>`;
}

let retries = 0;

beforeAll(async () => {
  app = createServer(async (request, response) => {
    for await (const _chunk of request); // drain the body
    const url = new URL(request.url ?? "/", "http://stub");
    const bearer = request.headers.authorization?.replace(/^Bearer /, "");
    if (url.pathname === "/api/whoami") {
      const shop = await tokenShop(bearer);
      response.writeHead(shop ? 200 : 401, { "content-type": "text/plain" }).end(shop ?? "no token");
      return;
    }
    if (url.pathname === "/api/retry") {
      // shopify-app-remix's answer to an expired token: 401 and "retry with a fresh one".
      retries += 1;
      if (retries === 1) {
        response.writeHead(401, { "X-Shopify-Retry-Invalid-Session-Request": "1" }).end();
        return;
      }
      response.writeHead((await tokenShop(bearer)) ? 200 : 401, { "content-type": "text/plain" }).end(`attempt ${retries}`);
      return;
    }
    const verdict = (await tokenShop(url.searchParams.get("id_token"))) ? "id_token valid" : "no id_token";
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(stubPage(url.pathname, verdict));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  [emulator, browser] = await Promise.all([startShopifyEmulator({ appUrl }), launchBrowser()]);
  addFixtureShop(emulator.state, SHOP, emulator.url);
});
afterAll(async () => {
  await browser?.close();
  await emulator?.close();
  app?.closeAllConnections();
  await new Promise<void>((resolve) => app?.close(() => resolve()));
});

describe("the App Bridge stand-in in the admin frame", () => {
  it("serves what an embedded app uses of App Bridge", async () => {
    const page = await newPage(browser);
    const errors = collectPageErrors(page);
    await page.goto(adminAppUrl(emulator.url, SHOP));
    const frame = page.frameLocator("iframe[name=app-iframe]");
    await expect(frame.locator("#token").textContent()).resolves.toBe("id_token valid");

    // The nav menu is mirrored into the admin; a click navigates the app through shopify:navigate.
    const adminNav = page.getByRole("navigation", { name: "Admin navigation" });
    await adminNav.getByRole("link", { name: "Shows", exact: true }).click();
    await frame.locator("#navigated", { hasText: "/app/shows" }).waitFor();
    expect(await adminNav.getByRole("link", { name: "Live Shows" }).getAttribute("href")).toBe(`/admin/apps/live-shows?shop=${SHOP}`);

    // The title bar shows in the admin and its button clicks the app's own button.
    await page.locator("[data-app-title]", { hasText: "Stub shows" }).waitFor();
    await page.getByRole("button", { name: "New show" }).click();
    await frame.locator("#clicks", { hasText: "1" }).waitFor();

    // fetch to the app's origin carries a session token; an invalid-session 401 is retried once.
    await frame.getByRole("button", { name: "Who am I" }).click();
    await expect(frame.locator("#whoami-result", { hasText: /\S/ }).textContent()).resolves.toBe(`200 ${SHOP}`);
    await frame.getByRole("button", { name: "Retry once" }).click();
    await expect(frame.locator("#retry-result", { hasText: /\S/ }).textContent()).resolves.toBe("200 attempt 2");

    // The resource picker: a labelled modal dialog over the sandbox catalog.
    await frame.getByRole("button", { name: "Pick products" }).click();
    const dialog = frame.getByRole("dialog", { name: "Select products" });
    await dialog.getByRole("searchbox", { name: "Search products" }).fill("scarf");
    await dialog.getByRole("checkbox", { name: /Silk Scarf/ }).check();
    await expect(dialog.getByRole("checkbox").count()).resolves.toBe(1);
    await dialog.getByRole("button", { name: "Select" }).click();
    await dialog.waitFor({ state: "detached" });
    const picked = JSON.parse((await frame.locator("#picked", { hasText: /\S/ }).textContent()) ?? "null") as unknown;
    expect(picked).toEqual([{ title: "Silk Scarf", price: "45.00", image: `${emulator.url}/cdn/products/silk-scarf.svg` }]);

    await frame.getByRole("button", { name: "Toast" }).click();
    await frame.getByRole("status").filter({ hasText: "Show saved" }).waitFor();

    // The save bar mirrors the app's buttons; the modal shows its content under its title bar.
    await frame.getByRole("button", { name: "Edit" }).click();
    const saveBar = frame.getByRole("region", { name: "Unsaved changes" });
    await saveBar.getByRole("button", { name: "Save" }).click();
    await frame.locator("#saved", { hasText: "saved" }).waitFor();
    await saveBar.waitFor({ state: "detached" });
    await frame.getByRole("button", { name: "Delete show" }).click();
    const modal = frame.getByRole("dialog", { name: "Delete this show?" });
    await modal.getByText("The replay goes too.").waitFor();
    await modal.getByRole("button", { name: "Delete" }).click();
    await frame.locator("#answer", { hasText: "deleted" }).waitFor();
    await modal.waitFor({ state: "detached" });

    // The bounce page reloads the given URL with a fresh id_token.
    const reload = `${appUrl}/app/reloaded?shop=${SHOP}&embedded=1`;
    await frame.locator("body").evaluate((_body, url) => location.assign(url), `${appUrl}/auth/session-token?shop=${SHOP}&embedded=1&shopify-reload=${encodeURIComponent(reload)}`);
    await frame.locator("#path", { hasText: "/app/reloaded" }).waitFor();
    await expect(frame.locator("#token").textContent()).resolves.toBe("id_token valid");

    // Chromium logs every 4xx answer; the retry endpoint's first 401 is the one expected.
    expect(errors.filter((error) => !error.includes("401 (Unauthorized) (" + appUrl + "/api/retry)"))).toEqual([]);
  });
});
