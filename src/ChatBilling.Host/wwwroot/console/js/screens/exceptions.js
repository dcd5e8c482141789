// Exceptions: approvals past their deadline and sends that failed, each with a readable reason and what to do:
// Retry, Open invoice, Dismiss. A dismissal is stored on the server for the whole team (who and when, also in the
// invoice's history) and lasts until the invoice changes; dismissed rows can be shown and put back.
import { h, table, row, when } from "../dom.js";
import { get, post } from "../api.js";
import { toast, confirmDialog } from "../ui.js";

const lateHead = ["Invoice", "Client", "Amount", "Step", "Waiting", ""];
const failedHead = ["Invoice", "Client", "Amount", "Why", ""];

export async function render(view, { me, showDismissed = false }) {
  document.title = "Exceptions · ChatBilling";
  const { data, ok, message } = await get("/console/api/exceptions");
  view.append(h("h1", {}, "Exceptions"));
  if (!ok) { view.append(h("p", { class: "form-error", role: "alert" }, message)); return; }
  const open = (id) => h("a", { class: "button", href: `#/invoices/${id}` }, "Open invoice");
  const dismissedCount = data.failedSends.filter((f) => f.dismissed).length;
  const failed = data.failedSends.filter((f) => showDismissed || !f.dismissed);
  view.append(
    h("section", { class: "panel", "aria-labelledby": "late-title" }, h("h2", { id: "late-title" }, "Approvals past their deadline"),
      table(lateHead, data.lateApprovals.map((l) => row(lateHead, [l.number, l.client, l.amount, l.step + (l.escalated ? " · escalated" : ""), l.waiting,
        h("div", { class: "row-actions" }, open(l.invoiceId))])), "No approval is past its deadline.")),
    h("section", { class: "panel", "aria-labelledby": "failed-title" }, h("h2", { id: "failed-title" }, "Sends that failed"),
      table(failedHead, failed.map((f) => row(failedHead, [f.number, f.client, f.amount,
        h("div", {}, f.reason, f.dismissed ? h("div", { class: "muted" }, `Dismissed by ${f.dismissed.by}, `, h("time", { datetime: f.dismissed.at }, when(f.dismissed.at))) : null),
        h("div", { class: "row-actions" },
          me.mayBill ? h("button", { type: "button", class: "primary", onclick: () => retry(f) }, "Retry") : null, open(f.invoiceId),
          f.dismissed ? h("button", { type: "button", class: "ghost", onclick: () => change(f, "restore", `${f.number} is back on the list.`) }, "Put back")
            : h("button", { type: "button", class: "ghost", onclick: () => change(f, "dismiss", `${f.number} dismissed for the whole team.`) }, "Dismiss"))])),
        "No send has failed.")),
    dismissedCount ? h("p", {}, h("button", { type: "button", class: "ghost", onclick: () => refresh(!showDismissed) },
      showDismissed ? "Hide dismissed" : `Show ${dismissedCount} dismissed`)) : null);

  function refresh(show = showDismissed) { document.dispatchEvent(new CustomEvent("console:changed")); render(view.replaceChildren() || view, { me, showDismissed: show }); }
  async function retry(f) {
    await confirmDialog({ title: `Send ${f.number} again?`, text: f.reason, confirm: "Send again",
      submit: async () => {
        const r = await post(`/console/api/invoices/${f.invoiceId}/retry-send`, {});
        if (r.ok) { toast(`${f.number} queued to send again.`); refresh(); }
        return r;
      } });
  }
  async function change(f, verb, done) {
    const r = await post(`/console/api/exceptions/${f.invoiceId}/${verb}`, {});
    if (r.ok) { toast(done); refresh(); } else if (r.status !== 401) toast(r.message, true);
  }
}
