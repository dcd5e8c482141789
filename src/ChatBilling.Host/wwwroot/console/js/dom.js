// DOM and formatting helpers for the console. Every text goes in through textContent: client names and notes
// come from outside and must never be parsed as HTML.

/** h("a", { href: "#/x", class: "y" }, "text", child…): attributes, then children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

// People's formats: the browser's own time zone, named; one currency style (en-GB's) everywhere.
export const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
// dateStyle cannot be combined with timeZoneName, so the parts are spelt out.
const instantFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit",
  hourCycle: "h23", timeZone, timeZoneName: "short" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
const moneyFormats = new Map();

// A bank line naming no invoice has an amount but no currency: the number still shows, in the same style.
const plainAmount = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 4 });

export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "–";
  if (!currency) return plainAmount.format(amount);
  if (!moneyFormats.has(currency)) moneyFormats.set(currency, new Intl.NumberFormat("en-GB", { style: "currency", currency }));
  return moneyFormats.get(currency).format(amount);
}

/** Digits after the point for a currency (JPY 0, EUR 2), as the server rounds line amounts. */
export function minorDigits(currency) {
  try { return new Intl.NumberFormat("en-GB", { style: "currency", currency }).resolvedOptions().maximumFractionDigits; } catch { return 2; }
}

/** An instant in the viewer's zone, with the zone named: "1 Dec 2026, 09:48 CET". */
export const when = (iso) => (iso ? instantFormat.format(new Date(iso)) : "–");
/** A calendar day (ISO "2026-12-01"), the same in every zone. */
export const day = (iso) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00Z`)) : "–");

/** "45 min", "3 h", "2 d": minutes while under an hour. */
export function hoursText(hours) {
  if (hours === null || hours === undefined) return "–";
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${(Math.round(hours * 10) / 10).toLocaleString("en-GB")} h`;
  return `${(Math.round((hours / 24) * 10) / 10).toLocaleString("en-GB")} d`;
}

const statusWords = {
  Draft: "Draft", PendingApproval: "Waiting for approval", Rejected: "Rejected", Approved: "Approved, sending",
  Sent: "Sent", Failed: "Sending failed", Paid: "Paid", Void: "Void",
};
export const statusOptions = Object.entries(statusWords);

/** Words, not enums: "Waiting for Dana Approver", "Overdue", "Sending failed". */
export function statusText(status, { overdue = false, waitingFor = null } = {}) {
  if (status === "PendingApproval" && waitingFor?.length) return `Waiting for ${waitingFor.join(" or ")}`;
  if (status === "Sent" && overdue) return "Overdue";
  return statusWords[status] || status;
}

export function statusPill(status, options) {
  const tone = options?.overdue ? "bad" : { Paid: "good", Sent: "info", Failed: "bad", Rejected: "bad", Void: "quiet", PendingApproval: "warn", Draft: "quiet" }[status] || "info";
  return h("span", { class: `pill ${tone}` }, statusText(status, options));
}

export function field(label, input, hint) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("small", { class: "muted" }, hint) : null,
    h("div", { class: "field-error", id: `${id}-error`, role: "alert" }));
}

export function table(head, rows, emptyText) {
  const body = rows.length ? rows : [h("tr", {}, h("td", { colspan: head.length, class: "none" }, emptyText))];
  return h("table", { class: "table responsive" },
    h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))), h("tbody", {}, body));
}

/** A row whose cells carry their column names, so narrow screens can stack them as label: value. */
export function row(head, cells, attrs = {}) {
  return h("tr", attrs, cells.map((c, i) => h("td", { "data-label": head[i] }, c)));
}
