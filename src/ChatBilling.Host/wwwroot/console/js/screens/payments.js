// Payments: record one from the bank statement, and place the ones no invoice matched.
import { h, field, money, day, table, row } from "../dom.js";
import { get, post } from "../api.js";
import { toast, showErrors, confirmDialog } from "../ui.js";

const head = ["Reference", "Invoice given", "Amount", "Paid on", ""];

export async function render(view, { me }) {
  document.title = "Payments · ChatBilling";
  const unmatched = await get("/console/api/payments/unmatched");
  const items = unmatched.data || [];
  const rows = items.map((p) => row(head, [p.reference, p.invoiceReference || "–", money(p.amount, p.currency), day(p.paidOn),
    me.mayBill ? h("button", { type: "button", onclick: () => match(p) }, "Match to invoice") : ""]));
  view.append(h("h1", {}, "Payments"));
  if (me.mayBill) view.append(recordForm());
  view.append(h("section", { class: "panel", "aria-labelledby": "unmatched-title" }, h("h2", { id: "unmatched-title" }, `Payments no invoice matched (${items.length})`),
    table(head, rows, "Every payment is placed.")));

  async function match(p) {
    await confirmDialog({ title: `Match payment ${p.reference}`, text: `${money(p.amount, p.currency)} paid on ${day(p.paidOn)}.`, confirm: "Match",
      fields: [{ name: "invoiceNumber", label: "Invoice number", required: true, value: "" }],
      submit: async (v) => {
        const r = await post(`/console/api/payments/${p.id}/match`, { invoiceNumber: v.invoiceNumber.trim() });
        if (r.ok) { toast(`Payment ${p.reference} applied to ${v.invoiceNumber.trim()}.`); render(view.replaceChildren() || view, { me }); }
        return r;
      } });
  }

  function recordForm() {
    const summary = h("p", { class: "form-error", role: "alert" });
    const form = h("form", { class: "panel", novalidate: true, "aria-labelledby": "record-title" }, h("h2", { id: "record-title" }, "Record a payment"),
      h("div", { class: "form-grid" },
        field("Invoice number", h("input", { name: "invoiceNumber", "data-field": "invoiceNumber", placeholder: "INV-2026-0001" }), "As the bank statement gives it"),
        field("Amount", h("input", { name: "amount", "data-field": "amount", type: "number", step: "any", inputmode: "decimal", required: true })),
        field("Paid on", h("input", { name: "paidOn", "data-field": "paidOn", type: "date", value: me.today, required: true })),
        field("Bank reference", h("input", { name: "reference", "data-field": "reference", required: true }))),
      summary, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Record payment")));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const v = Object.fromEntries(new FormData(form).entries());
      const r = await post("/console/api/payments", { invoiceNumber: v.invoiceNumber.trim() || null, amount: v.amount === "" ? null : Number(v.amount), paidOn: v.paidOn || null, reference: v.reference });
      if (!r.ok) { showErrors(form, r, summary); return; }
      toast(r.data.outcome === "Unmatched" ? `No invoice matches; payment ${r.data.reference} is kept below to match by hand.`
        : `Payment recorded${r.data.balance !== null ? `; ${money(r.data.balance, r.data.currency)} still owed` : ""}.`);
      render(view.replaceChildren() || view, { me });
    });
    return form;
  }
}
