using ChatBilling.Bench;
using ChatBilling.Bench.Queries;

// Plain harness: numbers to read, not pass/fail. Run in Release:
//   dotnet run -c Release --project bench/ChatBilling.Bench -- <benchmark>
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["queries"] = QueryBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: ChatBilling.Bench <{string.Join("|", benchmarks.Keys)}> [options]");
    return 2;
}
await run(args[1..]);
Measure.PrintEnvironment();
return 0;
