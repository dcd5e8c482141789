using ChatBilling.Core.Invoices;
using ChatBilling.Core.Jobs;
using ChatBilling.Host.Security;
using Coravel;
using Coravel.Invocable;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Jobs;

/// <summary>
/// Schedules and serves the jobs the features declared (<see cref="JobDeclaration"/>): the host knows none by name.
/// Every host may run them, since leases and unique keys keep them apart.
/// </summary>
public static class JobsApi
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScheduler();
        // ScheduledJob is not registered: ScheduleWithParams builds it with ActivatorUtilities and the job's name
        // (docs.coravel.net/Scheduler, "Schedule With Parameters"). Registered, it would fail Development's service
        // validation, which cannot supply the string.
        return builder;
    }

    public static WebApplication UseJobSchedules(this WebApplication app)
    {
        // Tests turn the clock-driven schedule off and run jobs through the API against a fake clock.
        if (!app.Configuration.GetValue("Jobs:Schedule", true)) return app;
        var jobs = app.Services.GetServices<JobDeclaration>().ToList();
        app.Services.UseScheduler(s =>
        {
            foreach (var job in jobs)
            {
                var schedule = job.Schedule(app.Services);
                s.ScheduleWithParams<ScheduledJob>(job.Name).Cron(schedule.Cron).Zoned(schedule.Zone).PreventOverlapping(job.Name);
            }
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
            ?? throw new NotFoundException($"There is no job '{name}'; the jobs are {string.Join(", ", services.GetServices<JobDeclaration>().Select(j => j.Name).Order())}.");
        return TypedResults.Ok(new JobRun(name.ToLowerInvariant(), await job.RunAsync(ct)));
    }
}

public sealed record JobRun(string Job, string Summary);

/// <summary>Adapts a declared job to Coravel, in a scope of its own per run.</summary>
public sealed class ScheduledJob(IServiceScopeFactory scopes, string name) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public async Task Invoke()
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredKeyedService<IBillingJob>(name).RunAsync(CancellationToken);
    }
}
