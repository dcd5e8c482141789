// Out of office: the signed-in approver hands their approvals to a colleague for a date range, sees who stands in
// for whom, and ends their own delegation when back. The server checks every rule again (self, unknown, circle).
import { h, field, table, row, day } from "./dom.js";
import { get, post } from "./api.js";
import { toast, showErrors } from "./ui.js";

const head = ["Away", "Decides meanwhile", "From", "Until", "Note", ""];

export async function render(view, { me }) {
  document.title = "Delegation · ChatBilling";
  const [list, colleagues] = await Promise.all([get("/console/api/delegations"), get("/console/api/delegations/colleagues")]);
  const again = () => render(view.replaceChildren() || view, { me });
  const end = async (d) => {
    const r = await post(`/console/api/delegations/${d.id}/end`);
    toast(r.ok ? `Ended: your approvals come to you again.` : r.message, !r.ok);
    again();
  };
  view.append(h("h1", {}, "Delegation"),
    h("p", { class: "muted" }, "Away? Hand your approvals to a colleague: cards and reminders go to them, they decide in your place within their own limit, and the history says who decided for whom."),
    table(head, (list.data || []).map((d) => row(head, [d.fromName, d.toName, day(d.startsOn), day(d.endsOn), d.note ?? "–",
      d.from.toLowerCase() === me.email.toLowerCase() ? h("button", { type: "button", onclick: () => end(d) }, "End now") : (d.active ? "Today" : "")])),
    "No delegations from or to you."));
  if (me.mayDecide) view.append(form(colleagues.data || [], me, again));
}

function form(colleagues, me, done) {
  const summary = h("p", { class: "form-error", role: "alert" });
  const form = h("form", { class: "panel", novalidate: true, "aria-labelledby": "new-delegation" }, h("h2", { id: "new-delegation" }, "Delegate my approvals"),
    h("div", { class: "form-grid" },
      field("Colleague", h("select", { name: "to", "data-field": "to" }, h("option", { value: "" }, "Choose a colleague"),
        colleagues.map((c) => h("option", { value: c.email }, c.name)))),
      field("From", h("input", { name: "startsOn", "data-field": "startsOn", type: "date", value: me.today })),
      field("Until (included)", h("input", { name: "endsOn", "data-field": "endsOn", type: "date" })),
      field("Note", h("input", { name: "note", "data-field": "note", maxlength: 1000, placeholder: "Holiday" }))),
    summary, h("div", { class: "actions" }, h("button", { type: "submit", class: "primary" }, "Delegate")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(form).entries());
    const r = await post("/console/api/delegations", { to: v.to || null, startsOn: v.startsOn || null, endsOn: v.endsOn || null, note: v.note || null });
    if (!r.ok) { showErrors(form, r, summary); return; }
    toast(`${r.data.toName} decides your approvals until ${day(r.data.endsOn)}.`);
    done();
  });
  return form;
}
