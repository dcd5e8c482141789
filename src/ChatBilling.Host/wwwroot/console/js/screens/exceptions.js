// Exceptions: approvals past their deadline and sends that failed, each with a readable reason and what to do:
// Retry, Open invoice, Dismiss (dismissing hides a row for you, in this browser; the digest still lists it).
import { h, table, row } from "../dom.js";
import { get, post } from "../api.js";
import { toast, confirmDialog } from "../ui.js";

const lateHead = ["Invoice", "Client", "Amount", "Step", "Waiting", ""];
const failedHead = ["Invoice", "Client", "Amount", "Why", ""];
const dismissedKey = "console.dismissed";

export async function render(view, { me }) {
  document.title = "Exceptions · ChatBilling";
  const { data, ok, message } = await get("/console/api/exceptions");
  view.append(h("h1", {}, "Exceptions"));
  if (!ok) { view.append(h("p", { class: "form-error", role: "alert" }, message)); return; }
  const dismissed = new Set(JSON.parse(localStorage.getItem(dismissedKey) || "[]"));
  const open = (id) => h("a", { class: "button", href: `#/invoices/${id}` }, "Open invoice");
  const failed = data.failedSends.filter((f) => !dismissed.has(f.invoiceId));
  view.append(
    h("section", { class: "panel", "aria-labelledby": "late-title" }, h("h2", { id: "late-title" }, "Approvals past their deadline"),
      table(lateHead, data.lateApprovals.map((l) => row(lateHead, [l.number, l.client, l.amount, l.step + (l.escalated ? " · escalated" : ""), l.waiting,
        h("div", { class: "row-actions" }, open(l.invoiceId))])), "No approval is past its deadline.")),
    h("section", { class: "panel", "aria-labelledby": "failed-title" }, h("h2", { id: "failed-title" }, "Sends that failed"),
      table(failedHead, failed.map((f) => row(failedHead, [f.number, f.client, f.amount, f.reason, h("div", { class: "row-actions" },
        me.mayBill ? h("button", { type: "button", class: "primary", onclick: () => retry(f) }, "Retry") : null, open(f.invoiceId),
        h("button", { type: "button", class: "ghost", onclick: () => dismiss(f) }, "Dismiss"))])), "No send has failed.")),
    dismissed.size ? h("p", {}, h("button", { type: "button", class: "ghost", onclick: () => { localStorage.removeItem(dismissedKey); refresh(); } }, `Show ${dismissed.size} dismissed`)) : null);

  function refresh() { document.dispatchEvent(new CustomEvent("console:changed")); render(view.replaceChildren() || view, { me }); }
  async function retry(f) {
    await confirmDialog({ title: `Send ${f.number} again?`, text: f.reason, confirm: "Send again",
      submit: async () => {
        const r = await post(`/console/api/invoices/${f.invoiceId}/retry-send`, {});
        if (r.ok) { toast(`${f.number} queued to send again.`); refresh(); }
        return r;
      } });
  }
  function dismiss(f) {
    dismissed.add(f.invoiceId);
    localStorage.setItem(dismissedKey, JSON.stringify([...dismissed]));
    toast(`${f.number} dismissed from your list.`);
    refresh();
  }
}
