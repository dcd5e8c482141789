using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Slack.Inbound;
using ChatBilling.Slack.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack;

public static class SlackRegistration
{
    /// <summary>
    /// Slack as a chat channel, when <c>Slack:SigningSecret</c> and <c>Slack:BotToken</c> are both set; otherwise
    /// nothing is registered and <see cref="MapSlack"/> maps no routes.
    /// </summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SlackSettings.SectionName);
        builder.Services.Configure<SlackSettings>(section);
        if (section.Get<SlackSettings>() is not { IsEnabled: true }) return builder;

        var services = builder.Services;
        services.AddHttpClient<SlackApi>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SlackSettings>>().Value.ApiBase);
        services.AddSingleton<SlackPacing>();
        services.AddChatChannel<SlackChannel>(SlackChannel.Name);
        services.AddScoped<SlackChannel>();
        services.AddScoped<SlackInbox>();
        services.AddOutboxHandler<SlackDecisionHandler>(SlackInbox.DecisionKind);
        services.AddOutboxHandler<SlackMentionHandler>(SlackInbox.MentionKind);
        services.AddOutboxHandler<SlackEphemeralHandler>(SlackInbox.EphemeralKind);
        // Scheduled jobs off (tests, operators running jobs by hand) means no background drains either.
        var drainInBackground = builder.Configuration.GetValue("Jobs:Schedule", true);
        services.AddSingleton(sp => new SlackDrainSignal(
            sp.GetRequiredService<OutboxDispatcher>(), sp.GetRequiredService<ILogger<SlackDrainSignal>>(), drainInBackground));
        services.AddHostedService(sp => sp.GetRequiredService<SlackDrainSignal>());
        services.AddSingleton<SlackInboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackInboxWriter>());
        services.AddSingleton<SlackModals>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackModals>());
        return builder;
    }

    /// <summary>The Slack request URLs, each behind the signature check; none when Slack is off (so they are 404).</summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<SlackSettings>>().Value.IsEnabled) return app;
        // Anonymous to the host's policies: Slack's request signature, checked by the filter, is the authentication.
        var slack = app.MapGroup("/slack").AllowAnonymous().AddEndpointFilter<SlackSignatureFilter>().WithTags("Slack").ExcludeFromDescription();
        slack.MapPost("/events", SlackEvents.HandleAsync);
        slack.MapPost("/interactions", SlackInteractions.HandleAsync);
        slack.MapPost("/commands", SlackCommands.HandleAsync);
        return app;
    }
}
