using ChatBilling.Bench;
using ChatBilling.Bench.Conversations;
using ChatBilling.Bench.Delivery;
using ChatBilling.Bench.Documents;
using ChatBilling.Bench.Latency;
using ChatBilling.Bench.Metrics;
using ChatBilling.Bench.Queries;
using ChatBilling.Bench.Slack;
using ChatBilling.Bench.Teams;

// A plain harness: numbers to read, not pass/fail. Run in Release:
//   dotnet run -c Release --project bench/ChatBilling.Bench -- <suite> [args]
// Each suite lives in its own folder and adds one line to the table below.
var suites = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["documents"] = a => Task.FromResult(DocumentBench.Run(a)),
    ["queries"] = QueryBench.RunAsync,
    // [messages=1000] [runs=5] [parallelism=1]: drain invoice emails into a local aiosmtpd server.
    ["delivery"] = DrainBench.RunAsync,
    // [invoices=10000 ...]: the numbers that matter over a year of seeded history, arithmetic alone and with the reads.
    ["metrics"] = MetricsBench.RunAsync,
    // [clicks=200] [rounds=5]: acknowledgement latency of concurrent signed Slack clicks on /slack/interactions.
    ["slack"] = InteractionAckBench.RunAsync,
    // [invokes=200] [rounds=5]: response latency of concurrent Approve invokes on /api/messages (token check, decision, card).
    ["teams"] = InvokeLatencyBench.RunAsync,
    // [invoices=100000] [iterations=15]: parse + answer of typical ask-the-bot questions, each on a fresh DbContext.
    ["ask"] = AskBench.RunAsync,
    // [invoices=10000] [iterations=30] [host dll ...]: the console's inbox and list APIs over HTTP against the real host.
    ["console"] = ChatBilling.Bench.ConsoleLists.ConsoleListBench.RunAsync,
    // <invoices> <path>: the console bench's seeded SQLite file, kept, for profiling one host against it.
    ["console-seed"] = ChatBilling.Bench.ConsoleLists.ConsoleListBench.SeedOnlyAsync,
    // [submissions=200] [rounds=1] [sqlite|postgres=<conn>] [smtp|hung]: submit → card, click → card updated, click → email.
    ["latency"] = PipelineLatencyBench.RunAsync,
    // [decisions=100] [sqlite|postgres=<conn>] [profile]: one chat-lane drain applying stored Slack decisions; where the time goes.
    ["decisions"] = ChatBilling.Bench.Decisions.DecisionBench.RunAsync,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: ChatBilling.Bench <{string.Join('|', suites.Keys)}> [args]");
    return 2;
}
var status = await run(args[1..]);
Measure.PrintEnvironment();
return status;
