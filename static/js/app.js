// Progressive enhancements only: every page works without this file.
"use strict";

// Buttons that ask before a destructive action: <button data-confirm="Remove it?">.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// Selects marked .auto-submit submit their form on change (a <noscript> button covers no-JS).
document.addEventListener("change", (event) => {
  if (event.target.matches("select.auto-submit")) {
    event.target.form.requestSubmit();
  }
});
