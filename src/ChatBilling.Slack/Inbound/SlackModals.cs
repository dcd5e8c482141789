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

/// <summary>What the reject (or, with <paramref name="Ask"/>, the question) modal carries from the click to its submission (Slack's private_metadata).</summary>
public sealed record RejectModalState(Guid InvoiceId, string CardVersion, string ChannelId, bool Ask = false, bool Reassign = false);

/// <summary>
/// Opens the "why reject?" modal (views.open) after the click was acknowledged. Slack's trigger id lives only three
/// seconds, so this is an in-memory queue rather than the outbox: losing a request here changes nothing (the person
/// clicks Reject again), whereas the decision itself always goes through the outbox.
/// If Slack will not open it (the trigger expired, views.open was throttled), the clicker is told so in an ephemeral message.
/// </summary>
public sealed class SlackModals(IServiceScopeFactory scopes, ILogger<SlackModals> log) : BackgroundService
{
    public const string RejectCallbackId = "reject_reason";
    public const string ReasonBlockId = "reason";

    private readonly Channel<(string TriggerId, string UserId, RejectModalState State)> queue =
        Channel.CreateBounded<(string, string, RejectModalState)>(
            new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public bool RequestReason(string triggerId, string userId, RejectModalState state) => queue.Writer.TryWrite((triggerId, userId, state));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (triggerId, userId, state) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                var about = await DescribeAsync(scope.ServiceProvider.GetRequiredService<ChatBillingDb>(), state.InvoiceId, stoppingToken);
                await scope.ServiceProvider.GetRequiredService<SlackApi>().CallAsync("views.open",
                    new JsonObject { ["trigger_id"] = triggerId, ["view"] = state.Ask ? Questions.SlackQuestions.View(state, about)
                        : state.Reassign ? Questions.SlackReassign.View(state, about) : RejectView(state, about) }, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Could not open the reject modal for invoice {InvoiceId}.", state.InvoiceId);
                await TellAsync(scope.ServiceProvider.GetRequiredService<SlackInboxWriter>(), triggerId, userId, state, e, stoppingToken);
            }
        }
    }

    /// <summary>
    /// The clicker would otherwise see nothing happen. views.open fails with expired_trigger_id once the click is three
    /// seconds old, and with HTTP 429 when throttled (docs.slack.dev/reference/methods/views.open, "Errors"); either
    /// way a fresh click brings a fresh trigger id.
    /// </summary>
    private async Task TellAsync(SlackInboxWriter inbox, string triggerId, string userId, RejectModalState state, Exception e, CancellationToken ct)
    {
        var why = e switch
        {
            Core.Outbox.OutboxRetryAfterException => "Slack is busy right now",
            Core.Outbox.OutboxGiveUpException { InnerException: SlackApiException { Error: "expired_trigger_id" } } => "the click was too old by the time it reached Slack",
            _ => "Slack did not open it",
        };
        var text = $"The form for a rejection reason could not be opened ({why}). Nothing was rejected: click *Reject…* on the card again in a few seconds.";
        try
        {
            await inbox.QueueAsync(SlackInbox.EphemeralKind, $"modal-failed:{triggerId}", new SlackEphemeralWork(state.ChannelId, userId, text), ct);
        }
        catch (Exception failed) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(failed, "Could not tell {UserId} that the reject modal did not open.", userId);
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

    public static JsonObject RejectView(RejectModalState state, string about) => SlackModalView.Modal(RejectCallbackId, state,
        "Reject invoice", "Reject", about, SlackModalView.TextBox(ReasonBlockId, "Why is it rejected? The person who submitted it will see this."));
}
