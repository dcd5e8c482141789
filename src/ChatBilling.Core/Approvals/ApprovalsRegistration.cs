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
        services.AddOptions<ApprovalSettings>().Bind(configuration.GetSection("Approvals"))
            .Validate(a => a.DeadlineHours >= 1, "Approvals:DeadlineHours must be at least 1 (hours before an undecided step is escalated).")
            .Validate(a => a.Rules.All(r => r.StepRoles.Count > 0), "Every entry of Approvals:Rules needs at least one role under roles (or one step under steps).")
            .Validate(a => a.Rules.All(r => r.Steps.All(s => !string.IsNullOrWhiteSpace(s.Role) && s.Count is >= 1 and <= ApprovalRuleStep.MaxCount)),
                $"Every step of Approvals:Rules[i].steps needs a role and a count from 1 to {ApprovalRuleStep.MaxCount}.")
            .Validate(a => a.Approvers.All(p => !string.IsNullOrWhiteSpace(p.Email)), "Every entry of Approvals:Approvers needs an email.")
            .ValidateOnStart();
        services.AddSingleton<ApproverDirectory>();
        services.AddScoped<ApprovalService>();
        services.AddScoped<ApprovalRequests>();
        services.AddScoped<ApprovalQuestions>();
        services.AddScoped<QuestionNotices>();
        services.AddScoped<RecallService>();
        services.AddScoped<ReassignService>();
        services.AddScoped<BulkApprovals>();
        services.AddSingleton<Delegation.TodaysDelegations>();
        services.AddScoped<Delegation.Delegations>();
        services.AddScoped<Delegation.DelegationService>();
        services.AddScoped<Delegation.DelegateRequests>();
        services.AddScoped<Delegation.DelegationCommand>();
        services.AddScoped<ApprovalRoutes>();
        services.AddSingleton<PreviewCheckMemo>();
        services.AddScoped<PreviewChecks>();
        services.AddScoped<ApprovalCards>();
        services.AddScoped<ApprovalNotices>();
        services.AddOutboxHandler<ApprovalNoticeHandler>(ApprovalNoticeHandler.Kind, OutboxLane.Email);
        services.AddOutboxHandler<ApprovalRequestHandler>(ApprovalRequests.Kind, OutboxLane.Email);
        services.AddOutboxHandler<QuestionEmailHandler>(ApprovalQuestions.EmailKind, OutboxLane.Email);
        services.AddOutboxHandler<QuestionThreadHandler>(ApprovalQuestions.ThreadKind);
        services.AddOutboxHandler<RejectionNoticeHandler>(RejectionNoticeHandler.Kind, OutboxLane.Email);
        services.AddBillingJob<EscalationJob>(EscalationJob.Name, JobSchedule.EveryFifteenMinutes);
        services.AddBillingJob<Delegation.DelegationStartJob>(Delegation.DelegationStartJob.Name, JobSchedule.Hourly);
        return services;
    }
}
