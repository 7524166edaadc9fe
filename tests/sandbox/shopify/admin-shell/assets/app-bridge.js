// App Bridge stand-in for the sandbox (served at /cdn/shopifycloud/app-bridge.js by the Shopify
// emulator). Shopify's real script loads from cdn.shopify.com, which these machines cannot reach;
// this one implements what an App Bridge v4 app uses, against the sandbox:
//   - window.shopify: config, idToken(), toast, loading, resourcePicker, saveBar, modal, user,
//     environment, ready;
//   - fetch: same-origin requests carry `Authorization: Bearer <session token>`, an invalid-session
//     401 is retried once with a fresh token, and a reauthorize header redirects;
//   - the bounce page (/auth/session-token?shopify-reload=…) reloads with a fresh id_token;
//   - <ui-nav-menu>, <ui-title-bar>, <ui-save-bar>, <ui-modal>: the nav menu and title bar are
//     mirrored to the sandbox admin frame, which sends back navigation and button clicks.
// UI that App Bridge would draw in the admin (toasts, save bar, modals, the picker) is drawn
// inside the app's own document here, created only when first needed so that React's
// hydration of the server-rendered page never meets nodes it did not render.
(function () {
  "use strict";
  if (window.shopify && window.shopify.__sandbox) return;

  var script = document.currentScript;
  var sandboxOrigin = new URL(script ? script.src : location.href).origin;
  var nativeFetch = window.fetch.bind(window);
  var params = new URLSearchParams(location.search);
  var inAdminFrame = window.parent !== window;

  // ---------------------------------------------------------------- config
  // Launch parameters come with the first load; later pages (client-side navigation, reloads
  // without them) read what was kept.
  var CONFIG_KEY = "sandbox-app-bridge:config";
  var kept = {};
  try {
    kept = JSON.parse(sessionStorage.getItem(CONFIG_KEY) || "{}");
  } catch {
    kept = {};
  }
  function shopFromHost(host) {
    try {
      var decoded = atob(host.replace(/-/g, "+").replace(/_/g, "/"));
      var store = /\/store\/([^/?#]+)/.exec(decoded);
      return store ? store[1] + ".myshopify.com" : "";
    } catch {
      return "";
    }
  }
  var config = {
    apiKey: (script && script.getAttribute("data-api-key")) || kept.apiKey || "",
    host: params.get("host") || kept.host || "",
    shop: params.get("shop") || kept.shop || "",
    locale: params.get("locale") || kept.locale || "en",
  };
  if (!config.shop && config.host) config.shop = shopFromHost(config.host);
  try {
    sessionStorage.setItem(CONFIG_KEY, JSON.stringify(config));
  } catch {
    /* storage may be blocked in a third-party frame; the URL still has the parameters */
  }

  // ---------------------------------------------------------------- session tokens
  var cachedToken = null; // { token, exp } with exp in seconds
  function tokenExpiry(token) {
    try {
      var payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
      return Number(payload.exp) || 0;
    } catch {
      return 0;
    }
  }
  if (params.get("id_token")) {
    cachedToken = { token: params.get("id_token"), exp: tokenExpiry(params.get("id_token")) };
  }
  var pendingToken = null;
  function idToken(fresh) {
    var now = Date.now() / 1000;
    if (!fresh && cachedToken && cachedToken.exp - 10 > now) return Promise.resolve(cachedToken.token);
    if (pendingToken) return pendingToken;
    var url = sandboxOrigin + "/__sandbox/admin-shell/session-token?shop=" + encodeURIComponent(config.shop);
    pendingToken = nativeFetch(url, { credentials: "omit", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("App Bridge (sandbox): no session token for " + config.shop + " (" + response.status + ")");
        return response.json();
      })
      .then(function (body) {
        cachedToken = { token: body.token, exp: body.exp };
        return body.token;
      })
      .finally(function () {
        pendingToken = null;
      });
    return pendingToken;
  }

  // ---------------------------------------------------------------- leaving the app
  function openUrl(url, target) {
    var destination = new URL(url, location.href);
    if (target !== "_top" && destination.origin === location.origin) {
      location.assign(destination.href);
    } else if (inAdminFrame) {
      window.parent.postMessage({ type: "sandbox:open", url: destination.href }, sandboxOrigin);
    } else {
      location.assign(destination.href);
    }
  }

  // ---------------------------------------------------------------- fetch
  // App Bridge v4 authenticates the app's own requests: Remix loaders and actions called from
  // the browser pass authenticate.admin with this header.
  var RETRY_HEADER = "X-Shopify-Retry-Invalid-Session-Request";
  var REAUTHORIZE_HEADER = "X-Shopify-API-Request-Failure-Reauthorize-Url";
  function isAppRequest(input) {
    var url = new URL(input instanceof Request ? input.url : String(input), location.href);
    return url.origin === location.origin;
  }
  function withToken(input, init, token) {
    var headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    headers.set("Authorization", "Bearer " + token);
    return Object.assign({}, init, { headers: headers });
  }
  window.fetch = function (input, init) {
    var given = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
    if (!isAppRequest(input) || given.has("Authorization")) return nativeFetch(input, init);
    var spare = input instanceof Request ? input.clone() : input; // a Request body can be read once
    return idToken(false).then(function (token) {
      return nativeFetch(input, withToken(input, init, token)).then(function (response) {
        if (response.status === 401 && response.headers.get(RETRY_HEADER) === "1") {
          return idToken(true).then(function (fresh) {
            return nativeFetch(spare, withToken(spare, init, fresh));
          });
        }
        return response;
      });
    }).then(function (response) {
      var reauthorize = response.headers.get(REAUTHORIZE_HEADER);
      if (reauthorize) openUrl(reauthorize, new URL(reauthorize, location.href).origin === location.origin ? "_self" : "_top");
      return response;
    });
  };

  // ---------------------------------------------------------------- the bounce page
  // shopify-app-remix sends document requests without a valid id_token to
  // /auth/session-token?shopify-reload=<url>; App Bridge reloads <url> with a fresh token.
  var reload = params.get("shopify-reload");
  if (reload) {
    var reloadUrl = new URL(reload, location.href);
    if (reloadUrl.origin === location.origin) {
      idToken(true).then(function (token) {
        reloadUrl.searchParams.set("id_token", token);
        location.replace(reloadUrl.href);
      });
    }
  }

  // ---------------------------------------------------------------- the admin frame
  function tellAdmin(message) {
    if (inAdminFrame) window.parent.postMessage(message, sandboxOrigin);
  }
  var LAUNCH_PARAMS = ["shop", "host", "embedded", "id_token", "locale", "hmac", "timestamp", "session", "shopify-reload"];
  function reportLocation() {
    var url = new URL(location.href);
    LAUNCH_PARAMS.forEach(function (name) {
      url.searchParams.delete(name);
    });
    tellAdmin({ type: "sandbox:location", path: url.pathname + url.search });
  }
  ["pushState", "replaceState"].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      var result = original.apply(this, arguments);
      reportLocation();
      return result;
    };
  });
  window.addEventListener("popstate", reportLocation);
  reportLocation();

  window.addEventListener("message", function (event) {
    if (event.origin !== sandboxOrigin || !event.data) return;
    if (event.data.type === "sandbox:navigate") navigateTo(event.data.href);
    if (event.data.type === "sandbox:title-bar-action") clickTitleBarButton(event.data.index);
  });

  /** The admin nav was clicked: App Bridge fires shopify:navigate on the menu's link. */
  function navigateTo(href) {
    var links = document.querySelectorAll("ui-nav-menu a");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") === href) {
        links[i].dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
        return;
      }
    }
    location.assign(href);
  }

  // ---------------------------------------------------------------- sandbox UI
  var STYLE = [
    ".sab-layer{position:fixed;inset:0;pointer-events:none;z-index:2147483000;font:14px/1.4 system-ui,sans-serif;color:#303030}",
    ".sab-layer>*{pointer-events:auto}",
    ".sab-toasts{position:fixed;bottom:1.5rem;left:50%;transform:translateX(-50%);display:grid;gap:.5rem}",
    ".sab-toast{background:#303030;color:#fff;border-radius:10px;padding:.6rem 1rem;display:flex;gap:.75rem;align-items:center}",
    ".sab-toast[data-error]{background:#8e1f0b}",
    ".sab-toast button{background:none;border:0;color:inherit;font:inherit;cursor:pointer;text-decoration:underline}",
    ".sab-loading{position:fixed;top:0;left:0;height:3px;width:100%;background:linear-gradient(90deg,#008060,#95c9b4)}",
    ".sab-savebar{position:fixed;top:0;left:0;right:0;display:flex;gap:.5rem;align-items:center;padding:.6rem 1rem;background:#1a1a1a;color:#fff}",
    ".sab-savebar span{margin-right:auto;font-weight:600}",
    ".sab-backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:grid;place-items:center}",
    ".sab-dialog{background:#fff;border-radius:12px;width:min(40rem,calc(100vw - 2rem));max-height:calc(100vh - 4rem);display:grid;grid-template-rows:auto 1fr auto;overflow:hidden}",
    ".sab-dialog header,.sab-dialog footer{display:flex;gap:.5rem;align-items:center;padding:.75rem 1rem;border-bottom:1px solid #e3e3e3}",
    ".sab-dialog footer{border-bottom:0;border-top:1px solid #e3e3e3;justify-content:flex-end}",
    ".sab-dialog h2{font-size:1rem;margin:0;margin-right:auto}",
    ".sab-body{overflow:auto;padding:1rem}",
    ".sab-button{font:inherit;padding:.35rem .8rem;border-radius:8px;border:1px solid #c9c9c9;background:#fff;color:#303030;cursor:pointer}",
    ".sab-button[data-variant=primary]{background:#303030;color:#fff;border-color:#303030}",
    ".sab-button[disabled]{opacity:.5;cursor:not-allowed}",
    ".sab-picker-list{list-style:none;margin:.75rem 0 0;padding:0;display:grid;gap:.25rem}",
    ".sab-picker-list label{display:flex;gap:.75rem;align-items:center;padding:.4rem;border-radius:8px;cursor:pointer}",
    ".sab-picker-list label:hover{background:#f1f1f1}",
    ".sab-picker-list img{width:40px;height:40px;border-radius:6px}",
    ".sab-picker-meta{color:#616161;font-size:.85em;display:block}",
    ".sab-search{width:100%;box-sizing:border-box;font:inherit;padding:.45rem .6rem;border:1px solid #8a8a8a;border-radius:8px}",
  ].join("\n");
  var layer = null;
  /** The container for everything the stand-in draws, made on first use (after hydration). */
  function uiLayer() {
    if (layer && layer.isConnected) return layer;
    if (!document.getElementById("sandbox-app-bridge-style")) {
      var style = document.createElement("style");
      style.id = "sandbox-app-bridge-style";
      style.textContent = STYLE;
      document.head.appendChild(style);
    }
    layer = document.createElement("div");
    layer.className = "sab-layer";
    layer.setAttribute("data-sandbox-app-bridge", "");
    document.body.appendChild(layer);
    return layer;
  }
  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "text") node.textContent = value;
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(child);
    });
    return node;
  }
  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return prefix + "-" + uid;
  }

  // ---------------------------------------------------------------- toast
  var toasts = {};
  function toastContainer() {
    var container = uiLayer().querySelector(".sab-toasts");
    if (!container) {
      container = element("div", { class: "sab-toasts" });
      uiLayer().appendChild(container);
    }
    return container;
  }
  var toast = {
    show: function (message, options) {
      var opts = options || {};
      var id = nextId("toast");
      var node = element("div", { class: "sab-toast", role: "status", "data-error": Boolean(opts.isError), "data-toast-id": id }, [
        element("span", { text: String(message) }),
        opts.action
          ? element("button", { type: "button", text: opts.action, onclick: function () { if (opts.onAction) opts.onAction(); } })
          : null,
        element("button", {
          type: "button",
          "aria-label": "Dismiss notification",
          text: "×",
          onclick: function () {
            toast.hide(id);
            if (opts.onDismiss) opts.onDismiss();
          },
        }),
      ]);
      toastContainer().appendChild(node);
      toasts[id] = setTimeout(function () { toast.hide(id); }, opts.duration || 5000);
      return id;
    },
    hide: function (id) {
      clearTimeout(toasts[id]);
      delete toasts[id];
      var node = layer && layer.querySelector('[data-toast-id="' + id + '"]');
      if (node) node.remove();
    },
  };

  // ---------------------------------------------------------------- loading
  function loading(isLoading) {
    var bar = layer && layer.querySelector(".sab-loading");
    if (isLoading === false) {
      if (bar) bar.remove();
      return;
    }
    if (!bar) uiLayer().appendChild(element("div", { class: "sab-loading", role: "progressbar", "aria-label": "Loading" }));
  }

  // ---------------------------------------------------------------- dialogs
  /**
   * An accessible modal dialog: labelled by its heading, focus moved in and kept in, Escape
   * closes, focus returns to where it was. Returns { dialog, close }.
   */
  function openDialog(options) {
    var previous = document.activeElement;
    var titleId = nextId("sab-title");
    var body = element("div", { class: "sab-body" }, options.body ? [options.body] : []);
    var footer = element("footer", {}, options.buttons || []);
    var dialog = element("div", { class: "sab-dialog", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId }, [
      element("header", {}, [
        element("h2", { id: titleId, text: options.title }),
        element("button", { type: "button", class: "sab-button", "aria-label": "Close", text: "×", onclick: function () { options.onCancel(); } }),
      ]),
      body,
      footer,
    ]);
    var backdrop = element("div", { class: "sab-backdrop" }, [dialog]);
    backdrop.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        options.onCancel();
      }
      if (event.key !== "Tab") return;
      var focusable = dialog.querySelectorAll("button:not([disabled]), input:not([disabled]), [href], select, textarea, [tabindex]:not([tabindex='-1'])");
      if (!focusable.length) return;
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    uiLayer().appendChild(backdrop);
    var target = (options.initialFocus && options.initialFocus()) || dialog.querySelector("button, input");
    if (target) target.focus();
    return {
      dialog: dialog,
      body: body,
      footer: footer,
      close: function () {
        backdrop.remove();
        if (previous && previous.focus) previous.focus();
      },
    };
  }
  function button(label, variant, onclick) {
    return element("button", { type: "button", class: "sab-button", "data-variant": variant || null, text: label, onclick: onclick });
  }

  // ---------------------------------------------------------------- resource picker
  function selectedIdsOf(selectionIds) {
    var ids = {};
    (selectionIds || []).forEach(function (selection) {
      if (selection && selection.id) ids[selection.id] = true;
    });
    return ids;
  }
  function formatPrice(amount) {
    return amount === null || amount === undefined ? "" : amount;
  }
  /** Products (or variants) from the sandbox catalog, chosen in a dialog; undefined on cancel. */
  function resourcePicker(options) {
    var opts = options || {};
    var type = opts.type || "product";
    if (type !== "product" && type !== "variant") {
      return Promise.reject(new Error("App Bridge (sandbox): the resource picker supports products and variants, not " + type));
    }
    var filter = opts.filter || {};
    var limit = opts.multiple === true ? Infinity : typeof opts.multiple === "number" ? opts.multiple : 1;
    var query = new URLSearchParams({ shop: config.shop });
    if (filter.query) query.set("query", filter.query);
    if (filter.draft === false) query.set("draft", "false");
    if (filter.archived === false) query.set("archived", "false");
    return nativeFetch(sandboxOrigin + "/__sandbox/admin-shell/products?" + query, { credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error("App Bridge (sandbox): catalog unavailable (" + response.status + ")");
        return response.json();
      })
      .then(function (body) {
        var resources =
          type === "product"
            ? body.products
            : body.products.reduce(function (all, product) {
                return all.concat(
                  product.variants.map(function (variant) {
                    return Object.assign({}, variant, { product: product, displayName: product.title + " - " + variant.title });
                  }),
                );
              }, []);
        return pick(resources, type, limit, opts);
      });
  }
  function pick(resources, type, limit, opts) {
    return new Promise(function (resolve) {
      var chosen = selectedIdsOf(opts.selectionIds);
      var noun = type === "product" ? "products" : "variants";
      var verb = opts.action === "select" ? "Select" : "Add";
      var search = element("input", { type: "search", class: "sab-search", id: nextId("sab-search"), "aria-label": "Search " + noun, placeholder: "Search " + noun, value: opts.query || "" });
      var list = element("ul", { class: "sab-picker-list", "aria-label": noun.charAt(0).toUpperCase() + noun.slice(1) });
      var status = element("p", { role: "status", class: "sab-picker-meta" });
      var confirm = button(verb, "primary", function () {
        var selection = resources.filter(function (resource) {
          return chosen[resource.id];
        });
        selection.selection = selection;
        dialog.close();
        resolve(selection);
      });
      var cancel = button("Cancel", null, function () {
        dialog.close();
        resolve(undefined);
      });
      function count() {
        return Object.keys(chosen).filter(function (id) {
          return chosen[id];
        }).length;
      }
      function render() {
        var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
        list.textContent = "";
        var shown = resources.filter(function (resource) {
          var text = [resource.title, resource.handle, resource.displayName, resource.sku, resource.vendor].join(" ").toLowerCase();
          return words.every(function (word) {
            return text.indexOf(word) >= 0;
          });
        });
        shown.forEach(function (resource) {
          var image = type === "product" ? resource.images[0] : resource.image || resource.product.images[0];
          var meta =
            type === "product"
              ? resource.totalVariants + (resource.totalVariants === 1 ? " variant" : " variants") +
                (resource.tracksInventory ? " · " + resource.totalInventory + " in stock" : "") +
                (resource.status !== "ACTIVE" ? " · " + resource.status.toLowerCase() : "")
              : formatPrice(resource.price) + (resource.inventoryQuantity === null ? "" : " · " + resource.inventoryQuantity + " in stock");
          var input = element("input", {
            type: limit === 1 ? "radio" : "checkbox",
            name: "sab-picker-choice",
            value: resource.id,
            checked: Boolean(chosen[resource.id]),
            disabled: !chosen[resource.id] && limit !== 1 && count() >= limit,
            onchange: function () {
              if (limit === 1) chosen = {};
              chosen[resource.id] = input.checked;
              render();
            },
          });
          list.appendChild(
            element("li", {}, [
              element("label", {}, [
                input,
                image ? element("img", { src: image.originalSrc, alt: "" }) : null,
                element("span", {}, [
                  element("span", { text: type === "product" ? resource.title : resource.displayName }),
                  element("span", { class: "sab-picker-meta", text: meta }),
                ]),
              ]),
            ]),
          );
        });
        var selected = count();
        confirm.disabled = selected === 0;
        status.textContent = selected + " selected · " + shown.length + " of " + resources.length + " " + noun + " shown";
      }
      search.addEventListener("input", render);
      var dialog = openDialog({
        title: verb + " " + noun,
        body: element("div", {}, [search, status, list]),
        buttons: [cancel, confirm],
        initialFocus: function () {
          return search;
        },
        onCancel: function () {
          dialog.close();
          resolve(undefined);
        },
      });
      dialog.dialog.setAttribute("data-resource-picker", type);
      render();
    });
  }

  // ---------------------------------------------------------------- custom elements
  /** Children stay in the light DOM (React owns them) but are not displayed. */
  function hideChildren(host) {
    if (!host.shadowRoot) host.attachShadow({ mode: "open" });
  }
  function observe(host, callback) {
    var observer = new MutationObserver(callback);
    observer.observe(host, { childList: true, subtree: true, attributes: true, characterData: true });
    return observer;
  }

  function defineOnce(name, constructor) {
    if (!customElements.get(name)) customElements.define(name, constructor);
  }

  // <ui-nav-menu>: its links become the app's menu in the admin's left navigation.
  defineOnce(
    "ui-nav-menu",
    class extends HTMLElement {
      connectedCallback() {
        hideChildren(this);
        this._observer = observe(this, () => this.report());
        this.report();
      }
      disconnectedCallback() {
        if (this._observer) this._observer.disconnect();
      }
      report() {
        var items = Array.prototype.map.call(this.querySelectorAll("a"), function (link) {
          return { label: link.textContent.trim(), href: link.getAttribute("href"), home: link.getAttribute("rel") === "home" };
        });
        tellAdmin({ type: "sandbox:nav-menu", items: items });
      }
    },
  );

  // <ui-title-bar>: the page title and its buttons go to the admin's title bar.
  var titleBarButtons = [];
  function titleBarOwner(node) {
    return node.closest("ui-modal");
  }
  function reportTitleBar() {
    var bar = Array.prototype.find.call(document.querySelectorAll("ui-title-bar"), function (candidate) {
      return !titleBarOwner(candidate);
    });
    titleBarButtons = bar ? Array.prototype.slice.call(bar.querySelectorAll("button, a")) : [];
    tellAdmin({
      type: "sandbox:title-bar",
      title: bar ? bar.getAttribute("title") || "" : "",
      buttons: titleBarButtons.map(function (node, index) {
        return {
          index: index,
          label: node.textContent.trim(),
          variant: node.getAttribute("variant") || null,
          disabled: node.hasAttribute("disabled"),
        };
      }),
    });
  }
  function clickTitleBarButton(index) {
    var target = titleBarButtons[index];
    if (target) target.click();
  }
  defineOnce(
    "ui-title-bar",
    class extends HTMLElement {
      connectedCallback() {
        hideChildren(this);
        if (titleBarOwner(this)) return;
        this._observer = observe(this, reportTitleBar);
        reportTitleBar();
      }
      disconnectedCallback() {
        if (this._observer) this._observer.disconnect();
        if (!titleBarOwner(this)) reportTitleBar();
      }
    },
  );

  // <ui-save-bar>: a contextual save bar whose buttons click the element's own buttons.
  defineOnce(
    "ui-save-bar",
    class extends HTMLElement {
      connectedCallback() {
        hideChildren(this);
      }
      disconnectedCallback() {
        this.hide();
      }
      get showing() {
        return Boolean(this._bar);
      }
      show() {
        if (this._bar) return Promise.resolve();
        var originals = Array.prototype.slice.call(this.querySelectorAll("button"));
        var mirrored = originals.map(function (original) {
          var copy = button(original.textContent.trim() || (original.getAttribute("variant") === "primary" ? "Save" : "Discard"), original.getAttribute("variant"), function () {
            original.click();
          });
          copy.disabled = original.disabled;
          return copy;
        });
        if (!originals.length) mirrored = [button("Discard"), button("Save", "primary")];
        this._bar = element("div", { class: "sab-savebar", role: "region", "aria-label": "Unsaved changes", "data-save-bar": this.id || "" }, [
          element("span", { text: "Unsaved changes" }),
        ].concat(mirrored));
        uiLayer().appendChild(this._bar);
        this.dispatchEvent(new Event("show"));
        return Promise.resolve();
      }
      hide() {
        if (!this._bar) return Promise.resolve();
        this._bar.remove();
        this._bar = null;
        this.dispatchEvent(new Event("hide"));
        return Promise.resolve();
      }
      toggle() {
        return this.showing ? this.hide() : this.show();
      }
    },
  );

  // <ui-modal>: React portals the modal's content into `content`; show() puts it in a dialog
  // titled by the modal's <ui-title-bar>, whose buttons become the dialog's footer.
  defineOnce(
    "ui-modal",
    class extends HTMLElement {
      connectedCallback() {
        hideChildren(this);
      }
      disconnectedCallback() {
        this.hide();
      }
      get content() {
        if (!this._content) this._content = document.createElement("div");
        return this._content;
      }
      get showing() {
        return Boolean(this._dialog);
      }
      show() {
        if (this._dialog) return Promise.resolve();
        var bar = this.querySelector("ui-title-bar");
        var buttons = bar
          ? Array.prototype.map.call(bar.querySelectorAll("button"), function (original) {
              return button(original.textContent.trim(), original.getAttribute("variant"), function () {
                original.click();
              });
            })
          : [];
        this._dialog = openDialog({
          title: (bar && bar.getAttribute("title")) || "",
          body: this.content,
          buttons: buttons,
          onCancel: () => this.hide(),
        });
        this.dispatchEvent(new Event("show"));
        return Promise.resolve();
      }
      hide() {
        if (!this._dialog) return Promise.resolve();
        this._dialog.close();
        this._dialog = null;
        this.dispatchEvent(new Event("hide"));
        return Promise.resolve();
      }
      toggle() {
        return this.showing ? this.hide() : this.show();
      }
    },
  );

  function byId(kind) {
    return function (id) {
      var node = document.getElementById(id);
      if (!node || node.tagName.toLowerCase() !== kind) return Promise.reject(new Error("App Bridge (sandbox): no <" + kind + " id=\"" + id + "\">"));
      return node;
    };
  }
  var saveBarById = byId("ui-save-bar");
  var modalById = byId("ui-modal");
  function call(lookup, method) {
    return function (id) {
      var node = lookup(id);
      return node instanceof Promise ? node : node[method]();
    };
  }

  // ---------------------------------------------------------------- window.shopify
  window.shopify = {
    __sandbox: true,
    config: config,
    origin: sandboxOrigin,
    ready: Promise.resolve(),
    environment: { embedded: inAdminFrame, mobile: false, pos: false },
    idToken: function () {
      return idToken(false);
    },
    user: function () {
      return Promise.resolve({ accountAccess: "Account owner" });
    },
    toast: toast,
    loading: loading,
    resourcePicker: resourcePicker,
    saveBar: {
      show: call(saveBarById, "show"),
      hide: call(saveBarById, "hide"),
      toggle: call(saveBarById, "toggle"),
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
    modal: {
      show: call(modalById, "show"),
      hide: call(modalById, "hide"),
      toggle: call(modalById, "toggle"),
    },
    scopes: {
      query: function () {
        return Promise.resolve({ granted: [], required: [], optional: [] });
      },
      request: function () {
        return Promise.resolve({ result: "granted-all", detail: { granted: [], required: [], optional: [] } });
      },
      revoke: function () {
        return Promise.resolve({ detail: { granted: [], required: [], optional: [] } });
      },
    },
  };
})();
