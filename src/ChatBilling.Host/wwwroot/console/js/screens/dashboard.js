// The dashboard: the numbers that matter (GET /console/api/metrics) with weekly trends drawn as inline SVG,
// receivables aging per currency with a DSO that does not move with the window picker (GET /console/api/aging),
// and the reconciliation report. No chart library: a few lines and circles. Every tile links to its invoices.
import { hoursText, money as currencyMoney } from "../dom.js";
import { get } from "../api.js";

const SVG = "http://www.w3.org/2000/svg";
const palette = ["#3452d6", "#12b76a", "#dc6803", "#7a5af8", "#d92d20", "#0ba5ec"];

const el = (tag, attrs = {}, text) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};
const svg = (tag, attrs = {}, text) => {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
};
const fmt = (v, digits = 1) => (v === null || v === undefined ? "–" : Number(v).toLocaleString("en-GB", { maximumFractionDigits: digits }));
const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)} %`);
const money = currencyMoney;

/** A round axis top split in four round steps (1, 2, 2.5 or 5 times a power of ten): 7.3 becomes 8, 57 becomes 80. */
function niceMax(value) {
  if (!(value > 0)) return 4;
  const raw = value / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return step * 4;
}

/** A weekly trend: one or more series of numbers (null = no data that week) over the week labels. */
function chart(title, weeks, series, { unit = "", max, percent = false } = {}) {
  const w = 480, h = 180, left = 40, right = 12, top = 14, bottom = 28;
  const values = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const top_ = max ?? niceMax(Math.max(...values, 0) * 1.1);
  const x = (i) => left + (weeks.length <= 1 ? (w - left - right) / 2 : (i * (w - left - right)) / (weeks.length - 1));
  const y = (v) => top + (h - top - bottom) * (1 - v / top_);
  const figure = el("figure", { class: "chart" });
  figure.appendChild(el("figcaption", {}, title));
  const root = svg("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": title });
  for (let g = 0; g <= 4; g++) {
    const v = (top_ * g) / 4;
    root.appendChild(svg("line", { x1: left, x2: w - right, y1: y(v), y2: y(v), class: "grid" }));
    root.appendChild(svg("text", { x: left - 6, y: y(v) + 4, class: "axis", "text-anchor": "end" }, percent ? `${Math.round(v * 100)}%` : fmt(v, 1)));
  }
  const every = Math.max(1, Math.ceil(weeks.length / 8));
  weeks.forEach((wk, i) => {
    if (i % every === 0) root.appendChild(svg("text", { x: x(i), y: h - 8, class: "axis", "text-anchor": "middle" }, wk.isoWeek.slice(5)));
  });
  series.forEach((s, n) => {
    const color = palette[n % palette.length];
    let d = "";
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) { d += " "; return; }
      d += `${d.endsWith(" ") || d === "" ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    });
    root.appendChild(svg("path", { d: d.trim().replace(/ +/g, " "), class: "line", stroke: color }));
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) return;
      const dot = svg("circle", { cx: x(i), cy: y(v), r: 3.5, fill: color, class: "dot" });
      dot.appendChild(svg("title", {}, `${weeks[i].isoWeek}: ${percent ? pct(v) : fmt(v) + unit}${s.name ? " · " + s.name : ""}`));
      root.appendChild(dot);
    });
  });
  figure.appendChild(root);
  if (series.length > 1 || series[0]?.name) {
    const legend = el("div", { class: "legend" });
    series.forEach((s, n) => {
      const item = el("span", {}, s.name);
      item.prepend(el("i", { class: `swatch c${n % palette.length}` }));
      legend.appendChild(item);
    });
    figure.appendChild(legend);
  }
  if (values.length === 0) figure.appendChild(el("p", { class: "chart-empty" }, "No data in this window yet."));
  return figure;
}

function tile(label, value, note, tone = "", href = "#/invoices") {
  const t = el("a", { class: `tile ${tone}`, href });
  t.appendChild(el("div", { class: "tile-label" }, label));
  t.appendChild(el("div", { class: "tile-value" }, value));
  t.appendChild(el("div", { class: "tile-note" }, note));
  return t;
}

const hoursFromMinutes = (v) => hoursText(v);

function metricTiles(m) {
  const approval = m.approvalTime.medianHours;
  return [
    tile("Work done → sent", m.sendLag.medianDays === null ? "–" : `${fmt(m.sendLag.medianDays)} d`,
      `median · p90 ${fmt(m.sendLag.p90Days)} d · ${m.sendLag.count} invoices`, "", "#/invoices?sent=true"),
    tile("Sent on schedule", pct(m.onSchedule.share), `${m.onSchedule.onTime} of ${m.onSchedule.count} on or before their day`,
      m.onSchedule.share !== null && m.onSchedule.share < 0.8 ? "warn" : "", "#/invoices?sent=true"),
    tile("Approval time", hoursFromMinutes(approval),
      `median · p90 ${hoursFromMinutes(m.approvalTime.p90Hours)} · ${m.approvalTime.count} approvals`, "", "#/invoices?status=PendingApproval"),
  ];
}

function charts(m) {
  const weeks = m.weeks;
  const currencies = [...new Set(weeks.flatMap((w) => w.dso.map((d) => d.currency)))].sort();
  return [
    chart("Work done → sent, median days", weeks, [{ values: weeks.map((w) => w.lagMedianDays) }], { unit: " d" }),
    chart("Sent on schedule", weeks, [{ values: weeks.map((w) => w.onScheduleShare) }], { max: 1, percent: true }),
    chart("Approval time, median hours", weeks, [{ values: weeks.map((w) => w.approvalMedianHours) }], { unit: " h" }),
    chart("DSO, days (trailing 30 days)", weeks,
      (currencies.length ? currencies : [""]).map((c) => ({ name: c, values: weeks.map((w) => w.dso.find((d) => d.currency === c)?.days ?? null) })),
      { unit: " d" }),
  ];
}

const bucketWords = { current: "Not yet due", "1-30": "1–30 days late", "31-60": "31–60 days late", "61-90": "61–90 days late", "90+": "Over 90 days late" };

/** Aging per currency: one row of bucket tiles each, every tile a link to the invoices in it; DSO over a fixed 90 days. */
function aging(report) {
  const wrap = el("section", { class: "panel", "aria-labelledby": "aging-title" });
  wrap.appendChild(el("h2", { id: "aging-title" }, "Receivables aging"));
  wrap.appendChild(el("p", { class: "muted" }, `Unpaid sent invoices by days past due, as of today. DSO = receivables now ÷ credit sales of the last ${report.dsoWindowDays} days × ${report.dsoWindowDays}: the same whichever window is picked above.`));
  if (!report.currencies.length) wrap.appendChild(el("p", { class: "muted" }, "Nothing has been sent yet."));
  for (const c of report.currencies) {
    wrap.appendChild(el("h3", {}, c.currency));
    const row = el("div", { class: "tiles aging" });
    row.appendChild(tile(`DSO ${c.currency}`, c.dsoDays === null ? "–" : `${fmt(c.dsoDays, 0)} days`,
      `${money(c.receivables, c.currency)} owed · ${money(c.creditSales, c.currency)} sold in ${report.dsoWindowDays} d`, "", `#/invoices?status=Sent&currency=${c.currency}`));
    for (const b of c.buckets) {
      row.appendChild(tile(bucketWords[b.bucket], money(b.amount, c.currency), `${b.count} ${b.count === 1 ? "invoice" : "invoices"}`,
        b.bucket === "current" || !b.count ? "" : "warn", `#/invoices?age=${encodeURIComponent(b.bucket)}&currency=${c.currency}`));
    }
    wrap.appendChild(row);
  }
  return wrap;
}

function section(title, head, rows, empty) {
  const wrap = el("div", { class: "recon-section" });
  wrap.appendChild(el("h3", {}, `${title} (${rows.length})`));
  if (!rows.length) { wrap.appendChild(el("p", { class: "muted" }, empty)); return wrap; }
  const table = el("table", { class: "table responsive" });
  const tr = el("tr");
  head.forEach((h) => tr.appendChild(el("th", { scope: "col" }, h)));
  table.appendChild(el("thead")).appendChild(tr);
  const body = table.appendChild(el("tbody"));
  rows.forEach((cells) => {
    const r = el("tr");
    cells.forEach((c, i) => r.appendChild(el("td", { "data-label": head[i] }, c)));
    body.appendChild(r);
  });
  wrap.appendChild(table);
  return wrap;
}

function reconciliation(r) {
  const m = (v, c) => (c ? money(v, c) : fmt(v, 2));
  const wrap = el("section", { class: "panel", id: "recon", "aria-labelledby": "recon-title" });
  wrap.appendChild(el("h2", { id: "recon-title" }, `Reconciliation · ${r.isoWeek}`));
  wrap.append(
    section("Payments with no invoice", ["Reference", "Invoice given", "Amount", "Paid on", "Problem"],
      r.unmatchedPayments.map((p) => [p.reference + (p.new ? " · new" : ""), p.invoiceReference, m(p.amount, p.currency), p.paidOn, p.problem]),
      "Every payment matches an invoice."),
    section("Overpaid invoices", ["Invoice", "Client", "Total", "Received", "Over by", "References"],
      r.overpayments.map((i) => [i.number, i.clientName, m(i.total, i.currency), m(i.amountPaid, i.currency), m(-i.difference, i.currency), i.paymentReferences.join(", ")]),
      "No invoice is paid beyond its total."),
    section("Past due with a payment, not Paid", ["Invoice", "Client", "Still owed", "Past due", "References"],
      r.pastDueWithPayment.map((i) => [i.number, i.clientName, m(i.difference, i.currency), `${i.daysPastDue} d`, i.paymentReferences.join(", ")]),
      "No short payment is past due."),
    section("Partly paid, not yet due", ["Invoice", "Client", "Received", "Total", "Due"],
      r.partialPayments.map((i) => [i.number, i.clientName, m(i.amountPaid, i.currency), m(i.total, i.currency), i.dueDate]),
      "No invoice is partly paid."));
  return wrap;
}

export async function render(view, { params }) {
  document.title = "Dashboard · ChatBilling";
  const days = [30, 90, 180].includes(Number(params.get("days"))) ? Number(params.get("days")) : 90;
  const [metrics, agingReport, recon] = await Promise.all([get(`/console/api/metrics?days=${days}`), get("/console/api/aging"), get("/console/api/reconciliation")]);
  const picker = el("nav", { class: "segmented", "aria-label": "Window" });
  for (const d of [30, 90, 180]) {
    const link = el("a", { href: `#/dashboard?days=${d}` }, `${d} days`);
    if (d === days) link.setAttribute("aria-current", "true");
    picker.appendChild(link);
  }
  const head = el("div", { class: "dash-head" });
  const title = el("div");
  title.append(el("h1", {}, "The numbers that matter"),
    el("p", { class: "muted", id: "dash-window" }, metrics.ok ? `${metrics.data.window.days} days to ${new Date(metrics.data.window.to).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} · days in ${metrics.data.window.timeZone}` : metrics.message));
  head.append(title, picker);
  view.append(head);
  if (metrics.ok) {
    const tiles = el("div", { class: "tiles", id: "dash-tiles" });
    tiles.append(...metricTiles(metrics.data));
    const chartGrid = el("div", { class: "charts", id: "dash-charts" });
    chartGrid.append(...charts(metrics.data));
    view.append(tiles, chartGrid);
  }
  if (agingReport.ok) view.append(aging(agingReport.data));
  if (recon.ok) view.append(reconciliation(recon.data));
}
