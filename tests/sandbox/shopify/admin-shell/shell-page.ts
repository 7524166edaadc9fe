// The admin frame around the embedded app, as admin.shopify.com draws it: a top bar, the left
// navigation with the app's own menu (mirrored from the app's <ui-nav-menu> by the App Bridge
// stand-in), a title bar, and the iframe that loads the app with Shopify's launch parameters.

export interface ShellPageInput {
  shopDomain: string;
  shopName: string;
  appName: string;
  /** The app's path in the admin, e.g. /admin/apps/live-shows. */
  shellBase: string;
  iframeSrc: string;
  appOrigin: string;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Shopify's `host` launch parameter: "admin.shopify.com/store/<store>" in base64, unpadded. */
export function hostParam(shopDomain: string): string {
  // Standard base64 (not base64url): @shopify/shopify-api's sanitizeHost only accepts [0-9a-zA-Z+/].
  return Buffer.from(`admin.shopify.com/store/${shopDomain.replace(/\.myshopify\.com$/, "")}`).toString("base64").replace(/=+$/, "");
}

export function shellPage(input: ShellPageInput): string {
  const settings = JSON.stringify({ appOrigin: input.appOrigin, shellBase: input.shellBase, shop: input.shopDomain }).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.appName)} · ${escapeHtml(input.shopName)} · Shopify admin (sandbox)</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #303030; }
  body { margin: 0; height: 100vh; display: grid; grid-template-rows: 3.5rem 1fr; background: #f1f1f1; }
  .topbar { display: flex; align-items: center; gap: 1rem; padding: 0 1rem; background: #1a1a1a; color: #e3e3e3; }
  .topbar__logo { font-weight: 700; }
  .topbar__badge { background: #ffd79d; color: #4f2e00; border-radius: 6px; padding: .1rem .5rem; font-size: .8rem; }
  .topbar__shop { margin-inline-start: auto; }
  .body { display: grid; grid-template-columns: 15rem 1fr; min-height: 0; }
  .leftnav { padding: .75rem; overflow: auto; }
  .leftnav ul { list-style: none; margin: 0; padding: 0; }
  .leftnav a, .leftnav span { display: block; padding: .35rem .6rem; border-radius: 8px; color: inherit; text-decoration: none; }
  .leftnav a:hover, .leftnav a[aria-current="page"] { background: #fff; }
  .leftnav__section { margin-top: 1rem; }
  .leftnav__section h2 { font-size: .75rem; text-transform: uppercase; color: #616161; margin: .5rem .6rem; }
  .leftnav__app > a { font-weight: 600; }
  .leftnav__app ul a { padding-inline-start: 1.6rem; }
  .leftnav__static span { color: #8a8a8a; }
  .main { display: grid; grid-template-rows: auto 1fr; min-height: 0; padding: 0 1rem 1rem; }
  .titlebar { display: flex; align-items: center; gap: .5rem; min-height: 3rem; }
  .titlebar h1 { font-size: 1.1rem; margin: 0; margin-inline-end: auto; }
  .titlebar button { font: inherit; padding: .35rem .8rem; border-radius: 8px; border: 1px solid #c9c9c9; background: #fff; cursor: pointer; }
  .titlebar button[data-variant="primary"] { background: #303030; color: #fff; border-color: #303030; }
  iframe { width: 100%; height: 100%; border: 0; border-radius: 12px; background: #fff; }
</style>
</head>
<body>
<header class="topbar">
  <span class="topbar__logo">Shopify admin</span>
  <span class="topbar__badge">Sandbox</span>
  <span class="topbar__shop" data-shop-domain="${escapeHtml(input.shopDomain)}">${escapeHtml(input.shopName)}</span>
</header>
<div class="body">
  <nav class="leftnav" aria-label="Admin navigation">
    <ul class="leftnav__static">
      <li><span aria-disabled="true">Home</span></li>
      <li><span aria-disabled="true">Orders</span></li>
      <li><span aria-disabled="true">Products</span></li>
    </ul>
    <div class="leftnav__section">
      <h2>Apps</h2>
      <div class="leftnav__app">
        <a href="${escapeHtml(input.shellBase)}?shop=${encodeURIComponent(input.shopDomain)}" data-app-home>${escapeHtml(input.appName)}</a>
        <ul data-app-nav></ul>
      </div>
    </div>
  </nav>
  <div class="main">
    <div class="titlebar">
      <h1 data-app-title>${escapeHtml(input.appName)}</h1>
      <div data-title-actions></div>
    </div>
    <iframe name="app-iframe" title="${escapeHtml(input.appName)}" src="${escapeHtml(input.iframeSrc)}" allow="clipboard-write"></iframe>
  </div>
</div>
<script>
(function () {
  "use strict";
  var settings = ${settings};
  var iframe = document.querySelector("iframe[name=app-iframe]");
  var nav = document.querySelector("[data-app-nav]");
  var home = document.querySelector("[data-app-home]");
  var title = document.querySelector("[data-app-title]");
  var actions = document.querySelector("[data-title-actions]");
  var homeHref = "/app";
  function shellUrl(appPath) {
    return settings.shellBase + (appPath === "/" ? "" : appPath.split("?")[0]) + "?shop=" + encodeURIComponent(settings.shop);
  }
  function tellApp(message) {
    iframe.contentWindow.postMessage(message, settings.appOrigin);
  }
  function navigate(event, href) {
    event.preventDefault();
    tellApp({ type: "sandbox:navigate", href: href });
  }
  home.addEventListener("click", function (event) { navigate(event, homeHref); });
  function markCurrent(path) {
    nav.querySelectorAll("a").forEach(function (link) {
      if (link.dataset.href === path) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }
  var handlers = {
    "sandbox:nav-menu": function (data) {
      nav.textContent = "";
      data.items.forEach(function (item) {
        if (item.home) {
          homeHref = item.href;
          home.textContent = item.label || home.textContent;
          return;
        }
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = shellUrl(item.href);
        link.dataset.href = item.href;
        link.textContent = item.label;
        link.addEventListener("click", function (event) { navigate(event, item.href); });
        li.appendChild(link);
        nav.appendChild(li);
      });
    },
    "sandbox:location": function (data) {
      history.replaceState(null, "", shellUrl(data.path));
      markCurrent(data.path.split("?")[0]);
    },
    "sandbox:title-bar": function (data) {
      title.textContent = data.title || home.textContent;
      actions.textContent = "";
      data.buttons.forEach(function (button) {
        var element = document.createElement("button");
        element.type = "button";
        element.textContent = button.label;
        element.disabled = Boolean(button.disabled);
        if (button.variant) element.dataset.variant = button.variant;
        element.addEventListener("click", function () { tellApp({ type: "sandbox:title-bar-action", index: button.index }); });
        actions.appendChild(element);
      });
    },
    "sandbox:open": function (data) {
      window.location.href = data.url;
    },
  };
  window.addEventListener("message", function (event) {
    if (event.origin !== settings.appOrigin || event.source !== iframe.contentWindow) return;
    var handler = event.data && handlers[event.data.type];
    if (handler) handler(event.data);
  });
})();
</script>
</body>
</html>`;
}
