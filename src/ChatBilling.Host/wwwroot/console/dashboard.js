// The console dashboard: the numbers that matter (GET /console/api/metrics) with weekly trends drawn as inline
// SVG, and the reconciliation report (GET /console/api/reconciliation). No chart library: a few lines and bars.
"use strict";

const Dashboard = (() => {
  const SVG = "http://www.w3.org/2000/svg";
  const palette = ["#3452d6", "#12b76a", "#dc6803", "#7a5af8", "#d92d20", "#0ba5ec"];
  let days = 90;

  const el = (tag, attrs = {}, text) => {
    const node = document.createElement(tag);
    // CSSOM, not a style attribute: the console's Content-Security-Policy refuses inline style attributes.
    for (const [k, v] of Object.entries(attrs)) { if (k === "style") node.style.cssText = v; else node.setAttribute(k, v); }
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = (tag, attrs = {}, text) => {
    const node = document.createElementNS(SVG, tag);
    // CSSOM, not a style attribute: the console's Content-Security-Policy refuses inline style attributes.
    for (const [k, v] of Object.entries(attrs)) { if (k === "style") node.style.cssText = v; else node.setAttribute(k, v); }
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fmt = (v, digits = 1) => (v === null || v === undefined ? "–" : Number(v).toLocaleString("en-GB", { maximumFractionDigits: digits }));
  const pct = (v) => (v === null || v === undefined ? "–" : `${Math.round(v * 100)} %`);
  const money = (v, currency) => new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(v);

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
        item.prepend(el("i", { style: `background:${palette[n % palette.length]}` }));
        legend.appendChild(item);
      });
      figure.appendChild(legend);
    }
    if (values.length === 0) figure.appendChild(el("p", { class: "chart-empty" }, "No data in this window yet."));
    return figure;
  }

  function tile(label, value, note, tone = "") {
    const t = el("div", { class: `tile ${tone}` });
    t.appendChild(el("div", { class: "tile-label" }, label));
    t.appendChild(el("div", { class: "tile-value" }, value));
    t.appendChild(el("div", { class: "tile-note" }, note));
    return t;
  }

  function renderMetrics(m) {
    const tiles = $("dash-tiles");
    tiles.replaceChildren(
      tile("Work done → sent", m.sendLag.medianDays === null ? "–" : `${fmt(m.sendLag.medianDays)} d`,
        `median · p90 ${fmt(m.sendLag.p90Days)} d · ${m.sendLag.count} invoices`),
      tile("Sent on schedule", pct(m.onSchedule.share), `${m.onSchedule.onTime} of ${m.onSchedule.count} on or before their day`,
        m.onSchedule.share !== null && m.onSchedule.share < 0.8 ? "warn" : ""),
      tile("Approval time", m.approvalTime.medianHours === null ? "–" : `${fmt(m.approvalTime.medianHours)} h`,
        `median · p90 ${fmt(m.approvalTime.p90Hours)} h · ${m.approvalTime.count} approvals`),
      ...(m.dso.length ? m.dso : [{ currency: "", days: null, receivables: 0, creditSales: 0 }]).map((d) =>
        tile(`DSO${d.currency ? " " + d.currency : ""}`, d.days === null ? "–" : `${fmt(d.days, 0)} days`,
          d.currency ? `${money(d.receivables, d.currency)} owed · ${money(d.creditSales, d.currency)} sold` : "nothing sold yet")));

    const weeks = m.weeks;
    const currencies = [...new Set(weeks.flatMap((w) => w.dso.map((d) => d.currency)))].sort();
    $("dash-charts").replaceChildren(
      chart("Work done → sent, median days", weeks, [{ values: weeks.map((w) => w.lagMedianDays) }], { unit: " d" }),
      chart("Sent on schedule", weeks, [{ values: weeks.map((w) => w.onScheduleShare) }], { max: 1, percent: true }),
      chart("Approval time, median hours", weeks, [{ values: weeks.map((w) => w.approvalMedianHours) }], { unit: " h" }),
      chart("DSO, days (trailing 30 days)", weeks,
        (currencies.length ? currencies : [""]).map((c) => ({ name: c, values: weeks.map((w) => w.dso.find((d) => d.currency === c)?.days ?? null) })),
        { unit: " d" }));
    $("dash-window").textContent = `${m.window.days} days to ${new Date(m.window.to).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })} · days in ${m.window.timeZone}`;
  }

  function section(title, head, rows, empty) {
    const wrap = el("div", { class: "recon-section" });
    wrap.appendChild(el("h3", {}, `${title} (${rows.length})`));
    if (!rows.length) { wrap.appendChild(el("p", { class: "muted" }, empty)); return wrap; }
    const table = el("table", { class: "table" });
    const tr = el("tr");
    head.forEach((h) => tr.appendChild(el("th", {}, h)));
    table.appendChild(el("thead")).appendChild(tr);
    const body = table.appendChild(el("tbody"));
    rows.forEach((cells) => {
      const r = el("tr");
      cells.forEach((c) => r.appendChild(el("td", {}, c)));
      body.appendChild(r);
    });
    wrap.appendChild(table);
    return wrap;
  }

  function renderReconciliation(r) {
    $("recon-title").textContent = `Reconciliation · ${r.isoWeek}`;
    $("recon-count").textContent = r.total;
    $("recon-count").className = r.total ? "badge alert" : "badge quiet";
    $("recon-count").hidden = false;
    const m = (v, c) => (c ? money(v, c) : fmt(v, 2));
    $("recon").replaceChildren(
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
  }

  async function load() {
    const [metrics, recon] = await Promise.all([call(`/console/api/metrics?days=${days}`), call("/console/api/reconciliation")]);
    if (metrics.ok) renderMetrics(metrics.data);
    if (recon.ok) renderReconciliation(recon.data);
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const button of document.querySelectorAll("#dash-days button")) {
      button.onclick = () => {
        days = Number(button.dataset.days);
        for (const b of document.querySelectorAll("#dash-days button")) b.classList.toggle("active", b === button);
        load();
      };
    }
  });

  return { load };
})();
