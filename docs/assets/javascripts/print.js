/*
 * The "Print this page" button: shown, and wired to the browser's print
 * dialog, only where scripts run (without them the button stays hidden, and
 * the browser's own Print command gives the same printout, styled by the
 * print rules in stylesheets/explainer.css).
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-explainer-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
    button.closest(".explainer-print").hidden = false;
  });
})();
