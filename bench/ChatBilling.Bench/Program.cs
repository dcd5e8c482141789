using ChatBilling.Bench.Delivery;

// Each benchmark is named by the first argument; the rest are its own options.
return args.FirstOrDefault() switch
{
    "delivery" => await DrainBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ChatBilling.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("  delivery [messages=1000] [runs=5] [parallelism=1]   drain invoice emails into a local aiosmtpd server");
    return 2;
}
