// Ask the bot: the same answers as in Slack and Teams, as cards.
import { h } from "../dom.js";
import { post } from "../api.js";
import { renderCard } from "../cards.js";
import { sendDecision } from "../decisions.js";

export async function render(view) {
  document.title = "Ask the bot · ChatBilling";
  const conversation = h("div", { class: "conversation", "aria-live": "polite" },
    h("div", { class: "bubble bot" }, "Hi! Ask me what is overdue, what is pending, or the status of an invoice."));
  const input = h("input", { id: "ask-input", placeholder: "e.g. status INV-2026-0001", autocomplete: "off" });
  const ask = async (question) => {
    if (!question.trim()) return;
    conversation.append(h("div", { class: "bubble me" }, question));
    const result = await post("/console/api/ask", { text: question });
    const answer = result.ok ? h("div", { class: "bubble bot card-answer" }, renderCard(result.data.card, (verb, data) => verb === "approve" && approve(data)))
      : h("div", { class: "bubble bot" }, result.message || "I could not answer that.");
    conversation.append(answer);
    answer.scrollIntoView({ behavior: "smooth", block: "end" });
  };
  const form = h("form", { class: "ask", onsubmit: (e) => { e.preventDefault(); const q = input.value; input.value = ""; ask(q); } },
    h("div", { class: "chips" }, ["overdue", "pending", "help"].map((q) => h("button", { type: "button", class: "chip", dataset: { q }, onclick: () => ask(q) }, q))),
    h("div", { class: "ask-row" }, h("label", { for: "ask-input", class: "visually-hidden" }, "Question for the bot"), input,
      h("button", { type: "submit", class: "primary" }, "Ask")));
  view.append(h("h1", {}, "Ask the bot"), conversation, form);
  input.focus();
}

// "my approvals" lists an Approve button per invoice: the same decision (and stale-card check) as the inbox card's.
const approve = (data) => sendDecision(data.invoiceId, "approve", { cardVersion: data.cardVersion });
