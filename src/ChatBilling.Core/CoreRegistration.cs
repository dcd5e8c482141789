using ChatBilling.Core.Approvals;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBilling.Core;

public static class CoreRegistration
{
    /// <summary>The billing domain: store, clock, settings and services. Chat channels and HTTP are added by the host.</summary>
    public static IServiceCollection AddChatBillingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddChatBillingStore(configuration);
        services.Configure<ApprovalSettings>(configuration.GetSection("Approvals"));
        services.AddScoped<ClientService>();
        services.AddScoped<InvoiceService>();
        services.AddSingleton<ApproverDirectory>();
        services.Configure<SellerSettings>(configuration.GetSection(SellerSettings.SectionName));
        services.AddSingleton<InvoiceRenderer>();
        services.AddScoped<InvoiceDocuments>();
        services.AddScoped<ApprovalService>();
        services.AddScoped<PreviewChecks>();
        services.AddScoped<ApprovalCards>();
        services.AddScoped<Conversations.BotAnswers>();
        services.AddScoped<Links.InvoiceLinkTokens>();
        services.AddDelivery(configuration);
        services.AddScoped<IInvoicePdfSource, ApprovedPdfSource>();
        services.AddInvoiceEmails();
        services.AddScoped<SendRetries>();
        services.AddScoped<Payments.PaymentService>();
        services.AddSingleton<TeamEmails>();
        services.Configure<Reminders.ReminderSettings>(configuration.GetSection("Reminders"));
        services.AddScoped<Jobs.JobFailures>();
        services.AddScoped<Reminders.ReminderJob>();
        services.AddOutboxHandler<Reminders.ReminderEmailHandler>(Reminders.ReminderJob.Kind);
        services.AddScoped<EscalationJob>();
        services.AddScoped<ApprovalNotices>();
        services.AddOutboxHandler<ApprovalNoticeHandler>(ApprovalNoticeHandler.Kind);
        services.Configure<Digests.DigestSettings>(configuration.GetSection("Digest"));
        services.AddScoped<Digests.DigestBuilder>();
        services.AddScoped<Digests.DigestJob>();
        services.AddOutboxHandler<Digests.DigestEmailHandler>(Digests.DigestJob.Kind);
        services.AddScoped<Metrics.MetricsService>();
        services.AddScoped<Exports.CsvExports>();
        services.AddScoped<Reconciliation.ReconciliationBuilder>();
        services.AddScoped<Reconciliation.ReconciliationJob>();
        services.AddOutboxHandler<Reconciliation.ReconciliationEmailHandler>(Reconciliation.ReconciliationJob.Kind);
        services.AddChatChannels();
        services.Configure<Triggers.TriggerSettings>(configuration.GetSection("Triggers"));
        services.AddScoped<Triggers.TriggerService>();
        services.AddScoped<Recurring.ScheduleService>();
        services.AddScoped<Recurring.RecurringJob>();
        return services;
    }
}
