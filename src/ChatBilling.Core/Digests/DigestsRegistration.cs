using ChatBilling.Core.Jobs;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Digests;

public static class DigestsRegistration
{
    /// <summary>The managers' daily digest (<c>Digest</c>), by email and in every chat channel.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DigestSettings>().Bind(configuration.GetSection("Digest"))
            .Validate(d => TimeOnly.TryParse(d.TimeOfDay, System.Globalization.CultureInfo.InvariantCulture, out _),
                "Digest:TimeOfDay must be a time of day such as 08:00.")
            .Validate(d => TimeZoneInfo.TryFindSystemTimeZoneById(d.TimeZone, out _),
                "Digest:TimeZone must be a time zone id such as Europe/Berlin (IANA) or UTC.")
            .ValidateOnStart();
        services.AddScoped<DigestBuilder>();
        services.AddOutboxHandler<DigestEmailHandler>(DigestJob.Kind, OutboxLane.Email);
        services.AddBillingJob<DigestJob>(DigestJob.Name, DailyAtDigestTime);
        return services;
    }

    /// <summary>The digest's time of day in its zone; the weekly reconciliation report runs then too.</summary>
    public static JobSchedule DailyAtDigestTime(IServiceProvider services)
    {
        var digest = services.GetRequiredService<IOptions<DigestSettings>>().Value;
        return JobSchedule.DailyAt(digest.Time, digest.Zone);
    }
}
