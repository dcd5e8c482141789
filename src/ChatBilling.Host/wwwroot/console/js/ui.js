// Toasts, confirmation dialogs and field errors: shared by every screen.
import { h, $, field } from "./dom.js";

export function toast(message, error = false) {
  const t = $("toast");
  t.textContent = message;
  t.className = error ? "toast error" : "toast";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 6000);
}

/**
 * A modal <dialog> that confirms an action, optionally asking for values first (a reason, an amount).
 * Resolves to the values, or null when the person cancels. submit(values) may return a problem to show at the fields.
 */
export function confirmDialog({ title, text, confirm, danger = false, fields = [], submit }) {
  return new Promise((resolve) => {
    const inputs = fields.map((f) => {
      const input = f.type === "textarea" ? h("textarea", { name: f.name, rows: 3, required: f.required, "data-field": f.name })
        : h("input", { name: f.name, type: f.type || "text", required: f.required, value: f.value ?? "", step: f.step, "data-field": f.name,
          inputmode: f.inputmode, autocomplete: "off" });
      return field(f.label, input, f.hint);
    });
    const error = h("p", { class: "form-error", role: "alert" });
    const dialog = h("dialog", { class: "dialog", "aria-labelledby": "dialog-title" });
    const form = h("form", { method: "dialog" },
      h("h2", { id: "dialog-title" }, title), text ? h("p", {}, text) : null, ...inputs, error,
      h("div", { class: "dialog-actions" },
        h("button", { type: "button", class: "ghost", value: "cancel", onclick: () => { dialog.close(); } }, "Cancel"),
        h("button", { type: "submit", class: danger ? "danger" : "primary" }, confirm)));
    dialog.append(form);
    let result = null;
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      if (submit) {
        const outcome = await submit(values);
        if (outcome && !outcome.ok) { showErrors(form, outcome, error); return; }
      }
      result = values;
      dialog.close();
    });
    dialog.addEventListener("close", () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Shows a problem's field errors at their fields (data-field="lineItems[0].quantity"), the rest above the form's buttons. */
export function showErrors(form, result, summary) {
  for (const old of form.querySelectorAll(".field-error")) old.textContent = "";
  for (const old of form.querySelectorAll("[aria-invalid]")) old.removeAttribute("aria-invalid");
  const errors = result.data?.errors || {};
  const unplaced = [];
  let first = null;
  for (const [name, messages] of Object.entries(errors)) {
    const input = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (!input) { unplaced.push(...messages); continue; }
    input.setAttribute("aria-invalid", "true");
    const slot = document.getElementById(`${input.id}-error`);
    if (slot) slot.textContent = messages.join(" ");
    input.setAttribute("aria-describedby", `${input.id}-error`);
    first ??= input;
  }
  if (summary) summary.textContent = unplaced.length ? unplaced.join(" ") : Object.keys(errors).length ? "" : result.message;
  first?.focus();
}

export function clearErrors(form, summary) {
  for (const old of form.querySelectorAll(".field-error")) old.textContent = "";
  for (const old of form.querySelectorAll("[aria-invalid]")) old.removeAttribute("aria-invalid");
  if (summary) summary.textContent = "";
}

/** A button that runs an action and says how it went. */
export function actionButton(label, run, cls = "") {
  const button = h("button", { type: "button", class: cls }, label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try { await run(); } finally { button.disabled = false; }
  });
  return button;
}
