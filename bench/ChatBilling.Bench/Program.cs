// A plain benchmark harness: dotnet run -c Release --project bench/ChatBilling.Bench -- <suite> [args]
// Each suite lives in its own folder and adds one line to the table below.
using ChatBilling.Bench.Documents;

var suites = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["documents"] = DocumentBench.Run,
};

if (args.Length == 0 || !suites.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: ChatBilling.Bench <{string.Join('|', suites.Keys)}>");
    return 2;
}

return run(args[1..]);
