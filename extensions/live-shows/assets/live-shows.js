// Live Shows storefront loader: plain, dependency-free, deferred. The storefront issue grows it
// into the shoppable player; for now it marks the blocks as enhanced.
(function () {
  "use strict";
  document.querySelectorAll("[data-live-shows-block]").forEach(function (block) {
    block.setAttribute("data-enhanced", "true");
  });
})();
