using ChatBilling.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Outbox;

/// <summary>Hosts wired with the test handlers, and the arrange/assert steps the outbox tests share.</summary>
public static class OutboxTestHosts
{
    public static ServiceProvider HostWithTestHandlers(this OutboxStore store, string owner, HandlerLog log,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        store.Host(owner, services => services
            .AddSingleton(log)
            .AddOutboxHandler<CountingHandler>(CountingHandler.Kind)
            .AddOutboxHandler<FailingHandler>(FailingHandler.Kind)
            .AddOutboxHandler<LeaseOutlivingHandler>(LeaseOutlivingHandler.Kind), settings);

    public static Task<int> EnqueueAsync(IServiceProvider host, string kind, params string[] keys) =>
        OutboxStore.InScopeAsync(host, async sp =>
        {
            var outbox = sp.GetRequiredService<OutboxWriter>();
            foreach (var key in keys) await outbox.EnqueueAsync(kind, key, new { key });
            return await outbox.SaveChangesAsync();
        });

    public static Task<int> DrainAsync(this IServiceProvider host) =>
        host.GetRequiredService<OutboxDispatcher>().DrainAsync();

    public static Task<List<OutboxMessage>> MessagesAsync(IServiceProvider host) =>
        OutboxStore.WithDbAsync(host, db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.IdempotencyKey).ToListAsync());

    public static async Task<OutboxMessage> MessageAsync(IServiceProvider host, string key) =>
        (await MessagesAsync(host)).Single(m => m.IdempotencyKey == key);
}
