// Type-checks bound Slack messages against Slack's own Block Kit types (@slack/types) with the TypeScript
// compiler in strict mode. Each JSON file becomes a virtual module declaring
//   const message: { text: string; blocks: KnownBlock[] } = <the JSON>;
// so a wrong block type, a misspelt or misplaced field or a value of the wrong type is a compile error.
// Usage: node tools/cards-check/check-slack.mjs message.json...   Exit code 1 on any diagnostic.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

// Virtual files sit beside this script so "@slack/types" resolves from the repository's node_modules.
const here = dirname(fileURLToPath(import.meta.url));
const header = 'import type { KnownBlock } from "@slack/types";\nexport const message: { text: string; blocks: KnownBlock[] } = ';
const sources = new Map(process.argv.slice(2).map((file) => [
  join(here, "bound", basename(file, ".json") + ".ts"),
  header + JSON.stringify(JSON.parse(readFileSync(file, "utf8")), null, 2) + ";\n",
]));

const options = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: [],
};
const host = ts.createCompilerHost(options);
const { getSourceFile, fileExists, readFile } = host;
host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
host.readFile = (name) => sources.get(name) ?? readFile.call(host, name);
host.getSourceFile = (name, version, ...rest) =>
  sources.has(name) ? ts.createSourceFile(name, sources.get(name), version) : getSourceFile.call(host, name, version, ...rest);

const program = ts.createProgram([...sources.keys()], options, host);
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const diagnostic of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file) { console.log(message); continue; }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
  console.log(`${basename(diagnostic.file.fileName)}(${line + 1},${character + 1}): TS${diagnostic.code}: ${message}`);
  // The offending lines of the generated source, so the output alone shows what is wrong.
  console.log(diagnostic.file.text.split("\n").slice(Math.max(0, line - 2), line + 3).map((l) => "    | " + l).join("\n"));
}
console.log(`${sources.size} message(s) checked, ${diagnostics.length} problem(s)`);
process.exit(diagnostics.length === 0 ? 0 : 1);
