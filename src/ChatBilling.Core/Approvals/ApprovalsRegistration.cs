using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Approvals;

public static class ApprovalsRegistration
{
    /// <summary>Approval rules and approvers (<c>Approvals</c>), decisions, preview checks, cards, notices and escalations.</summary>
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApprovalSettings>(configuration.GetSection("Approvals"));
        services.AddSingleton<ApproverDirectory>();
        services.AddScoped<ApprovalService>();
        services.AddScoped<PreviewChecks>();
        services.AddScoped<ApprovalCards>();
        services.AddScoped<ApprovalNotices>();
        services.AddOutboxHandler<ApprovalNoticeHandler>(ApprovalNoticeHandler.Kind);
        services.AddBillingJob<EscalationJob>(EscalationJob.Name, JobSchedule.EveryFifteenMinutes);
        return services;
    }
}
