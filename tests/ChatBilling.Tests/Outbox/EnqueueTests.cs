using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

public sealed class EnqueueTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private ServiceProvider host = null!;

    public async Task InitializeAsync()
    {
        await store.InitializeAsync();
        host = store.HostWithTestHandlers("host-a", new HandlerLog());
    }

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task State_change_and_its_message_are_saved_together()
    {
        var draft = await OutboxStore.DraftInvoiceAsync(host);

        await OutboxStore.InScopeAsync(host, async sp =>
        {
            var (invoice, outbox) = await ApproveAsync(sp, draft.Id);
            Assert.True(await outbox.EnqueueInvoiceEmailAsync(invoice));
            return await outbox.SaveChangesAsync();
        });

        var message = Assert.Single(await MessagesAsync(host));
        Assert.Equal((SendInvoiceEmailHandler.Kind, draft.Id, OutboxStatus.Pending), (message.Kind, message.InvoiceId, message.Status));
        Assert.Equal(draft.Id, message.ReadPayload<InvoiceEmailRequest>().InvoiceId);
        Assert.Equal(store.Clock.GetUtcNow(), message.NextAttemptAt);
    }

    [Fact]
    public async Task When_the_save_fails_neither_the_state_change_nor_the_message_exists()
    {
        var draft = await OutboxStore.DraftInvoiceAsync(host);

        await OutboxStore.InScopeAsync(host, async sp =>
        {
            var (invoice, outbox) = await ApproveAsync(sp, draft.Id);
            await outbox.EnqueueInvoiceEmailAsync(invoice);
            // Someone else changes the invoice in between, so this unit of work loses the optimistic-concurrency race.
            await OutboxStore.InScopeAsync(host, other => other.GetRequiredService<InvoiceService>().UpdateAsync(draft.Id,
                new InvoiceInput(draft.ClientId, "EUR", draft.IssueDate, draft.DueDate, null, null, "edited meanwhile",
                    [new LineItemInput("Consulting", 2m, 500m, 0.2m)]), OutboxStore.Tester));
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => outbox.SaveChangesAsync());
            return 0;
        });

        Assert.Empty(await MessagesAsync(host));
        var history = await OutboxStore.InScopeAsync(host, sp => sp.GetRequiredService<InvoiceService>().HistoryAsync(draft.Id));
        Assert.DoesNotContain(history, a => a.Action == "test-approved");
    }

    [Fact]
    public async Task Same_key_is_stored_once_whether_enqueued_in_one_unit_of_work_or_later()
    {
        await OutboxStore.InScopeAsync(host, async sp =>
        {
            var outbox = sp.GetRequiredService<OutboxWriter>();
            Assert.True(await outbox.EnqueueAsync(CountingHandler.Kind, "once", new { n = 1 }));
            Assert.False(await outbox.EnqueueAsync(CountingHandler.Kind, "once", new { n = 2 }));
            return await outbox.SaveChangesAsync();
        });
        var later = await OutboxStore.InScopeAsync(host, sp => sp.GetRequiredService<OutboxWriter>().EnqueueAsync(CountingHandler.Kind, "once", new { n = 3 }));

        Assert.False(later);
        Assert.Equal("""{"n":1}""", Assert.Single(await MessagesAsync(host)).Payload);
    }

    [Fact]
    public async Task Losing_an_enqueue_race_keeps_the_rest_of_the_unit_of_work_and_one_message()
    {
        var draft = await OutboxStore.DraftInvoiceAsync(host);
        await using var first = host.CreateAsyncScope();
        await using var second = host.CreateAsyncScope();
        var firstOutbox = first.ServiceProvider.GetRequiredService<OutboxWriter>();
        var secondOutbox = second.ServiceProvider.GetRequiredService<OutboxWriter>();
        // Both check the key before either has saved, as two hosts handling the same trigger at once would.
        Assert.True(await firstOutbox.EnqueueAsync(CountingHandler.Kind, "raced", new { by = "first" }));
        Assert.True(await secondOutbox.EnqueueAsync(CountingHandler.Kind, "raced", new { by = "second" }));
        var secondDb = second.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var invoice = await secondDb.Invoices.SingleAsync(i => i.Id == draft.Id);
        secondDb.AuditEntries.Add(invoice.Record(OutboxStore.Tester, "noted", store.Clock.GetUtcNow()));

        await firstOutbox.SaveChangesAsync();
        await secondOutbox.SaveChangesAsync();

        Assert.Equal("""{"by":"first"}""", Assert.Single(await MessagesAsync(host)).Payload);
        var history = await OutboxStore.InScopeAsync(host, sp => sp.GetRequiredService<InvoiceService>().HistoryAsync(draft.Id));
        Assert.Contains(history, a => a.Action == "noted");
    }

    private static async Task<(Invoice, OutboxWriter)> ApproveAsync(IServiceProvider sp, Guid invoiceId)
    {
        var db = sp.GetRequiredService<ChatBillingDb>();
        var invoice = await db.Invoices.SingleAsync(i => i.Id == invoiceId);
        db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Approved, OutboxStore.Tester, "test-approved", DateTimeOffset.UnixEpoch));
        return (invoice, sp.GetRequiredService<OutboxWriter>());
    }
}
