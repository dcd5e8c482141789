// The ChatBilling web console: the embedded chat channel. Cards are Adaptive Cards rendered by Microsoft's
// own renderer, so what approvers see here is what Teams shows.
"use strict";

const $ = (id) => document.getElementById(id);
const headers = { "Content-Type": "application/json", "X-ChatBilling-Console": "1" };

const hostConfig = new AdaptiveCards.HostConfig({
  fontFamily: "Segoe UI, system-ui, -apple-system, sans-serif",
  spacing: { small: 4, default: 8, medium: 16, large: 20, extraLarge: 28, padding: 16 },
  containerStyles: {
    default: { backgroundColor: "#FFFFFF", foregroundColors: { default: { default: "#172033", subtle: "#667085" },
      accent: { default: "#3452D6", subtle: "#5B74E0" }, good: { default: "#067647", subtle: "#12B76A" },
      warning: { default: "#B54708", subtle: "#DC6803" }, attention: { default: "#B42318", subtle: "#D92D20" } } },
    emphasis: { backgroundColor: "#F5F6F8" },
    attention: { backgroundColor: "#FEF3F2" }, warning: { backgroundColor: "#FFFAEB" }, good: { backgroundColor: "#ECFDF3" },
  },
  actions: { maxActions: 5, buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 12 }, actionsOrientation: "horizontal", actionAlignment: "left" },
});

// Teams renders the **bold** and _italic_ markdown the templates use; the renderer leaves that to its host.
// Backslash escapes (the server escapes client-supplied text so it never becomes markup) stand for the character itself.
const htmlText = (t) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const literals = [];
  const held = text.replace(/\\([\\`*_{}\[\]()#+\-.!~>|])/g, (_, c) => `\u0000${literals.push(c) - 1}\u0000`);
  const html = htmlText(held).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>").replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1<em>$2</em>");
  result.outputHtml = html.replace(/\u0000(\d+)\u0000/g, (_, i) => htmlText(literals[Number(i)]));
  result.didProcess = true;
};

async function call(path, body) {
  const response = await fetch(path, body === undefined ? { credentials: "same-origin" }
    : { method: "POST", credentials: "same-origin", headers, body: JSON.stringify(body) });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return { ok: response.ok, status: response.status, data };
}

function toast(message, error = false) {
  const t = $("toast");
  t.textContent = message;
  t.className = error ? "toast error" : "toast";
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (t.hidden = true), 5000);
}

/** Renders one card; clicks on its Approve/Reject buttons post the decision and replace it in place. */
function renderCard(json, onAction) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = hostConfig;
  card.onExecuteAction = (action) => {
    if (action instanceof AdaptiveCards.OpenUrlAction) { window.open(action.url, "_blank", "noopener"); return; }
    const data = { ...(action.data || {}) };
    const verb = action.verb || data.verb;
    const inputs = Object.fromEntries(card.getAllInputs().map((i) => [i.id, i.value]));
    if (verb && onAction) onAction(verb, { ...inputs, ...data });
  };
  card.parse(json);
  return card.render();
}

function cardElement(item) {
  const wrapper = document.createElement("div");
  wrapper.className = "card";
  wrapper.dataset.invoice = item.invoiceId;
  wrapper.dataset.template = item.template;
  wrapper.appendChild(renderCard(item.card, (verb, data) => decide(wrapper, verb, data)));
  return wrapper;
}

async function decide(wrapper, verb, data) {
  if (verb !== "approve" && verb !== "reject") return;
  const result = await call(`/console/api/invoices/${data.invoiceId}/decisions`,
    { decision: verb, reason: data.reason, cardVersion: data.cardVersion });
  if (result.data && result.data.card) {
    const replacement = cardElement(result.data.card);
    replacement.classList.add("flash");
    wrapper.replaceWith(replacement);
    setTimeout(() => replacement.classList.remove("flash"), 1500);
  }
  const message = result.data?.message || result.data?.detail || "Something went wrong.";
  toast(message, !result.ok);
  updateInboxCount();
}

function updateInboxCount() {
  const actionable = document.querySelectorAll('#inbox .card[data-template="approval-request"]').length;
  $("inbox-count").textContent = actionable;
  $("inbox-count").className = actionable ? "badge" : "badge quiet";
}

async function loadInbox() {
  const result = await call("/console/api/inbox");
  const inbox = $("inbox");
  inbox.replaceChildren(...(result.data || []).map(cardElement));
  $("inbox-empty").hidden = inbox.children.length > 0;
  updateInboxCount();
}

async function ask(question) {
  if (!question.trim()) return;
  const conversation = $("conversation");
  const mine = document.createElement("div");
  mine.className = "bubble me";
  mine.textContent = question;
  conversation.appendChild(mine);
  const result = await call("/console/api/ask", { text: question });
  const answer = document.createElement("div");
  if (result.ok) {
    answer.className = "bubble bot card-answer";
    answer.appendChild(renderCard(result.data.card));
  } else {
    answer.className = "bubble bot";
    answer.textContent = result.data?.detail || "I could not answer that.";
  }
  conversation.appendChild(answer);
  answer.scrollIntoView({ behavior: "smooth", block: "end" });
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const text of cells) { const td = document.createElement("td"); td.textContent = text; tr.appendChild(td); }
  return tr;
}

function fill(body, rows, columns, emptyText) {
  if (rows.length) { body.replaceChildren(...rows); return; }
  const tr = document.createElement("tr");
  const td = document.createElement("td");
  td.colSpan = columns; td.className = "none"; td.textContent = emptyText;
  tr.appendChild(td);
  body.replaceChildren(tr);
}

async function loadExceptions() {
  const { data } = await call("/console/api/exceptions");
  if (!data) return;
  fill($("late"), data.lateApprovals.map((l) => row([l.number, l.client, l.amount, l.step + (l.escalated ? " · escalated" : ""), l.waiting])), 5,
    "No approval is past its deadline.");
  fill($("failed"), data.failedSends.map((f) => row([f.number, f.client, f.amount, f.reason])), 4, "No send has failed.");
  const count = data.lateApprovals.length + data.failedSends.length;
  $("exceptions-count").textContent = count;
  $("exceptions-count").className = count ? "badge alert" : "badge quiet";
}

async function loadSchedules() {
  const { data } = await call("/console/api/schedules");
  if (!data) return;
  fill($("schedules"), data.map((s) => {
    const tr = row([s.name, s.client, s.cadence, s.perPeriod, s.nextRun, s.lastInvoice ?? "–"]);
    if (!s.active) tr.classList.add("paused");
    return tr;
  }), 6, "No recurring schedules yet: create one with POST /api/schedules.");
}

function show(view) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.view === view);
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  if (view === "inbox") loadInbox();
  if (view === "exceptions") loadExceptions();
  if (view === "schedules") loadSchedules();
  if (view === "dashboard") Dashboard.load();
  if (view === "ask") $("ask-input").focus();
}

async function showSignIn() {
  $("app").hidden = true;
  $("signin").hidden = false;
  const approvers = await call("/console/api/approvers");
  if (approvers.ok) {
    $("picker").hidden = false;
    $("approver-list").replaceChildren(...approvers.data.map((a) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.innerHTML = "<span></span><small></small>";
      button.firstChild.textContent = a.name;
      button.lastChild.textContent = a.roles.join(", ");
      button.onclick = async () => {
        const result = await call("/console/api/sign-in", { email: a.email });
        if (result.ok) start(); else toast(result.data?.detail || "Could not sign in.", true);
      };
      li.appendChild(button);
      return li;
    }));
  } else {
    $("link-form").hidden = false;
  }
}

async function start() {
  const me = await call("/console/api/me");
  if (!me.ok) return showSignIn();
  $("signin").hidden = true;
  $("app").hidden = false;
  $("me-name").textContent = me.data.name;
  $("me-roles").textContent = me.data.roles.join(" · ");
  show("inbox");
  loadExceptions();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const tab of document.querySelectorAll(".tab")) tab.onclick = () => show(tab.dataset.view);
  for (const chip of document.querySelectorAll(".chip")) chip.onclick = () => ask(chip.dataset.q);
  $("ask-form").onsubmit = (e) => { e.preventDefault(); const q = $("ask-input").value; $("ask-input").value = ""; ask(q); };
  $("sign-out").onclick = async () => { await call("/console/api/sign-out", {}); showSignIn(); };
  $("link-form").onsubmit = async (e) => {
    e.preventDefault();
    await call("/console/api/sign-in-link", { email: $("link-email").value });
    $("link-sent").hidden = false;
  };
  start();
});
