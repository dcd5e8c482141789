using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Jobs;

/// <summary>When a job runs: a five-field cron expression read in a time zone.</summary>
public sealed record JobSchedule(string Cron, TimeZoneInfo Zone)
{
    public static readonly JobSchedule EveryMinute = new("* * * * *", TimeZoneInfo.Utc);
    public static readonly JobSchedule EveryFifteenMinutes = new("*/15 * * * *", TimeZoneInfo.Utc);
    public static readonly JobSchedule Hourly = new("0 * * * *", TimeZoneInfo.Utc);

    public static JobSchedule DailyAt(TimeOnly time, TimeZoneInfo zone) => new($"{time.Minute} {time.Hour} * * *", zone);
}

/// <summary>
/// A job as data, declared by its feature next to its code: its name (the <c>/api/jobs/{name}/run</c> route) and
/// its schedule, which may depend on settings. The host only loops over the declarations.
/// </summary>
public sealed record JobDeclaration(string Name, Type JobType, Func<IServiceProvider, JobSchedule> Schedule);

public static class JobRegistration
{
    /// <summary>Declares <typeparamref name="TJob"/> as the job <paramref name="name"/>, run on <paramref name="schedule"/>.</summary>
    public static IServiceCollection AddBillingJob<TJob>(this IServiceCollection services, string name, JobSchedule schedule)
        where TJob : class, IBillingJob => services.AddBillingJob<TJob>(name, _ => schedule);

    /// <summary>Declares a job whose schedule is read from settings when the host starts.</summary>
    public static IServiceCollection AddBillingJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, JobSchedule> schedule)
        where TJob : class, IBillingJob
    {
        if (services.Any(d => d.ServiceType == typeof(JobDeclaration) && d.ImplementationInstance is JobDeclaration j && j.Name == name))
            throw new InvalidOperationException($"A job named '{name}' is already declared.");
        services.AddScoped<TJob>();
        services.AddKeyedScoped<IBillingJob>(name, (sp, _) => sp.GetRequiredService<TJob>());
        services.AddSingleton(new JobDeclaration(name, typeof(TJob), schedule));
        return services;
    }
}
