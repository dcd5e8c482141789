// One invoice: lines, totals, paid and balance, every PDF page, approval steps and who may decide, payments,
// emails, link views and the history; the actions the signed-in person may take, each confirmed.
import { h, money, day, when, statusPill, table, row } from "../dom.js";
import { get, post } from "../api.js";
import { toast, confirmDialog, actionButton } from "../ui.js";
import { approvalExtras } from "../questions.js";

const historyWords = {
  created: "Created", edited: "Edited", submitted: "Submitted for approval", "auto-approved": "Approved automatically", approved: "Approved",
  "approved-step": "Step approved", rejected: "Rejected", sent: "Emailed to the customer", emailed: "Emailed again", "send-failed": "Sending failed",
  "send-retried": "Queued to send again", "resend-requested": "Asked to email again",
  "exception-dismissed": "Dismissed from the exception queue", "exception-restored": "Put back on the exception queue", "email-skipped": "Email skipped", "reminder-sent": "Payment reminder sent", "reminder-skipped": "Reminder skipped",
  payment: "Payment recorded", "payment-matched": "Payment matched", "payment-not-applied": "Payment not applied", paid: "Paid in full",
  voided: "Voided", viewed: "Customer opened the link", downloaded: "Customer downloaded the PDF", escalated: "Escalated to managers",
  "approval-reminded": "Approvers reminded", scheduled: "Created by a schedule", triggered: "Created by another system",
};
const channelWords = { console: "console", api: "API", slack: "Slack", teams: "Teams", system: "ChatBilling", link: "customer link" };
const stepWords = { Pending: "Waiting", Approved: "Approved", Rejected: "Rejected", Superseded: "Replaced by a later submission", Skipped: "Skipped" };

// History details as people read them: amounts in the console's currency style ("€7,200.00", not "7200.0 EUR"),
// the document's SHA-256 moved out of the text into "Technical details", and browser user agents left out.
const amountInText = /(-?\d+(?:\.\d+)?) ([A-Z]{3})\b/g;
const hashInText = /\s*(?:document\s+)?sha-?256[:\s]*([0-9a-f]{64})/i;
const userAgent = /Mozilla\/|AppleWebKit|Gecko\/|Chrome\/\d|Safari\/\d|curl\/\d|python-requests|okhttp|Slackbot|MSIE \d/i;

export function peoplesWords(detail) {
  if (!detail) return { text: "", technical: "" };
  if (userAgent.test(detail)) return { text: "", technical: "" };
  const hash = detail.match(hashInText);
  let text = hash ? detail.replace(hashInText, hash.index === 0 ? "Document frozen" : "") : detail;
  text = text.replace(amountInText, (all, amount, currency) => {
    try { return money(Number(amount), currency); } catch { return all; }
  }).replace(/\s{2,}/g, " ").trim();
  return { text, technical: hash ? `SHA-256 ${hash[1]}` : "" };
}

export async function render(view, { id, me }) {
  const result = await get(`/console/api/invoices/${id}`);
  if (!result.ok) { view.append(h("h1", {}, "Invoice not found"), h("p", {}, result.message), h("a", { href: "#/invoices" }, "Back to invoices")); return; }
  const d = result.data;
  const i = d.invoice;
  document.title = `${i.number} · ChatBilling`;
  const m = (v) => money(v, i.currency);
  const waitingFor = d.steps.filter((s) => s.status === "Pending" && s.openedAt).flatMap((s) => s.people);
  const refresh = () => { document.dispatchEvent(new CustomEvent("console:changed")); render(view.replaceChildren() || view, { id, me }); };
  const run = async (path, body, done) => {
    const r = await post(path, body);
    if (r.ok) { toast(done); refresh(); }
    return r;
  };

  const actions = h("div", { class: "actions", role: "group", "aria-label": "Actions" });
  if (d.can.decide) {
    const step = d.steps.find((s) => s.youMayDecide);
    actions.append(
      actionButton("Approve", async () => {
        if (await confirmDialog({ title: `Approve ${i.number}?`, text: `${d.client.name}, ${m(i.total)}. Approved invoices are emailed to the customer.`, confirm: "Approve" }))
          await decide("approve", undefined);
      }, "primary"),
      actionButton("Reject", async () => {
        await confirmDialog({ title: `Reject ${i.number}?`, text: "The person who made it is told why by email.", confirm: "Reject", danger: true,
          fields: [{ name: "reason", label: "Reason", type: "textarea", required: true }],
          submit: (v) => decide("reject", v.reason) });
      }, "danger"));
    async function decide(decision, reason) {
      const r = await post(`/console/api/invoices/${i.id}/decisions`, { decision, reason, cardVersion: step.cardVersion });
      if (r.ok || r.status === 409) { toast(r.data?.message || r.message, !r.ok); refresh(); }
      return r.status === 409 ? { ok: true } : r;
    }
  }
  const extras = await approvalExtras(d, me, refresh);
  actions.append(...extras.buttons);
  if (d.can.edit) actions.append(h("a", { class: "button", href: `#/invoices/${i.id}/edit` }, i.status === "Rejected" ? "Edit and resubmit" : "Edit draft"));
  if (d.can.submit) actions.append(actionButton("Submit for approval", async () => {
    await confirmDialog({ title: `Submit ${i.number}?`, text: `${d.client.name}, ${m(i.total)}. The PDF is frozen as it looks now.`, confirm: "Submit",
      submit: () => run(`/console/api/invoices/${i.id}/submit`, {}, `${i.number} submitted.`) });
  }, "primary"));
  if (d.can.recordPayment) actions.append(actionButton("Record payment", async () => {
    await confirmDialog({ title: `Record a payment for ${i.number}`, confirm: "Record payment",
      fields: [{ name: "amount", label: `Amount (${i.currency})`, type: "number", step: "0.01", required: true, value: i.balance, inputmode: "decimal" },
        { name: "paidOn", label: "Paid on", type: "date", required: true, value: me.today },
        { name: "reference", label: "Bank reference", required: true }],
      submit: (v) => run("/console/api/payments", { invoiceId: i.id, amount: Number(v.amount), paidOn: v.paidOn, reference: v.reference }, "Payment recorded.") });
  }));
  if (d.can.retrySend) actions.append(actionButton("Retry sending", async () => {
    await confirmDialog({ title: `Send ${i.number} again?`, text: "It is queued and emailed within a minute.", confirm: "Send again",
      submit: () => run(`/console/api/invoices/${i.id}/retry-send`, {}, `${i.number} queued to send again.`) });
  }));
  if (d.can.resend) actions.append(actionButton("Email again", async () => {
    await confirmDialog({ title: `Email ${i.number} to ${d.client.name} again?`, text: `The same PDF and link go to ${d.client.email} once more.`, confirm: "Email again",
      submit: () => run(`/console/api/invoices/${i.id}/resend`, {}, `${i.number} queued to be emailed again.`) });
  }));
  if (d.can.duplicate) actions.append(actionButton("Duplicate", async () => {
    const r = await post(`/console/api/invoices/${i.id}/duplicate`, {});
    if (r.ok) { toast(`Draft ${r.data.number} made from ${i.number}.`); location.hash = `#/invoices/${r.data.id}/edit`; } else toast(r.message, true);
  }));
  if (d.can.void) actions.append(actionButton("Void", async () => {
    await confirmDialog({ title: `Void ${i.number}?`, text: "A void invoice is never sent or reminded again. This cannot be undone.", confirm: "Void invoice", danger: true,
      fields: [{ name: "reason", label: "Reason", type: "textarea", required: true }],
      submit: (v) => run(`/console/api/invoices/${i.id}/void`, { reason: v.reason }, `${i.number} voided.`) });
  }, "danger"));

  const lineHead = ["Description", "Quantity", "Unit price", "Tax", "Amount"];
  const section = (title, ...content) => h("section", { class: "panel", "aria-labelledby": `h-${title.replace(/\W/g, "")}` },
    h("h2", { id: `h-${title.replace(/\W/g, "")}` }, title), ...content);
  const historyRow = (e) => {
    const { text, technical } = peoplesWords(e.detail);
    return h("li", {}, h("strong", {}, historyWords[e.action] || e.action), ` · ${e.actor} via ${channelWords[e.channel] || e.channel} · `,
      h("time", { datetime: e.at }, when(e.at)), text ? h("div", { class: "muted" }, text) : null,
      technical ? h("details", {}, h("summary", {}, "Technical details"), h("code", {}, technical)) : null);
  };

  view.append(
    h("p", { class: "crumbs" }, h("a", { href: "#/invoices" }, "Invoices"), " / ", i.number),
    h("div", { class: "screen-head" }, h("h1", {}, `Invoice ${i.number}`), statusPill(i.status, { overdue: i.overdue, waitingFor })),
    h("p", { class: "lead" }, h("a", { href: `#/clients/${d.client.id}` }, d.client.name), ` · issued ${day(i.issueDate)} · due ${day(i.dueDate)} · made by ${d.createdBy}`),
    actions,
    h("div", { class: "detail-grid" },
      h("div", {},
        section("Amounts", h("dl", { class: "totals" },
          h("dt", {}, "Subtotal"), h("dd", {}, m(i.subtotal)), h("dt", {}, "Tax"), h("dd", {}, m(i.tax)),
          h("dt", {}, "Total"), h("dd", { class: "strong" }, m(i.total)), h("dt", {}, "Paid"), h("dd", {}, m(i.amountPaid)),
          h("dt", {}, "Balance"), h("dd", { class: "strong" }, m(i.balance)))),
        section("Lines", table(lineHead, i.lineItems.map((l) => row(lineHead, [l.description, l.quantity.toLocaleString("en-GB"),
          m(l.unitPrice), `${(l.taxRate * 100).toLocaleString("en-GB")} %`, m(l.amount)])), "No lines.")),
        section("Approval", d.steps.length ? h("ol", { class: "steps" }, d.steps.map((s) => h("li", {},
          h("strong", {}, `Step ${s.sequence} of ${s.stepCount} · ${s.role}: ${stepWords[s.status] || s.status}`),
          h("div", {}, s.decidedBy ? `${s.decidedBy}, ${when(s.decidedAt)}${s.reason ? ` — “${s.reason}”` : ""}`
            : `May decide: ${s.people.join(", ") || `nobody holds ${s.role}`}`),
          s.whyNotYou ? h("div", { class: "muted" }, s.whyNotYou) : null))) : h("p", { class: "muted" }, "Not submitted yet.")),
        extras.panel,
        section("Payments", table(["Paid on", "Amount", "Reference"], d.payments.map((p) => row(["Paid on", "Amount", "Reference"],
          [day(p.paidOn), m(p.amount), p.reference])), "No payment yet.")),
        section("Emails", d.emails.length ? h("ul", { class: "history" }, d.emails.map(historyRow)) : h("p", { class: "muted" }, "Nothing emailed yet.")),
        section("Link views", d.linkViews.length ? h("ul", { class: "history" }, d.linkViews.map(historyRow)) : h("p", { class: "muted" }, "The customer has not opened the link yet.")),
        section("History", h("ul", { class: "history" }, d.history.map(historyRow)))),
      section(`Document (${d.pageCount} ${d.pageCount === 1 ? "page" : "pages"})`,
        h("p", {}, h("a", { href: `/console/api/invoices/${i.id}/pdf`, download: `${i.number}.pdf` }, "Download the PDF")),
        ...Array.from({ length: d.pageCount }, (_, n) => h("img", { class: "page", loading: n === 0 ? "eager" : "lazy", width: 1000, height: 1415,
          src: `/console/api/invoices/${i.id}/pages/${n + 1}?v=${i.version}`, alt: `${i.number}, page ${n + 1} of ${d.pageCount}` })))));
}
