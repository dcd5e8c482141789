using ChatBilling.Core.Digests;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Reconciliation;

public static class ReconciliationRegistration
{
    /// <summary>What does not match between payments and invoices, and its weekly email.</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddScoped<ReconciliationBuilder>();
        services.AddOutboxHandler<ReconciliationEmailHandler>(ReconciliationJob.Kind, OutboxLane.Email);
        // Daily with the digest, yet sent once a week: the job's key is the ISO week, so Monday's run sends it and a
        // host that was down on Monday sends it on its next run that week.
        services.AddBillingJob<ReconciliationJob>(ReconciliationJob.Name, DigestsRegistration.DailyAtDigestTime);
        return services;
    }
}
