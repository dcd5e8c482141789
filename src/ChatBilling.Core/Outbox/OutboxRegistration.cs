using ChatBilling.Core.Jobs;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The outbox writer, the dispatcher and the job that drains it, configured from the <c>Outbox</c> section; and, unless
    /// <c>Outbox:DispatchOnCommit</c> (default <c>Jobs:Schedule</c>) is off, the kick after every commit that stores
    /// messages, plus PostgreSQL LISTEN/NOTIFY between hosts.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxSettings>(configuration.GetSection("Outbox"));
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddBillingJob<SendsJob>(SendsJob.Name, JobSchedule.EveryMinute);
        services.AddSingleton(sp => new OutboxLanes(sp.GetServices<OutboxKindLane>()));
        services.AddSingleton<InboundOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<InboundOutbox>());

        // Every store context notes the messages it commits; with nobody listening the signal costs nothing.
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitTracker>();
        services.ConfigureDbContext<SqliteChatBillingDb>(AddCommitInterceptors, ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgresChatBillingDb>(AddCommitInterceptors, ServiceLifetime.Singleton);

        // Read here rather than from OutboxSettings: it decides what is registered. Off by default when jobs are run by
        // hand (Jobs:Schedule=false, as in tests), which then drain by hand too.
        var dispatchOnCommit = configuration.GetValue<bool?>("Outbox:DispatchOnCommit") ?? configuration.GetValue("Jobs:Schedule", true);
        if (!dispatchOnCommit) return services;
        services.AddSingleton<OutboxKicker>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxKicker>());
        if ((configuration["Database:Provider"] ?? "Sqlite").Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = configuration.GetConnectionString("ChatBilling") ?? StoreRegistration.DefaultConnectionString;
            services.AddSingleton(sp => new PostgresOutboxWakeups(connectionString, sp.GetRequiredService<OutboxSignal>(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresOutboxWakeups>>()));
            services.AddHostedService(sp => sp.GetRequiredService<PostgresOutboxWakeups>());
        }
        return services;
    }

    private static void AddCommitInterceptors(IServiceProvider sp, DbContextOptionsBuilder options)
    {
        var tracker = sp.GetRequiredService<OutboxCommitTracker>();
        options.AddInterceptors(new OutboxSaveInterceptor(tracker), new OutboxTransactionInterceptor(tracker));
    }

    /// <summary>
    /// Registers the handler for messages of <paramref name="kind"/>; one handler per kind. <paramref name="lane"/>
    /// says which lane drains them (<see cref="OutboxLane.Email"/> for anything that talks to the mail server), and
    /// <paramref name="priority"/> which of the lane's due messages its workers take first. A handler that is an
    /// <see cref="IOutboxBatchedHandler"/> has its claimed messages applied together, in one transaction.
    /// </summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services, string kind,
        string lane = OutboxLane.Chat, OutboxPriority priority = OutboxPriority.Normal)
        where THandler : class, IOutboxHandler
    {
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IOutboxHandler) && Equals(d.ServiceKey, kind)))
            throw new InvalidOperationException($"An outbox handler for kind '{kind}' is already registered.");
        if (!OutboxLane.All.Contains(lane)) throw new ArgumentOutOfRangeException(nameof(lane), lane, "Use OutboxLane.Chat or OutboxLane.Email.");
        services.AddKeyedScoped<IOutboxHandler, THandler>(kind);
        services.AddSingleton(new OutboxKindLane(kind, lane, priority, Batched: typeof(IOutboxBatchedHandler).IsAssignableFrom(typeof(THandler))));
        return services;
    }
}
