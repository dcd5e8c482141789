// On the invoice page: "Ask a question" and "Reassign" next to Approve / Reject for someone who may decide, and the
// questions with their answers (plus "Answer" for the requester). The server checks every rule again.
import { h, when } from "./dom.js";
import { get, post } from "./api.js";
import { toast, confirmDialog, actionButton } from "./ui.js";

/** The buttons to add to the invoice's actions, and the Questions panel (null when nothing was asked). */
export async function approvalExtras(d, me, refresh) {
  const i = d.invoice;
  const waiting = i.status === "PendingApproval";
  const [questions, candidates] = await Promise.all([
    waiting || d.steps.length ? get(`/console/api/invoices/${i.id}/questions`) : Promise.resolve({ data: [] }),
    d.can.decide ? get(`/console/api/invoices/${i.id}/reassign/candidates`) : Promise.resolve({ data: [] })]);
  const list = questions.data || [];
  const send = async (path, body, done) => {
    const r = await post(path, body);
    if (r.ok) { toast(done); refresh(); }
    return r;
  };
  const buttons = [];
  if (d.can.decide) {
    buttons.push(actionButton("Ask a question", async () => {
      await confirmDialog({ title: `Ask about ${i.number}`, text: "The requester is emailed and the question is posted in the card's thread. The step keeps waiting, and its deadline keeps running.",
        confirm: "Ask", fields: [{ name: "text", label: "Question", type: "textarea", required: true }],
        submit: (v) => send(`/console/api/invoices/${i.id}/questions`, { text: v.text }, "Question sent.") });
    }));
    const names = candidates.data || [];
    if (names.length > 0) buttons.push(actionButton("Reassign", async () => {
      await confirmDialog({ title: `Hand ${i.number} to a colleague`, text: `Only they decide this step afterwards. Qualified: ${names.join(", ")}.`, confirm: "Reassign",
        fields: [{ name: "to", label: "Colleague (name or email)", required: true, value: names[0] }, { name: "note", label: "Note for them", type: "textarea", required: true }],
        submit: (v) => send(`/console/api/invoices/${i.id}/reassign`, { to: v.to, note: v.note }, `${i.number} handed on.`) });
    }));
  }
  const open = list.some((q) => !q.answer);
  const requester = [me.name, me.email].some((x) => x && x.toLowerCase() === String(d.createdBy).toLowerCase());
  if (waiting && open && requester) buttons.push(actionButton("Answer", async () => {
    await confirmDialog({ title: `Answer about ${i.number}`, text: list.filter((q) => !q.answer).map((q) => `${q.askedByName}: ${q.text}`).join(" · "),
      confirm: "Send answer", fields: [{ name: "text", label: "Answer", type: "textarea", required: true }],
      submit: (v) => send(`/console/api/invoices/${i.id}/answer`, { text: v.text }, "Answer sent.") });
  }, "primary"));
  const panel = list.length === 0 ? null : h("section", { class: "panel", "aria-labelledby": "h-Questions" }, h("h2", { id: "h-Questions" }, "Questions"),
    h("ul", { class: "history" }, list.map((q) => h("li", {},
      h("strong", {}, `Question from ${q.askedByName}`), " · ", h("time", { datetime: q.askedAt }, when(q.askedAt)), h("div", {}, q.text),
      q.answer ? h("div", { class: "muted" }, `Answer from ${q.answer.byName} (${when(q.answer.at)}): ${q.answer.text}`)
        : h("div", { class: "muted" }, "Waiting for the answer.")))));
  return { buttons, panel };
}
