// Binds card templates with Microsoft's own templating engine (adaptivecards-templating), so a test can compare
// its output with our C# binder's (tests/ChatBilling.Tests/Cards/CardDialectConformanceTests.cs).
// Usage: node tools/cards-check/bind-reference.mjs jobs.json   where jobs.json is [{ template, data, out }, ...]:
// paths of the template, of the data it is bound to ($root), and of the file the bound card is written to.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const ACData = require("adaptivecards-templating");
const AEL = require("adaptive-expressions");

// Our dialect's one added function (cards/README.md): mrkdwn(text) escapes the three characters Slack reads as
// markup in mrkdwn text (https://api.slack.com/reference/surfaces/formatting#escaping).
// The templating engine looks functions up in the standard table only, so the function joins that table.
const escape = (args) => String(args[0] ?? "").replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
AEL.ExpressionFunctions.standardFunctions.set("mrkdwn",
  new AEL.ExpressionEvaluator("mrkdwn", AEL.FunctionUtils.apply(escape), AEL.ReturnType.String, AEL.FunctionUtils.validateUnary));

// The engine parses each bound string as one backtick-quoted expression, so a literal ` (Slack's code style) would
// end it early: such backticks stand in as U+0001 while binding and come back afterwards.
const hold = (text) => text.replaceAll("`", "\\u0001");
const restore = (text) => text.replaceAll("\\u0001", "`");

const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
for (const job of jobs) {
  const template = new ACData.Template(JSON.parse(hold(readFileSync(job.template, "utf8"))));
  const bound = template.expand({ $root: JSON.parse(readFileSync(job.data, "utf8")) });
  writeFileSync(job.out, restore(JSON.stringify(bound)));
}
console.log(`${jobs.length} template(s) bound`);
