// The ChatBilling web console: one ES module per screen, no framework (the screens are forms, tables and
// Adaptive Cards; a framework would add more bytes than the whole console). Hash routes give every screen and
// every list filter its own URL (#/invoices?status=Sent&overdue=true), so anything can be linked or reloaded.
import { h, $, timeZone } from "./dom.js";
import { get, post } from "./api.js";
import { toast } from "./ui.js";

const screens = {
  inbox: () => import("./screens/inbox.js"),
  ask: () => import("./screens/ask.js"),
  invoices: () => import("./screens/invoices.js"),
  invoice: () => import("./screens/invoice.js"),
  draft: () => import("./screens/draft.js"),
  clients: () => import("./screens/clients.js"),
  payments: () => import("./screens/payments.js"),
  exceptions: () => import("./screens/exceptions.js"),
  schedules: () => import("./screens/schedules.js"),
  dashboard: () => import("./screens/dashboard.js"),
  delegation: () => import("./delegation.js"),
  setup: () => import("./screens/setup.js"),
};

const nav = [
  ["inbox", "Inbox"], ["invoices", "Invoices"], ["clients", "Clients"], ["payments", "Payments"],
  ["exceptions", "Exceptions"], ["schedules", "Schedules"], ["dashboard", "Dashboard"], ["delegation", "Delegation"], ["ask", "Ask the bot"],
  ["setup", "Setup", (person) => person.mayOperate],
];

let me = null;

/** "#/invoices/1f…/edit?x=1" → { screen: "draft", id, params }. */
export function route(hash = location.hash) {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(query);
  const [first = "inbox", second, third] = parts;
  if (first === "invoices" && second === "new") return { screen: "draft", params, section: "invoices" };
  if (first === "invoices" && second && third === "edit") return { screen: "draft", id: second, params, section: "invoices" };
  if (first === "invoices" && second) return { screen: "invoice", id: second, params, section: "invoices" };
  if (first === "clients" && second) return { screen: "clients", id: second, params, section: "clients" };
  if (screens[first] && !second) return { screen: first, params, section: first };
  return { screen: null, params, section: null };
}

function renderNav(section) {
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.section === section) link.setAttribute("aria-current", "page"); else link.removeAttribute("aria-current");
  }
}

// Each navigation takes a turn; a slower, older one (a module still loading) must not replace a newer screen.
let turn = 0;

async function show() {
  if (!me) return;
  const mine = ++turn;
  const target = route();
  renderNav(target.section);
  const main = $("main");
  if (!target.screen) {
    document.title = "Not found · ChatBilling";
    main.replaceChildren(h("h1", {}, "We could not find that screen"),
      h("p", {}, "The link may be mistyped. ", h("a", { href: "#/inbox" }, "Go to the inbox")));
    return;
  }
  const module = await screens[target.screen]();
  if (mine !== turn) return;
  const view = h("div", { class: "view" });
  // Screens append optional parts as `condition ? node : null`; a bare null must not become the text "null".
  view.append = (...nodes) => Element.prototype.append.apply(view, nodes.filter((n) => n !== null && n !== undefined && n !== false));
  main.replaceChildren(view);
  await module.render(view, { me, ...target });
  if (mine === turn) main.focus({ preventScroll: true });
}

async function showSignIn() {
  me = null;
  sessionStorage.setItem("console.returnTo", location.hash || "#/inbox");
  $("app").hidden = true;
  $("signin").hidden = false;
  const approvers = await get("/console/api/approvers");
  if (approvers.ok) {
    $("picker").hidden = false;
    $("approver-list").replaceChildren(...approvers.data.map((a) => h("li", {},
      h("button", { type: "button", onclick: async () => {
        const result = await post("/console/api/sign-in", { email: a.email });
        if (result.ok) start(); else toast(result.message, true);
      } }, h("span", {}, a.name), h("small", {}, a.roles.join(", "))))));
  } else {
    $("link-form").hidden = false;
  }
}

async function start() {
  const result = await get("/console/api/me");
  if (!result.ok) return showSignIn();
  me = result.data;
  $("signin").hidden = true;
  $("app").hidden = false;
  $("me-name").textContent = me.name;
  $("me-roles").textContent = me.roles.join(" · ");
  $("zone").textContent = `Times in ${timeZone}`;
  // A tab someone may not use is not shown (the server refuses it anyway).
  $("nav").replaceChildren(h("ul", {}, nav.filter(([, , shown]) => !shown || shown(me)).map(([section, label]) =>
    h("li", {}, h("a", { href: `#/${section}`, dataset: { section } }, label, h("span", { class: "badge quiet", id: `${section}-count`, hidden: true }))))));
  const back = sessionStorage.getItem("console.returnTo");
  sessionStorage.removeItem("console.returnTo");
  if (back && back !== location.hash) location.hash = back; else show();
  refreshCounts();
}

/** The inbox and exception counts in the navigation. */
export async function refreshCounts() {
  const [inbox, exceptions] = await Promise.all([get("/console/api/inbox"), get("/console/api/exceptions")]);
  const set = (id, n, tone) => {
    const badge = $(id);
    if (!badge) return;
    badge.textContent = n;
    badge.hidden = !n;
    badge.className = `badge ${tone}`;
  };
  if (inbox.ok) set("inbox-count", inbox.data.filter((c) => c.canDecide).length, "");
  if (exceptions.ok) {
    const dismissed = JSON.parse(localStorage.getItem("console.dismissed") || "[]");
    const failed = exceptions.data.failedSends.filter((f) => !dismissed.includes(f.invoiceId)).length;
    set("exceptions-count", exceptions.data.lateApprovals.length + failed, "alert");
  }
}

document.addEventListener("console:signed-out", () => { if (me) { toast("Your session ended. Sign in again to continue where you were.", true); showSignIn(); } });
document.addEventListener("console:changed", refreshCounts);
window.addEventListener("hashchange", show);
document.addEventListener("DOMContentLoaded", () => {
  $("sign-out").addEventListener("click", async () => { await post("/console/api/sign-out"); location.hash = "#/inbox"; showSignIn(); });
  $("link-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    await post("/console/api/sign-in-link", { email: $("link-email").value });
    $("link-sent").hidden = false;
  });
  start();
});
