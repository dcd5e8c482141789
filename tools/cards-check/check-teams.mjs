// Checks bound Teams cards with the official Adaptive Cards JavaScript SDK: the parse events (unknown element
// or action types, invalid property values, features newer than the declared version) and the SDK's own
// property validation (missing image urls, required inputs without label or error message).
// Usage: node tools/cards-check/check-teams.mjs card.json...   Exit code 1 when anything is reported.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename } from "node:path";

// The package's ES module build imports paths without extensions, which Node cannot load; the UMD bundle works.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

const schema = "http://adaptivecards.io/schemas/adaptive-card.json";
const problems = [];

for (const file of process.argv.slice(2)) {
  const report = (message) => problems.push(`${basename(file)}: ${message}`);
  const json = JSON.parse(readFileSync(file, "utf8"));
  // Teams clients render 1.5; parsing against 1.5 makes the SDK flag anything newer.
  if (json.version !== "1.5") report(`version is ${JSON.stringify(json.version)}, expected "1.5"`);
  if (json.$schema !== schema) report(`$schema is ${JSON.stringify(json.$schema)}, expected "${schema}"`);

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
