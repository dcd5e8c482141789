// Setup check, for operators: the same checks as `dotnet ChatBilling.Host.dll check`, run against the real services
// when the screen opens or "Run again" is pressed. Each shows its outcome in words (not colour alone), the reason,
// and the settings to change; the server refuses everyone without the operator role.
import { h } from "../dom.js";
import { get } from "../api.js";

const outcomes = {
  Passed: { word: "Passed", tone: "good", mark: "✓" },
  Failed: { word: "Failed", tone: "bad", mark: "✕" },
  Skipped: { word: "Not set up", tone: "quiet", mark: "–" },
};

export async function render(view) {
  document.title = "Setup check · ChatBilling";
  const results = h("div", { "aria-live": "polite" }, h("p", { class: "muted" }, "Running the checks…"));
  const again = h("button", { type: "button", onclick: () => run() }, "Run again");
  view.append(
    h("div", { class: "screen-head" }, h("h1", {}, "Setup check"), again),
    h("p", { class: "muted" }, "Each check talks to the real service (database, mail server, chat, the public address) and changes nothing. ",
      "Settings are changed in appsettings.json or as environment variables (", h("code", {}, "Smtp__Host"), " for ", h("code", {}, "Smtp:Host"), ")."),
    results);
  await run();

  async function run() {
    again.disabled = true;
    const { ok, data, message } = await get("/console/api/setup/check");
    again.disabled = false;
    if (!ok) { results.replaceChildren(h("p", { class: "form-error", role: "alert" }, message)); return; }
    const failed = data.filter((c) => c.outcome === "Failed").length;
    results.replaceChildren(
      h("p", { class: `summary ${failed ? "bad" : "good"}`, role: "status" },
        failed ? `${failed} of ${data.length} checks failed: change the settings named below, then run the checks again.` : `All ${data.length} checks passed or are not set up.`),
      h("ul", { class: "checks" }, data.map(check)));
  }
}

function check(c) {
  const o = outcomes[c.outcome] || outcomes.Skipped;
  return h("li", { class: `check ${o.tone}` },
    h("h2", {}, h("span", { class: `pill ${o.tone}` }, h("span", { "aria-hidden": "true" }, `${o.mark} `), o.word), " ", c.name),
    h("p", {}, c.message),
    c.settings.length ? h("p", { class: "settings" }, c.settings.length > 1 ? "Settings to fix: " : "Setting to fix: ",
      c.settings.flatMap((s, i) => [i ? ", " : null, h("code", {}, s)])) : null);
}
