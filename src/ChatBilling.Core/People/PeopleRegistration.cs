using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.People;

public static class PeopleRegistration
{
    /// <summary>Known people (approvers and <c>Approvals:Viewers</c>) and the gate questions pass through.</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PeopleSettings>(configuration.GetSection("Approvals"));
        services.AddSingleton<PeopleDirectory>();
        services.AddScoped<AskGate>();
        return services;
    }
}
