using ChatBilling.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Recurring;

public static class RecurringRegistration
{
    /// <summary>Retainers that bill themselves: schedules and the job that bills each period once.</summary>
    public static IServiceCollection AddRecurring(this IServiceCollection services)
    {
        services.AddScoped<ScheduleService>();
        // Hourly: a period is billed within the hour it starts, and one missed while down on the next run.
        services.AddBillingJob<RecurringJob>(RecurringJob.Name, JobSchedule.Hourly);
        return services;
    }
}
