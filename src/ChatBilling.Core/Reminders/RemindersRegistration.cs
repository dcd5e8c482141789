using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Reminders;

public static class RemindersRegistration
{
    /// <summary>Payment reminders around the due date (<c>Reminders</c>), emailed through the outbox.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderSettings>(configuration.GetSection("Reminders"));
        services.AddScoped<Jobs.JobFailures>();
        services.AddOutboxHandler<ReminderEmailHandler>(ReminderJob.Kind, OutboxLane.Email);
        // Hourly rather than daily: a host that was down at the usual hour catches up within the hour.
        services.AddBillingJob<ReminderJob>(ReminderJob.Name, JobSchedule.Hourly);
        return services;
    }
}
