using ChatBilling.Core.Approvals;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Reconciliation;
using ChatBilling.Core.Recurring;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Reminders;
using ChatBilling.Host.Security;
using Coravel;
using Coravel.Invocable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.Jobs;

public static class JobsApi
{
    /// <summary>Coravel runs the jobs on their schedules; every host may run them, since leases and unique keys keep them apart.</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScheduler();
        builder.Services.AddKeyedScoped<IBillingJob>(JobNames.Sends, (sp, _) => sp.GetRequiredService<SendsJob>());
        builder.Services.AddTransient<ScheduledJob<SendsJob>>();
        builder.Services.AddScoped<SendsJob>();
        builder.Services.AddKeyedScoped<IBillingJob>(JobNames.Reminders, (sp, _) => sp.GetRequiredService<ReminderJob>());
        builder.Services.AddTransient<ScheduledJob<ReminderJob>>();
        builder.Services.AddKeyedScoped<IBillingJob>(JobNames.Escalations, (sp, _) => sp.GetRequiredService<EscalationJob>());
        builder.Services.AddTransient<ScheduledJob<EscalationJob>>();
        builder.Services.AddKeyedScoped<IBillingJob>(JobNames.Digest, (sp, _) => sp.GetRequiredService<DigestJob>());
        builder.Services.AddTransient<ScheduledJob<DigestJob>>();
        builder.Services.AddKeyedScoped<IBillingJob>(ReconciliationJob.Name, (sp, _) => sp.GetRequiredService<ReconciliationJob>());
        builder.Services.AddTransient<ScheduledJob<ReconciliationJob>>();
        builder.Services.AddKeyedScoped<IBillingJob>(RecurringJob.Name, (sp, _) => sp.GetRequiredService<RecurringJob>());
        builder.Services.AddTransient<ScheduledJob<RecurringJob>>();
        builder.Services.AddKeyedScoped<IBillingJob>(InboundEventPruning.Name, (sp, _) => sp.GetRequiredService<InboundEventPruning>());
        builder.Services.AddTransient<ScheduledJob<InboundEventPruning>>();
        return builder;
    }

    public static WebApplication UseJobSchedules(this WebApplication app)
    {
        // Tests turn the clock-driven schedule off and run jobs through the API against a fake clock.
        if (!app.Configuration.GetValue("Jobs:Schedule", true)) return app;
        var digest = app.Services.GetRequiredService<IOptions<DigestSettings>>().Value;
        app.Services.UseScheduler(s =>
        {
            s.Schedule<ScheduledJob<SendsJob>>().EveryMinute().PreventOverlapping(JobNames.Sends);
            // Hourly rather than daily: a host that was down at the usual hour catches up within the hour.
            s.Schedule<ScheduledJob<ReminderJob>>().Hourly().PreventOverlapping(JobNames.Reminders);
            s.Schedule<ScheduledJob<EscalationJob>>().EveryFifteenMinutes().PreventOverlapping(JobNames.Escalations);
            // Hourly: a period is billed within the hour it starts, and one missed while down on the next run.
            s.Schedule<ScheduledJob<RecurringJob>>().Hourly().PreventOverlapping(RecurringJob.Name);
            s.Schedule<ScheduledJob<InboundEventPruning>>().DailyAt(3, 30).PreventOverlapping(InboundEventPruning.Name);
            s.Schedule<ScheduledJob<DigestJob>>().DailyAt(digest.Time.Hour, digest.Time.Minute).Zoned(digest.Zone).PreventOverlapping(JobNames.Digest);
            // Daily with the digest, yet sent once a week: the job's key is the ISO week, so Monday's run sends it
            // and a host that was down on Monday sends it on its next run that week.
            s.Schedule<ScheduledJob<ReconciliationJob>>().DailyAt(digest.Time.Hour, digest.Time.Minute).Zoned(digest.Zone)
                .PreventOverlapping(ReconciliationJob.Name);
        }).OnError(e => app.Logger.LogError(e, "A scheduled job failed; it runs again on its next tick."));
        return app;
    }

    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/jobs/{name}/run", RunAsync).RequireAuthorization(ApiKeys.Policy).RequireScope(ApiScopes.Operate).WithTags("Jobs");
        return app;
    }

    /// <summary>Runs a scheduled job now, for operators and tests.</summary>
    private static async Task<Ok<JobRun>> RunAsync(string name, IServiceProvider services, CancellationToken ct)
    {
        var job = services.GetKeyedService<IBillingJob>(name.ToLowerInvariant())
            ?? throw new NotFoundException($"There is no job '{name}'; the jobs are sends, reminders, digest, escalations, reconciliation, recurring and housekeeping.");
        return TypedResults.Ok(new JobRun(name.ToLowerInvariant(), await job.RunAsync(ct)));
    }
}

public sealed record JobRun(string Job, string Summary);

/// <summary>Adapts a job to Coravel, in a scope of its own per run.</summary>
public sealed class ScheduledJob<TJob>(IServiceScopeFactory scopes) : IInvocable, ICancellableInvocable where TJob : IBillingJob
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(CancellationToken);
    }
}
