// Draft editor: client, dates and a line-item editor whose totals follow every keystroke; the draft saves
// itself a moment after you stop typing and the preview beside it shows the real PDF pages, so what you
// submit is what you saw. Field errors from the API appear at their fields.
import { h, money, minorDigits, field, $ } from "../dom.js";
import { get, post, put } from "../api.js";
import { toast, showErrors, clearErrors, confirmDialog } from "../ui.js";

const plusDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

export async function render(view, { me, id, params }) {
  document.title = `${id ? "Edit invoice" : "New invoice"} · ChatBilling`;
  // The server's day, not the browser's: due dates and "paid on" are judged by it.
  const today = () => me.today;
  if (!me.mayBill) { view.append(h("h1", {}, "Invoices are made by the billing team"), h("p", {}, "Your role does not make or edit invoices.")); return; }
  const [clients, existing] = await Promise.all([get("/console/api/clients?limit=500"), id ? get(`/console/api/invoices/${id}`) : null]);
  if (existing && !existing.ok) { view.append(h("h1", {}, "Invoice not found"), h("p", {}, existing.message)); return; }
  const invoice = existing?.data.invoice;
  if (invoice && !existing.data.can.edit) { location.hash = `#/invoices/${id}`; return; }
  let draftId = invoice?.id ?? null;
  let version = invoice?.version ?? 0;
  const clientList = clients.data || [];

  const client = h("select", { name: "clientId", "data-field": "clientId", required: true },
    h("option", { value: "" }, "Choose a client"), clientList.map((c) => h("option", { value: c.id, title: `${c.name} (${c.currency})`,
      selected: c.id === (invoice?.clientId ?? params.get("clientId")) }, `${c.name} (${c.currency})`)));
  // A select cuts a long client name off (with an ellipsis): the full name is in its title and, when it does not fit,
  // on a line below. Measured with the select's own font, less the room its arrow and padding take.
  const clientName = h("small", { class: "muted full-name", "aria-hidden": "true", hidden: true });
  const measure = document.createElement("canvas").getContext("2d");
  const showClient = () => {
    const chosen = client.value ? client.selectedOptions[0]?.textContent ?? "" : "";
    client.title = chosen;
    clientName.textContent = chosen;
    measure.font = getComputedStyle(client).font;
    clientName.hidden = !chosen || measure.measureText(chosen).width <= client.clientWidth - 48;
  };
  const onResize = () => (client.isConnected ? showClient() : removeEventListener("resize", onResize));
  addEventListener("resize", onResize);
  const currency = h("input", { name: "currency", "data-field": "currency", value: invoice?.currency ?? "", maxlength: 3, placeholder: "client's" });
  const issueDate = h("input", { type: "date", name: "issueDate", "data-field": "issueDate", value: invoice?.issueDate ?? today(), required: true });
  const dueDate = h("input", { type: "date", name: "dueDate", "data-field": "dueDate", value: invoice?.dueDate ?? plusDays(today(), 30), required: true });
  const sendOn = h("input", { type: "date", name: "sendOn", "data-field": "sendOn", value: invoice?.sendOn ?? "" });
  const workCompletedOn = h("input", { type: "date", name: "workCompletedOn", "data-field": "workCompletedOn", value: invoice?.workCompletedOn ?? "" });
  const notes = h("textarea", { name: "notes", "data-field": "notes", rows: 2 }, invoice?.notes ?? "");
  const lines = h("tbody", {});
  const totals = h("dl", { class: "totals", "aria-live": "polite" });
  const status = h("p", { class: "muted", role: "status" }, draftId ? "Saved." : "Not saved yet: fill in a client and a line.");
  const summary = h("p", { class: "form-error", role: "alert" });
  const pages = h("div", { class: "preview-pages" }, h("p", { class: "muted" }, "The preview appears once the draft is saved."));

  const codeOf = () => currency.value.trim().toUpperCase() || clientList.find((c) => c.id === client.value)?.currency || "EUR";
  const lineRow = (l = {}) => {
    const n = lines.children.length;
    const cell = (label, input) => h("td", { "data-label": label }, h("label", { class: "visually-hidden", for: input.id }, `${label}, line ${n + 1}`), input);
    const input = (name, attrs) => h("input", { id: `line-${n}-${name}-${Math.random().toString(36).slice(2, 6)}`, name, "data-field": `lineItems[${n}].${name}`, ...attrs });
    const tr = h("tr", { class: "line" },
      cell("Description", input("description", { value: l.description ?? "", required: true })),
      cell("Quantity", input("quantity", { type: "number", step: "any", inputmode: "decimal", value: l.quantity ?? 1 })),
      cell("Unit price", input("unitPrice", { type: "number", step: "any", inputmode: "decimal", value: l.unitPrice ?? "" })),
      cell("Tax %", input("taxRate", { type: "number", step: "any", inputmode: "decimal", value: l.taxRate === undefined ? 0 : Math.round(l.taxRate * 10000) / 100 })),
      h("td", { "data-label": "Amount", class: "num amount" }, ""),
      h("td", {}, h("button", { type: "button", class: "ghost", "aria-label": `Remove line ${n + 1}`, onclick: () => { tr.remove(); renumber(); changed(); } }, "Remove")));
    for (const cellInput of tr.querySelectorAll("input")) {
      const slot = h("div", { class: "field-error", id: `${cellInput.id}-error` });
      cellInput.after(slot);
    }
    lines.append(tr);
  };
  const renumber = () => [...lines.children].forEach((tr, n) => {
    for (const input of tr.querySelectorAll("input")) input.dataset.field = `lineItems[${n}].${input.name}`;
  });
  (invoice?.lineItems?.length ? invoice.lineItems : [{}]).forEach(lineRow);

  /** The body the API takes; tax is typed in percent and sent as a fraction (19 → 0.19). */
  const body = () => ({
    clientId: client.value || null, currency: currency.value.trim() || null, issueDate: issueDate.value || null, dueDate: dueDate.value || null,
    sendOn: sendOn.value || null, workCompletedOn: workCompletedOn.value || null, notes: notes.value.trim() || null,
    lineItems: [...lines.children].map((tr) => {
      const v = (name) => tr.querySelector(`[name=${name}]`).value;
      const num = (name) => (v(name) === "" ? null : Number(v(name)));
      return { description: v("description"), quantity: num("quantity"), unitPrice: num("unitPrice"), taxRate: num("taxRate") === null ? null : num("taxRate") / 100 };
    }),
  });

  /** Totals as the server computes them: each line and its tax rounded to the currency's minor unit. */
  const recompute = () => {
    const code = codeOf();
    const f = 10 ** minorDigits(code);
    const round = (x) => Math.round((x + Number.EPSILON) * f) / f;
    let subtotal = 0, tax = 0;
    [...lines.children].forEach((tr, n) => {
      const l = body().lineItems[n];
      const amount = round((l.quantity || 0) * (l.unitPrice || 0));
      subtotal += amount;
      tax += round(amount * (l.taxRate || 0));
      tr.querySelector(".amount").textContent = money(amount, code);
    });
    totals.replaceChildren(h("dt", {}, "Subtotal"), h("dd", {}, money(subtotal, code)), h("dt", {}, "Tax"), h("dd", {}, money(tax, code)),
      h("dt", {}, "Total"), h("dd", { class: "strong", id: "draft-total" }, money(subtotal + tax, code)));
  };

  const form = h("form", { class: "draft", novalidate: true, "aria-labelledby": "draft-title" },
    h("div", { class: "form-grid" }, withAfter(field("Client", client), client, clientName), field("Currency", currency, "Leave empty for the client's currency"),
      field("Issue date", issueDate), field("Due date", dueDate), field("Send on", sendOn, "Optional: hold the email until this day"),
      field("Work completed on", workCompletedOn, "Optional")),
    h("h2", {}, "Lines"),
    h("table", { class: "table lines responsive" }, h("thead", {}, h("tr", {}, ["Description", "Quantity", "Unit price", "Tax %", "Amount", ""].map((c) => h("th", { scope: "col" }, c)))), lines),
    h("p", {}, h("button", { type: "button", onclick: () => { lineRow(); changed(); } }, "Add a line")),
    totals, field("Notes", notes), summary,
    h("div", { class: "actions sticky" }, status,
      h("button", { type: "button", onclick: () => save(true) }, "Save draft"),
      h("button", { type: "submit", class: "primary" }, invoice?.status === "Rejected" ? "Resubmit for approval" : "Submit for approval")));

  let timer = null;
  let saving = Promise.resolve(true);
  const changed = () => {
    recompute();
    status.textContent = "Changed; saving in a moment…";
    clearTimeout(timer);
    timer = setTimeout(() => save(false), 900);
  };
  form.addEventListener("input", changed);
  client.addEventListener("change", () => { showClient(); changed(); });

  /** Saves (creates the draft on its first save) and refreshes the preview; quiet saves skip incomplete forms. */
  function save(loud) {
    clearTimeout(timer);
    const b = body();
    if (!loud && (!b.clientId || b.lineItems.every((l) => !l.description))) { status.textContent = "Not saved yet: fill in a client and a line."; return saving; }
    saving = saving.then(async () => {
      const result = draftId ? await put(`/console/api/invoices/${draftId}`, b) : await post("/console/api/invoices", b);
      if (!result.ok) { showErrors(form, result, summary); status.textContent = "Not saved: see the fields marked."; return false; }
      clearErrors(form, summary);
      const first = !draftId;
      draftId = result.data.id;
      version = result.data.version;
      status.textContent = `Saved as ${result.data.number}.`;
      $("draft-title").textContent = `Invoice ${result.data.number}`;
      if (first) history.replaceState(null, "", `#/invoices/${draftId}/edit`);
      await preview();
      return true;
    });
    return saving;
  }

  async function preview() {
    const d = await get(`/console/api/invoices/${draftId}`);
    if (!d.ok) return;
    pages.replaceChildren(...Array.from({ length: d.data.pageCount }, (_, n) => h("img", { class: "page", width: 1000, height: 1415,
      src: `/console/api/invoices/${draftId}/pages/${n + 1}?v=${version}`, alt: `Preview, page ${n + 1} of ${d.data.pageCount}` })));
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!(await save(true))) return;
    const total = $("draft-total").textContent;
    await confirmDialog({ title: "Submit for approval?", text: `${client.selectedOptions[0]?.textContent}, ${total}. The PDF is frozen as the preview shows it.`, confirm: "Submit",
      submit: async () => {
        const r = await post(`/console/api/invoices/${draftId}/submit`, {});
        if (r.ok) { toast(`${r.data.number} submitted.`); document.dispatchEvent(new CustomEvent("console:changed")); location.hash = `#/invoices/${draftId}`; }
        return r;
      } });
  });

  view.append(h("p", { class: "crumbs" }, h("a", { href: "#/invoices" }, "Invoices"), " / ", invoice?.number ?? "New"),
    h("h1", { id: "draft-title" }, invoice ? `Invoice ${invoice.number}` : "New invoice"),
    invoice?.status === "Rejected" ? h("p", { class: "note" }, "This invoice was rejected. Change what was asked and resubmit it.") : null,
    h("div", { class: "draft-grid" }, form, h("section", { class: "panel preview", "aria-labelledby": "preview-title" }, h("h2", { id: "preview-title" }, "Preview"), pages)));
  recompute();
  showClient();
  if (draftId) preview();
}

/** The field with <var>extra</var> right after its input (before the hint and the error line). */
function withAfter(wrapper, input, extra) {
  input.after(extra);
  return wrapper;
}
