// Clients: search, create and edit (name, email, extra recipients, tax id, currency, locale, paper size, address,
// reminder offsets).
import { h, field, table, row, day } from "../dom.js";
import { get, post, put } from "../api.js";
import { toast, showErrors } from "../ui.js";

const head = ["Client", "Email", "Currency", "Locale", "Since"];

export async function render(view, ctx) {
  if (ctx.id) return editor(view, ctx);
  document.title = "Clients · ChatBilling";
  const q = ctx.params.get("q") || "";
  const search = h("input", { id: "client-q", type: "search", name: "q", value: q, placeholder: "Name or email" });
  const form = h("form", { class: "filters", role: "search", "aria-label": "Find clients",
    onsubmit: (e) => { e.preventDefault(); location.hash = search.value ? `#/clients?q=${encodeURIComponent(search.value)}` : "#/clients"; } },
    h("div", { class: "field grow" }, h("label", { for: "client-q" }, "Search"), search),
    h("div", { class: "field actions-end" }, h("button", { type: "submit", class: "primary" }, "Find")));
  const list = await get(`/console/api/clients?limit=200${q ? `&search=${encodeURIComponent(q)}` : ""}`);
  view.append(h("div", { class: "screen-head" }, h("h1", {}, "Clients"), ctx.me.mayBill ? h("a", { class: "button primary", href: "#/clients/new" }, "New client") : null),
    form, table(head, (list.data || []).map((c) => row(head, [h("a", { href: `#/clients/${c.id}` }, c.name), c.email, c.currency, c.locale, day(c.createdAt.slice(0, 10))])),
      q ? "No client matches." : "No clients yet."));
}

async function editor(view, { id, me }) {
  const isNew = id === "new";
  const existing = isNew ? null : await get(`/console/api/clients/${id}`);
  if (existing && !existing.ok) { view.append(h("h1", {}, "Client not found"), h("p", {}, existing.message)); return; }
  const c = existing?.data;
  document.title = `${c ? c.name : "New client"} · ChatBilling`;
  const readOnly = !me.mayBill;
  const input = (name, attrs = {}) => h("input", { name, "data-field": name, readonly: readOnly, ...attrs });
  const paper = h("select", { name: "paperSize", "data-field": "paperSize", disabled: readOnly },
    ["A4", "Letter"].map((p) => h("option", { value: p, selected: (c?.paperSize ?? "A4") === p }, p)));
  const address = h("textarea", { name: "addressLines", "data-field": "addressLines", rows: 4, readonly: readOnly }, (c?.addressLines ?? []).join("\n"));
  const copies = h("textarea", { name: "extraRecipients", "data-field": "extraRecipients", rows: 2, readonly: readOnly, inputmode: "email" },
    (c?.extraRecipients ?? []).join("\n"));
  const summary = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "client-form", novalidate: true },
    h("div", { class: "form-grid" },
      field("Name", input("name", { value: c?.name ?? "", required: true, autocomplete: "organization" })),
      field("Email for invoices", input("email", { type: "email", value: c?.email ?? "", required: true })),
      field("Also email", copies, "Copied on invoices and reminders; one address per row"),
      field("Tax id", input("taxId", { value: c?.taxId ?? "", maxlength: 50, autocomplete: "off" }), "VAT or other tax number, such as DE123456789"),
      field("Currency", input("currency", { value: c?.currency ?? "EUR", maxlength: 3, required: true }), "ISO code such as EUR, USD, GBP"),
      field("Locale", input("locale", { value: c?.locale ?? "en-GB" }), "Language and number format on documents, such as de-DE"),
      field("Paper size", paper),
      field("Reminder days", input("reminderOffsetsDays", { value: (c?.reminderOffsetsDays ?? []).join(", "), placeholder: "-7, 0, 3" }),
        "Days around the due date; empty for the team's default")),
    field("Address", address, "One line per row"),
    summary,
    readOnly ? null : h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, isNew ? "Create client" : "Save changes")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form).entries());
    const offsets = v.reminderOffsetsDays.trim();
    const body = { name: v.name, email: v.email, currency: v.currency, locale: v.locale || null, paperSize: paper.value,
      addressLines: address.value.split("\n").map((l) => l.trim()).filter(Boolean),
      extraRecipients: copies.value.split(/[\n,;]+/).map((l) => l.trim()).filter(Boolean), taxId: v.taxId || null,
      reminderOffsetsDays: offsets ? offsets.split(/[,\s]+/).filter(Boolean).map(Number) : null };
    const result = isNew ? await post("/console/api/clients", body) : await put(`/console/api/clients/${id}`, body);
    if (!result.ok) { showErrors(form, result, summary); return; }
    toast(isNew ? `${result.data.name} added.` : "Saved.");
    location.hash = `#/clients/${result.data.id}`;
  });
  view.append(h("p", { class: "crumbs" }, h("a", { href: "#/clients" }, "Clients"), " / ", c?.name ?? "New"),
    h("div", { class: "screen-head" }, h("h1", {}, c ? c.name : "New client"),
      c ? h("a", { class: "button", href: `#/invoices?clientId=${c.id}` }, "Invoices of this client") : null,
      c && me.mayBill ? h("a", { class: "button primary", href: `#/invoices/new?clientId=${c.id}` }, "New invoice") : null),
    form);
}
