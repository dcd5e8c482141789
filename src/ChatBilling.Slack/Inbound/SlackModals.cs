using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Storage;
using ChatBilling.Slack.Outbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>What the reject modal carries from the click to its submission (Slack's private_metadata).</summary>
public sealed record RejectModalState(Guid InvoiceId, string CardVersion, string ChannelId);

/// <summary>
/// Opens the "why reject?" modal (views.open) after the click was acknowledged. Slack's trigger id lives only three
/// seconds, so this is an in-memory queue rather than the outbox: losing a request here changes nothing (the person
/// clicks Reject again), whereas the decision itself always goes through the outbox.
/// </summary>
public sealed class SlackModals(IServiceScopeFactory scopes, ILogger<SlackModals> log) : BackgroundService
{
    public const string RejectCallbackId = "reject_reason";
    public const string ReasonBlockId = "reason";
    public const string ReasonActionId = "reason";

    private readonly Channel<(string TriggerId, RejectModalState State)> queue = Channel.CreateBounded<(string, RejectModalState)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool RequestReason(string triggerId, RejectModalState state) => queue.Writer.TryWrite((triggerId, state));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (triggerId, state) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var about = await DescribeAsync(scope.ServiceProvider.GetRequiredService<ChatBillingDb>(), state.InvoiceId, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SlackApi>().CallAsync("views.open",
                    new JsonObject { ["trigger_id"] = triggerId, ["view"] = RejectView(state, about) }, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Could not open the reject modal for invoice {InvoiceId}.", state.InvoiceId);
            }
        }
    }

    /// <summary>"INV-2026-0007 · Acme GmbH · €1,200.00": the person sees what they are rejecting.</summary>
    private static async Task<string> DescribeAsync(ChatBillingDb db, Guid invoiceId, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null) return "This invoice no longer exists.";
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return $"{invoice.Number} · {client} · {ChatFormat.Money(invoice.Total, invoice.Currency)}";
    }

    public static JsonObject RejectView(RejectModalState state, string about) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = RejectCallbackId,
        ["private_metadata"] = JsonSerializer.Serialize(state, JsonSerializerOptions.Web),
        ["title"] = PlainText("Reject invoice"),
        ["submit"] = PlainText("Reject"),
        ["close"] = PlainText("Cancel"),
        ["blocks"] = new JsonArray(new JsonObject
        {
            ["type"] = "section",
            ["text"] = PlainText(about),
        }, new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = ReasonBlockId,
            ["label"] = PlainText("Why is it rejected? The person who submitted it will see this."),
            ["element"] = new JsonObject
            {
                ["type"] = "plain_text_input",
                ["action_id"] = ReasonActionId,
                ["multiline"] = true,
                ["max_length"] = ApprovalService.MaxReasonLength,
            },
        }),
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };
}
