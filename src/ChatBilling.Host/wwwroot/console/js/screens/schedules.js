// Recurring schedules: the list with next run and last invoice; create, pause and resume (billing role).
import { h, field, table, row } from "../dom.js";
import { get, post } from "../api.js";
import { toast, showErrors, confirmDialog } from "../ui.js";

const head = ["Schedule", "Client", "Cadence", "Each period", "Next run", "Last invoice", ""];

export async function render(view, { me }) {
  document.title = "Schedules · ChatBilling";
  const [list, clients] = await Promise.all([get("/console/api/schedules"), me.mayBill ? get("/console/api/clients?limit=500") : null]);
  const again = () => render(view.replaceChildren() || view, { me });
  const toggle = async (s) => {
    const verb = s.active ? "pause" : "resume";
    if (!(await confirmDialog({ title: `${s.active ? "Pause" : "Resume"} ${s.name}?`,
      text: s.active ? "No invoice is made while it is paused." : "Periods missed while paused are billed when it runs next.", confirm: s.active ? "Pause" : "Resume" }))) return;
    const r = await post(`/console/api/schedules/${s.id}/${verb}`, {});
    toast(r.ok ? `${s.name} ${s.active ? "paused" : "resumed"}.` : r.message, !r.ok);
    again();
  };
  view.append(h("h1", {}, "Recurring invoices"),
    h("p", { class: "muted" }, "Retainers bill once per period; a period missed while ChatBilling was down is billed when it is back."),
    table(head, (list.data || []).map((s) => row(head, [s.name, s.client, s.cadence, s.perPeriod, s.nextRun, s.lastInvoice ?? "–",
      me.mayBill ? h("button", { type: "button", onclick: () => toggle(s) }, s.active ? "Pause" : "Resume") : ""], { class: s.active ? "" : "paused" })),
      "No recurring schedules yet."));
  if (me.mayBill) view.append(createForm(clients?.data || [], again));
}

function createForm(clients, done) {
  const summary = h("p", { class: "form-error", role: "alert" });
  const input = (name, attrs = {}) => h("input", { name, "data-field": name, ...attrs });
  const form = h("form", { class: "panel", novalidate: true, "aria-labelledby": "new-schedule" }, h("h2", { id: "new-schedule" }, "New schedule"),
    h("div", { class: "form-grid" },
      field("Client", h("select", { name: "clientId", "data-field": "clientId" }, h("option", { value: "" }, "Choose a client"), clients.map((c) => h("option", { value: c.id }, c.name)))),
      field("Name", input("name", { placeholder: "Monthly retainer" })),
      field("Cadence", h("select", { name: "cadence", "data-field": "cadence" }, h("option", { value: "monthly" }, "Monthly"), h("option", { value: "quarterly" }, "Quarterly"))),
      field("Day of month", input("dayOfMonth", { type: "number", value: 1, min: 1, max: 31 }), "31 means the month's last day"),
      field("Line text", input("description", { value: "Retainer, {period}", "data-field": "lineItems[0].description" }), "{period} becomes the month, e.g. December 2026"),
      field("Amount per period", input("unitPrice", { type: "number", step: "any", inputmode: "decimal", "data-field": "lineItems[0].unitPrice" })),
      field("Tax %", input("taxRate", { type: "number", step: "any", value: 0, "data-field": "lineItems[0].taxRate" })),
      field("Submit each invoice for approval", h("select", { name: "autoSubmit", "data-field": "autoSubmit" }, h("option", { value: "false" }, "No, keep as draft"), h("option", { value: "true" }, "Yes")))),
    summary, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Create schedule")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form).entries());
    const r = await post("/console/api/schedules", { clientId: v.clientId || null, name: v.name, cadence: v.cadence, dayOfMonth: Number(v.dayOfMonth),
      autoSubmit: v.autoSubmit === "true", lineItems: [{ description: v.description, quantity: 1, unitPrice: v.unitPrice === "" ? null : Number(v.unitPrice), taxRate: Number(v.taxRate || 0) / 100 }] });
    if (!r.ok) { showErrors(form, r, summary); return; }
    toast(`${r.data.name} created; next run ${r.data.nextRun}.`);
    done();
  });
  return form;
}
