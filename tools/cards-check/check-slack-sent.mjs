// Type-checks Slack Web API calls the bot actually made (recorded by the tests' fake Slack) against Slack's own
// types (@slack/types) with the TypeScript compiler in strict mode. Each JSON file is { "method": "...", "args": {...} };
// the args become a virtual module typed by the method:
//   chat.postMessage / chat.update / chat.postEphemeral: a message with Block Kit blocks,
//   views.open: a trigger id and a ModalView, command.response: a slash command's response body.
// Object literals are checked exactly, so a misspelt or misplaced field is a compile error, not a silent drop.
// Usage: node tools/cards-check/check-slack-sent.mjs call.json...   Exit code 1 on any diagnostic.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = dirname(fileURLToPath(import.meta.url));
const prelude = `import type { KnownBlock, ModalView } from "@slack/types";
type Message = { channel: string; text: string; blocks?: KnownBlock[]; thread_ts?: string; mrkdwn?: boolean };
type Calls = {
  "chat.postMessage": Message;
  "chat.update": Message & { ts: string };
  "chat.postEphemeral": Message & { user: string };
  "views.open": { trigger_id: string; view: ModalView };
  "command.response": { response_type: "ephemeral" | "in_channel"; text: string; blocks: KnownBlock[] };
};
`;
let unknown = 0;
const sources = new Map(process.argv.slice(2).map((file) => {
  const { method, args } = JSON.parse(readFileSync(file, "utf8"));
  const known = ["chat.postMessage", "chat.update", "chat.postEphemeral", "views.open", "command.response"].includes(method);
  if (!known) { console.log(`${basename(file)}: no type for method ${method}`); unknown++; }
  return [
    join(here, "sent", basename(file, ".json") + ".ts"),
    `${prelude}export const call: Calls[${JSON.stringify(method)}] = ${JSON.stringify(args, null, 2)};\n`,
  ];
}));

const options = {
  strict: true, noEmit: true, skipLibCheck: true, types: [],
  target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
};
const host = ts.createCompilerHost(options);
const { getSourceFile, fileExists, readFile } = host;
host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
host.readFile = (name) => sources.get(name) ?? readFile.call(host, name);
host.getSourceFile = (name, version, ...rest) =>
  sources.has(name) ? ts.createSourceFile(name, sources.get(name), version) : getSourceFile.call(host, name, version, ...rest);

const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram([...sources.keys()], options, host));
for (const diagnostic of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file) { console.log(message); continue; }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  console.log(`${basename(diagnostic.file.fileName)}(${line + 1},${character + 1}): TS${diagnostic.code}: ${message}`);
  console.log(diagnostic.file.text.split("\n").slice(Math.max(0, line - 2), line + 3).map((l) => "    | " + l).join("\n"));
}
const problems = diagnostics.length + unknown;
console.log(`${sources.size} call(s) checked, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
