using System.Collections.Concurrent;
using ChatBilling.Core.Outbox;
using ChatBilling.Teams.Bot;
using ChatBilling.Tests.Approvals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Tests.Teams;

/// <summary>What a busy thread and a refused bot credential do: nothing waits in Teams' request, nothing leaks the secret.</summary>
public sealed class TeamsRequestBudgetTests
{
    [Fact]
    public async Task Replies_over_the_thread_limit_go_to_the_outbox_instead_of_holding_the_request()
    {
        await using var host = new TeamsHost();
        var warmUp = host.Message("w-1", "help");
        warmUp["conversation"]!["id"] = "19:elsewhere@thread.tacv2;messageid=9";
        (await host.SendAsync(warmUp)).EnsureSuccessStatusCode();
        // Six sends per second per thread are ours (ThreadPacer); the seventh question in the same second must not wait
        // for its turn inside Teams' request (Teams gives a bot 15 s, then redelivers).
        for (var i = 0; i < 7; i++)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            (await host.SendAsync(host.Message($"q-{i}", "help"))).EnsureSuccessStatusCode();
            Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"question {i} took {started.Elapsed}");
        }
        Assert.Equal(7, host.Platform.CallsOf("POST").Count);
        var queued = await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == TeamsReplies.Kind));
        Assert.Equal(OutboxStatus.Pending, queued.Status);

        host.App.Clock.Advance(TimeSpan.FromSeconds(2));
        await host.DrainAsync();
        Assert.Equal(8, host.Platform.CallsOf("POST").Count);
    }

    [Fact]
    public async Task An_approve_click_is_answered_at_once_while_the_thread_is_at_its_limit()
    {
        await using var host = new TeamsHost();
        var id = await host.Http.SubmittedInvoiceAsync(5000m);
        var version = await host.Http.CardVersionAsync(id);
        for (var i = 0; i < 7; i++) (await host.SendAsync(host.Message($"q-{i}", "help"))).EnsureSuccessStatusCode();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var response = await host.SendAsync(host.Invoke("i-1", "approve", id, version, "aad-dana"));
        response.EnsureSuccessStatusCode();
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"the invoke took {started.Elapsed}");
        // The thread's replies wait on the pacer's (fake) clock, so the drain moves it.
        await host.DrainMovingClockAsync();
        Assert.Contains(await host.Http.StatusAsync(id), new[] { "Approved", "Sent" });
    }

    [Fact]
    public async Task A_token_endpoint_refusal_logs_the_entra_error_and_code_and_never_the_secret()
    {
        var logs = new ListLogger();
        await using var host = new TeamsHost(app => app.WithServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        host.Platform.TokenRefusal = """
            {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.","error_codes":[7000215]}
            """;
        await host.Http.SubmittedInvoiceAsync(5000m);
        await host.DrainAsync();

        var line = Assert.Single(logs.Lines, l => l.Contains("refused the bot's credentials"));
        Assert.Contains("error=invalid_client AADSTS7000215", line);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("bot-secret"));
        var message = await host.App.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == Core.Channels.ChatOutbox.PostKind));
        Assert.Contains("AADSTS7000215", message.LastError);
        Assert.DoesNotContain("bot-secret", message.LastError);
        Assert.Empty(host.Platform.Calls);
    }

    private sealed class ListLogger : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Lines.Enqueue(formatter(state, exception) + " " + exception);
        }
        public void Dispose() { }
    }
}
