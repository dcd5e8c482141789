// Checks bound Teams cards with the official Adaptive Cards JavaScript SDK: the parse events (unknown element
// or action types, invalid property values, features newer than the declared version) and the SDK's own
// property validation (inputs without id, label or error message, links without url). The SDK skips most of
// the schema's required properties, so those are checked here too: the binder drops a property whose value
// is missing, and an Image without url is exactly what a missing preview link would produce.
// Usage: node tools/cards-check/check-teams.mjs card.json...   Exit code 1 when anything is reported.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename } from "node:path";

// The package's ES module build imports paths without extensions, which Node cannot load; the UMD bundle works.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

const schema = "http://adaptivecards.io/schemas/adaptive-card.json";
const problems = [];

// "required" in the Adaptive Card 1.5 JSON schema (schemas/1.5.0/adaptive-card.json), for the element types
// whose requirements validateProperties() does not enforce, with the JSON type each must have.
const required = {
  TextBlock: { text: "string" },
  Image: { url: "string" },
  ImageSet: { images: "array" },
  Container: { items: "array" },
  FactSet: { facts: "array" },
  ActionSet: { actions: "array" },
  RichTextBlock: { inlines: "array" },
  Media: { sources: "array" },
  "Action.OpenUrl": { url: "string" },
};
const fact = { title: "string", value: "string" };

function kind(value) {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}

// Walks the whole card, ShowCard cards and fallbacks included; "within" is the property holding the node.
function checkRequired(node, path, report, within) {
  if (Array.isArray(node)) return node.forEach((item, i) => checkRequired(item, `${path}[${i}]`, report, within));
  if (kind(node) !== "object") return;
  const rules = within === "facts" ? fact : required[node.type] ?? {};
  for (const [name, type] of Object.entries(rules)) {
    if (kind(node[name]) !== type) report(`${path}: ${node.type ?? "Fact"}.${name} must be a ${type}, found ${kind(node[name])}`);
  }
  for (const [name, value] of Object.entries(node)) checkRequired(value, `${path}.${name}`, report, name);
}

for (const file of process.argv.slice(2)) {
  const report = (message) => problems.push(`${basename(file)}: ${message}`);
  const json = JSON.parse(readFileSync(file, "utf8"));
  // Teams clients render 1.5; parsing against 1.5 makes the SDK flag anything newer.
  if (json.version !== "1.5") report(`version is ${JSON.stringify(json.version)}, expected "1.5"`);
  if (json.$schema !== schema) report(`$schema is ${JSON.stringify(json.$schema)}, expected "${schema}"`);
  checkRequired(json, "card", report);

  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    report(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    report(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
}

for (const problem of problems) console.log(problem);
console.log(`${process.argv.length - 2} card(s) checked, ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
