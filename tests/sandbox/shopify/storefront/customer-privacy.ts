// Shopify's Customer Privacy API as a storefront page sees it: `Shopify.loadFeatures` loads
// `Shopify.customerPrivacy` ("consent-tracking-api" 0.1), whose `analyticsProcessingAllowed()`
// reads the visitor's answer from the `_tracking_consent` cookie, and whose
// `setTrackingConsent()` (what a cookie banner calls) stores a new answer and fires
// `visitorConsentCollected` on the document. The sandbox shop sells where consent is required,
// so until the visitor answers nothing is allowed. A test answers for the shopper with
// `setTrackingConsent`, or with the cookie `trackingConsentCookie` writes before the page loads.
// The script is inlined in every page's `content_for_header`, as Shopify inlines its globals.

export const TRACKING_CONSENT_COOKIE = "_tracking_consent";

export interface TrackingConsent {
  analytics?: boolean;
  marketing?: boolean;
  preferences?: boolean;
  sale_of_data?: boolean;
}

/** The cookie's value for an answer (JSON, as Shopify keeps it; the sandbox's own shape). */
export const trackingConsentCookie = (consent: TrackingConsent) => encodeURIComponent(JSON.stringify(consent));

// Plain JavaScript, not a serialized TypeScript function: a transpiler's helpers (tsx's __name)
// would not exist in the page.
const INSTALL = `(function (cookieName) {
  var shopify = (window.Shopify = window.Shopify || {});
  function read() {
    var pair = document.cookie.split("; ").filter(function (part) { return part.indexOf(cookieName + "=") === 0; })[0];
    try { return pair ? JSON.parse(decodeURIComponent(pair.slice(cookieName.length + 1))) : {}; } catch (error) { return {}; }
  }
  function answer(value) { return value === undefined ? "" : value ? "yes" : "no"; }
  var customerPrivacy = {
    analyticsProcessingAllowed: function () { return read().analytics === true; },
    marketingAllowed: function () { return read().marketing === true; },
    preferencesProcessingAllowed: function () { return read().preferences === true; },
    saleOfDataAllowed: function () { return read().sale_of_data === true; },
    userCanBeTracked: function () { return read().marketing === true; },
    shouldShowBanner: function () { return read().analytics === undefined; },
    currentVisitorConsent: function () {
      var c = read();
      return { analytics: answer(c.analytics), marketing: answer(c.marketing), preferences: answer(c.preferences), sale_of_data: answer(c.sale_of_data) };
    },
    setTrackingConsent: function (consent, done) {
      document.cookie = cookieName + "=" + encodeURIComponent(JSON.stringify(Object.assign(read(), consent))) + "; path=/; SameSite=Lax";
      var c = read();
      document.dispatchEvent(new CustomEvent("visitorConsentCollected", { detail: {
        analyticsAllowed: c.analytics === true, marketingAllowed: c.marketing === true, preferencesAllowed: c.preferences === true,
        saleOfDataAllowed: c.sale_of_data === true, firstPartyMarketingAllowed: c.marketing === true, thirdPartyMarketingAllowed: c.marketing === true
      } }));
      if (done) done();
    }
  };
  // Like Shopify's, the API arrives a moment after loadFeatures is called.
  shopify.loadFeatures = function (features, done) {
    setTimeout(function () {
      if (!features.every(function (feature) { return feature.name === "consent-tracking-api"; })) return done(new Error("The sandbox loads only consent-tracking-api"));
      shopify.customerPrivacy = customerPrivacy;
      done(null);
    }, 0);
  };
})`;

/** The inline script for a page's head. */
export function customerPrivacyScript(): string {
  return `<script>${INSTALL}(${JSON.stringify(TRACKING_CONSENT_COOKIE)});</script>`;
}
