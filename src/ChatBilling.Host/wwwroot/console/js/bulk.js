// Approve several invoices in one action: a checklist of what the signed-in person may approve now. Each one is
// still its own decision on the server (own checks, own history line); the result lists any that failed and why.
import { h, table, row } from "./dom.js";
import { get, post } from "./api.js";
import { toast } from "./ui.js";

const head = ["Select", "Invoice", "Client", "Amount", "Step"];

/** The bulk panel for the inbox, or nothing when fewer than two invoices could be approved together. */
export async function bulkPanel(done) {
  const list = await get("/console/api/bulk/decidable");
  const items = list.data || [];
  if (items.length < 2) return h("div", { hidden: true });
  const result = h("div", { role: "status", "aria-live": "polite" });
  const boxes = items.map((d) => h("input", { type: "checkbox", value: d.invoiceId, dataset: { version: d.cardVersion }, "aria-label": `Select ${d.number}` }));
  const all = h("input", { type: "checkbox", "aria-label": "Select all", onchange: (e) => boxes.forEach((b) => { b.checked = e.target.checked; }) });
  const button = h("button", { type: "button", class: "primary", onclick: () => approve(boxes, result, button, done) }, "Approve selected");
  return h("section", { class: "panel bulk", "aria-labelledby": "bulk-title" },
    h("h2", { id: "bulk-title" }, "Approve several"),
    h("p", { class: "muted" }, "Each invoice is approved as its own decision, with the same checks as its card."),
    h("label", { class: "bulk-all" }, all, " Select all"),
    table(head, items.map((d, i) => row(head, [boxes[i], d.number, d.client, d.amount, d.step]))),
    h("div", { class: "actions" }, button), result);
}

async function approve(boxes, result, button, done) {
  const chosen = boxes.filter((b) => b.checked).map((b) => ({ invoiceId: b.value, cardVersion: b.dataset.version }));
  if (chosen.length === 0) { toast("Select at least one invoice.", true); return; }
  button.disabled = true;
  const r = await post("/console/api/bulk/approve", { items: chosen });
  button.disabled = false;
  if (!r.ok) { toast(r.message, true); return; }
  const failed = r.data.filter((o) => !o.approved);
  toast(`${r.data.length - failed.length} of ${r.data.length} approved.`, failed.length > 0);
  document.dispatchEvent(new CustomEvent("console:changed"));
  await done();
  if (failed.length > 0) {
    result.replaceChildren(h("p", {}, "Not approved:"), h("ul", {}, failed.map((o) => h("li", {}, `${o.number ?? o.invoiceId}: ${o.message}`))));
    document.querySelector("#main h1")?.after(result);
  }
}
