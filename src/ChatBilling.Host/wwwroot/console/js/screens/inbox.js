// Inbox: the invoices waiting for approval as their Adaptive Cards, a page at a time (the ones you may decide
// first); Approve / Reject decide in place, "Show more" appends the next page.
import { h } from "../dom.js";
import { get, post } from "../api.js";
import { toast } from "../ui.js";
import { renderCard } from "../cards.js";
import { bulkPanel } from "../bulk.js";
import { sendDecision } from "../decisions.js";

export async function render(view) {
  document.title = "Inbox · ChatBilling";
  const cards = h("div", { class: "cards" });
  const empty = h("div", { class: "empty", hidden: true }, h("div", { class: "empty-icon", "aria-hidden": "true" }, "✓"), h("p", {}, "Nothing is waiting for approval."));
  const count = h("p", { class: "muted", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "ghost", hidden: true }, "Show more");
  view.append(h("h1", {}, "Waiting for approval"), await bulkPanel(() => render(view.replaceChildren() || view)), count, cards, more, empty);
  let page = 0;
  async function next() {
    page += 1;
    more.disabled = true;
    const result = await get(`/console/api/inbox?page=${page}`);
    cards.append(...(result.data || []).map(cardElement));
    const total = result.total ?? cards.children.length;
    count.textContent = total > cards.children.length ? `Showing ${cards.children.length} of ${total}.` : "";
    more.hidden = !(result.data?.length) || cards.children.length >= total;
    more.disabled = false;
    empty.hidden = cards.children.length > 0;
  }
  more.addEventListener("click", next);
  await next();
}

function cardElement(item) {
  const wrapper = h("article", { class: "card", dataset: { invoice: item.invoiceId, template: item.template }, "aria-label": "Approval card" });
  wrapper.append(renderCard(item.card, (verb, data) => decide(wrapper, verb, data)));
  return wrapper;
}

async function decide(wrapper, verb, data) {
  if (verb === "ask") { await ask(data); return; }
  if (verb === "reassign") { await reassign(data); return; }
  if (verb !== "approve" && verb !== "reject") return;
  const result = await sendDecision(data.invoiceId, verb, { reason: data.reason, cardVersion: data.cardVersion });
  if (result.data?.card) {
    const replacement = cardElement(result.data.card);
    replacement.classList.add("flash");
    wrapper.replaceWith(replacement);
    setTimeout(() => replacement.classList.remove("flash"), 1500);
  }
}

// "Ask a question…" on the card (the Teams template's ShowCard): the step keeps waiting; the invoice page shows the thread.
async function ask(data) {
  const result = await post(`/console/api/invoices/${data.invoiceId}/questions`, { text: data.question });
  if (result.status !== 401) toast(result.ok ? "Question sent to the requester; the card shows it." : result.message, !result.ok);
  if (result.ok) document.dispatchEvent(new CustomEvent("console:changed"));
}

// "Reassign…" on the card (the Teams template's ShowCard with the qualified colleagues): the same checks as the invoice page.
async function reassign(data) {
  const result = await post(`/console/api/invoices/${data.invoiceId}/reassign`, { to: data.reassignTo, note: data.note, cardVersion: data.cardVersion });
  if (result.status !== 401) toast(result.ok ? "Handed on; only they decide this step now." : result.message, !result.ok);
  if (result.ok) document.dispatchEvent(new CustomEvent("console:changed"));
}
