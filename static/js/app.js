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

// Conditional questions: a field with data-show-if='{"deployment": ["self_hosted"]}' is
// shown only when the named answer (inside the same item first) has one of the values.
function answerValue(form, name) {
  const inputs = form.querySelectorAll(`[name="${CSS.escape(name)}"]`);
  for (const input of inputs) {
    if ((input.type === "radio" || input.type === "checkbox") && !input.checked) continue;
    return input.value;
  }
  return null;
}

function applyConditions(form) {
  form.querySelectorAll("[data-show-if]").forEach((element) => {
    const conditions = JSON.parse(element.dataset.showIf);
    const prefix = element.dataset.prefix || "";
    const visible = Object.entries(conditions).every(([key, allowed]) => {
      const local = prefix ? answerValue(form, prefix + key) : null;
      const value = local !== null ? local : answerValue(form, key);
      return allowed.includes(value);
    });
    element.hidden = !visible;
  });
}

document.addEventListener("change", (event) => {
  const form = event.target.closest("form.questionnaire");
  if (form) applyConditions(form);
});

// Autosave that could not reach the server is retried when the connection is back.
const unsent = new Set();

document.addEventListener("htmx:sendError", (event) => {
  const field = event.detail.elt.closest(".field");
  if (!field) return;
  unsent.add(field);
  const state = field.querySelector(".save-state");
  if (state) {
    state.innerHTML = "";
    const note = document.createElement("span");
    note.className = "unsaved";
    note.textContent = "Not saved yet: no connection. It will be saved when the connection is back.";
    state.appendChild(note);
  }
});

function retryUnsent() {
  unsent.forEach((field) => {
    unsent.delete(field);
    window.htmx.trigger(field, "change");
  });
}

window.addEventListener("online", retryUnsent);
setInterval(() => { if (unsent.size && navigator.onLine !== false) retryUnsent(); }, 5000);

document.addEventListener("htmx:beforeRequest", (event) => {
  const state = event.detail.elt.querySelector && event.detail.elt.querySelector(".save-state");
  if (state && event.detail.elt.classList.contains("field")) {
    state.innerHTML = '<span class="saving">Saving…</span>';
  }
});

document.addEventListener("htmx:responseError", (event) => {
  const field = event.detail.elt.closest(".field");
  const state = field && field.querySelector(".save-state");
  if (state) {
    state.textContent = event.detail.xhr.responseText || "Could not save this answer.";
    state.classList.add("error");
  }
});

// Keep aria-invalid in step with the answer's state after each autosave.
document.addEventListener("htmx:afterSwap", (event) => {
  const field = event.detail.target.closest && event.detail.target.closest(".field");
  if (!field) return;
  const invalid = Boolean(field.querySelector(".save-state .field-error"));
  field.classList.toggle("invalid", invalid);
  field.querySelectorAll("input:not([type=hidden]), select, fieldset").forEach((control) => {
    if (invalid) control.setAttribute("aria-invalid", "true");
    else control.removeAttribute("aria-invalid");
  });
});

// A form marked data-swap-errors shows its 400 answer (the errors, each naming its field) in place.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 400 && event.detail.elt.hasAttribute("data-swap-errors")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
