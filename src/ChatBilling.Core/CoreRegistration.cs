using ChatBilling.Core.Approvals;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Conversations;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Exports;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Metrics;
using ChatBilling.Core.Payments;
using ChatBilling.Core.People;
using ChatBilling.Core.Reconciliation;
using ChatBilling.Core.Recurring;
using ChatBilling.Core.Reminders;
using ChatBilling.Core.Storage;
using ChatBilling.Core.Triggers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBilling.Core;

public static class CoreRegistration
{
    /// <summary>
    /// The billing domain, feature by feature: each registers its own services, settings, outbox handlers and jobs.
    /// Chat channels and HTTP are added by the host.
    /// </summary>
    public static IServiceCollection AddChatBillingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddChatBillingStore(configuration);
        services.AddInvoices();
        services.AddDocuments(configuration);
        services.AddApprovals(configuration);
        services.AddPeople(configuration);
        services.AddConversations();
        services.AddDelivery(configuration);
        services.AddPayments();
        services.AddReminders(configuration);
        services.AddDigests(configuration);
        services.AddBillingMetrics();
        services.AddExports();
        services.AddReconciliation();
        services.AddChatChannels();
        services.AddTriggers(configuration);
        services.AddRecurring();
        return services;
    }
}
