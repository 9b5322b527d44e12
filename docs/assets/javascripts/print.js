/*
 * The "Print this page" button (a link in the page's text, which holds no
 * <button> from the data): shown, and wired to the browser's print
 * dialog, only where scripts run (without them the button stays hidden, and
 * the browser's own Print command gives the same printout, styled by the
 * print rules in stylesheets/explainer.css).
 */
(function () {
  "use strict";
  document.querySelectorAll("[data-explainer-print]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      event.preventDefault();
      window.print();
    });
    button.closest(".explainer-print").hidden = false;
  });
})();
