// Invoices: search, filters, sorting and paging, all in the URL (#/invoices?q=acme&status=Sent&page=2).
import { h, money, day, statusPill, statusOptions, table, row } from "../dom.js";
import { get } from "../api.js";

const head = ["Invoice", "Client", "Status", "Issued", "Due", "Total", "Balance"];
const sorts = [["issueDate", "Issue date"], ["dueDate", "Due date"], ["number", "Number"], ["client", "Client"], ["total", "Total"]];

export async function render(view, { me, params }) {
  document.title = "Invoices · ChatBilling";
  const clients = await get("/console/api/clients?limit=500");
  const select = (name, label, options, value) => {
    const s = h("select", { id: `filter-${name}`, name }, options.map(([v, text]) => h("option", { value: v, selected: v === (value ?? "") }, text)));
    return h("div", { class: "field" }, h("label", { for: s.id }, label), s);
  };
  const wide = (node) => { node.classList.add("grow"); return node; };
  const search = h("input", { id: "filter-q", name: "q", type: "search", value: params.get("q") || "", placeholder: "Number, client or text" });
  const form = h("form", { class: "filters", role: "search", "aria-label": "Find invoices" },
    h("div", { class: "field grow" }, h("label", { for: "filter-q" }, "Search"), search),
    select("status", "Status", [["", "Any status"], ...statusOptions], params.get("status")),
    select("clientId", "Client", [["", "Any client"], ...(clients.data || []).map((c) => [c.id, c.name])], params.get("clientId")),
    select("currency", "Currency", [["", "Any currency"], ...[...new Set((clients.data || []).map((c) => c.currency))].sort().map((c) => [c, c])], params.get("currency")),
    select("overdue", "Overdue", [["", "Either"], ["true", "Overdue only"], ["false", "Not overdue"]], params.get("overdue")),
    select("sent", "Sent", [["", "Either"], ["true", "Sent"], ["false", "Not sent yet"]], params.get("sent")),
    select("sort", "Sort by", sorts, params.get("sort") || "issueDate"),
    // The widest choice gets a whole row on a phone, so "Newest / largest first" is never cut.
    wide(select("dir", "Order", [["desc", "Newest / largest first"], ["asc", "Oldest / smallest first"]], params.get("dir") || "desc")),
    h("div", { class: "field actions-end" }, h("button", { type: "submit", class: "primary" }, "Find")));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (v && !(k === "sort" && v === "issueDate") && !(k === "dir" && v === "desc")) next.set(k, v);
    if (params.get("age")) next.set("age", params.get("age"));
    location.hash = `#/invoices${next.size ? "?" + next : ""}`;
  });
  for (const s of form.querySelectorAll("select")) s.addEventListener("change", () => form.requestSubmit());

  const heading = h("div", { class: "screen-head" }, h("h1", {}, "Invoices"),
    me.mayBill ? h("a", { class: "button primary", href: "#/invoices/new" }, "New invoice") : null);
  const results = h("div", { class: "results", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  view.append(heading, form, params.get("age") ? h("p", { class: "note" }, `Receivables ${params.get("age")} days past due. `,
    h("a", { href: "#/invoices" }, "Show all invoices")) : null, results);

  const query = new URLSearchParams(params);
  query.set("size", "20");
  const page = await get(`/console/api/invoices?${query}`);
  if (!page.ok) { results.replaceChildren(h("p", { class: "form-error", role: "alert" }, page.message)); return; }
  const { items, total, size } = page.data;
  const current = page.data.page;
  const rows = items.map((i) => row(head, [
    h("a", { href: `#/invoices/${i.id}` }, i.number), i.client,
    statusPill(i.status, { overdue: i.overdue, waitingFor: i.waitingFor }), day(i.issueDate), day(i.dueDate),
    h("span", { class: "num" }, money(i.total, i.currency)), h("span", { class: "num" }, money(i.balance, i.currency))]));
  const from = total === 0 ? 0 : (current - 1) * size + 1;
  const pageLink = (n, label) => {
    const p = new URLSearchParams(params);
    p.set("page", n);
    return h("a", { class: "button", href: `#/invoices?${p}` }, label);
  };
  results.replaceChildren(
    h("p", { class: "muted" }, total === 0 ? "No invoice matches." : `${from}–${from + items.length - 1} of ${total.toLocaleString("en-GB")}`),
    table(head, rows, "No invoice matches these filters."),
    h("nav", { class: "pager", "aria-label": "Pages" },
      current > 1 ? pageLink(current - 1, "Previous page") : null,
      from + items.length - 1 < total ? pageLink(current + 1, "Next page") : null));
}
