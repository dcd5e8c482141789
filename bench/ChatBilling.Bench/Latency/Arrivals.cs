using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChatBilling.Tests.Slack;
using MimeKit;

namespace ChatBilling.Bench.Latency;

/// <summary>
/// Stamps, by invoice number, when each card was first posted, first updated, and its email accepted: a loop looks at
/// the fake Slack's recorded calls and the SMTP sink's folder every 2 ms (so a stamp is at most that late).
/// </summary>
internal sealed partial class Arrivals : IAsyncDisposable
{
    private readonly FakeSlackApi slack;
    private readonly string? mailFolder;
    private readonly CancellationTokenSource stop = new();
    private readonly Task watching;
    private readonly HashSet<string> seenFiles = [];
    private int seenCalls;

    public ConcurrentDictionary<string, long> Posted { get; } = new();
    public ConcurrentDictionary<string, long> Updated { get; } = new();
    public ConcurrentDictionary<string, long> Emailed { get; } = new();
    /// <summary>The Approve button's value on each posted card, to click it as Slack would.</summary>
    public ConcurrentDictionary<string, string> ApproveValues { get; } = new();

    public Arrivals(FakeSlackApi slack, string? mailFolder)
    {
        this.slack = slack;
        this.mailFolder = mailFolder;
        watching = Task.Run(WatchAsync);
    }

    [GeneratedRegex(@"INV-\d{4}-\d{4,}")]
    private static partial Regex Number();

    private async Task WatchAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var calls = slack.Calls.ToArray();
            for (; seenCalls < calls.Length; seenCalls++) Stamp(calls[seenCalls], now);
            if (mailFolder is not null)
                foreach (var file in Directory.GetFiles(mailFolder, "*.eml"))
                    if (seenFiles.Add(file) && MimeMessage.Load(file) is var mail && IsToClient(mail)
                        && Number().Match(mail.Subject ?? "") is { Success: true } m)
                        Emailed.TryAdd(m.Value, now);
            try
            {
                await Task.Delay(2, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// The invoice email goes to the client; the approval request emails sent at submission name the same invoice number
    /// and arrive before the click, so they are not what click → email measures.
    /// </summary>
    private static bool IsToClient(MimeMessage mail) =>
        mail.To.Mailboxes.Any(a => a.Address.Equals(ClientEmail, StringComparison.OrdinalIgnoreCase));

    /// <summary>The bench client's address (see PipelineLatencyBench).</summary>
    public const string ClientEmail = "ap@client.example";

    private void Stamp(FakeSlackApi.Call call, long now)
    {
        if (call.Args["blocks"] is not { } blocks) return;
        var json = blocks.ToJsonString();
        if (Number().Match(json) is not { Success: true } number) return;
        if (call.Method == "chat.postMessage" && Posted.TryAdd(number.Value, now))
        {
            var approve = blocks.AsArray().Where(b => b?["type"]?.ToString() == "actions")
                .SelectMany(b => b!["elements"]!.AsArray()).FirstOrDefault(e => e?["action_id"]?.ToString() == "approve");
            if (approve?["value"]?.ToString() is { } value) ApproveValues[number.Value] = value;
        }
        else if (call.Method == "chat.update") Updated.TryAdd(number.Value, now);
    }

    /// <summary>Waits (real time) until <paramref name="stamps"/> holds every number, or the time is up.</summary>
    public static async Task<bool> AllAsync(ConcurrentDictionary<string, long> stamps, IReadOnlyCollection<string> numbers, TimeSpan within)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (numbers.Any(n => !stamps.ContainsKey(n)))
        {
            if (Stopwatch.GetTimestamp() > deadline) return false;
            await Task.Delay(10);
        }
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await watching;
        stop.Dispose();
    }
}

/// <summary>A mail server that accepts connections and never sends its greeting.</summary>
internal sealed class HungSmtp : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<Socket> held = [];

    public HungSmtp()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true) held.Add(await listener.AcceptSocketAsync());
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        listener.Stop();
        foreach (var socket in held) socket.Dispose();
    }
}
