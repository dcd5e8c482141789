using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Core.Setup;
using ChatBilling.Teams.Auth;
using ChatBilling.Teams.Bot;
using ChatBilling.Teams.Connector;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Teams;

public static class TeamsRegistration
{
    internal const string HttpClientName = "teams";

    /// <summary>Switches Microsoft Teams on when <c>Teams:AppId</c> is set: the channel, the bot and its clients.</summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Teams");
        builder.Services.Configure<TeamsSettings>(section);
        // shared/CONTRACT.md's per-person key (the Entra object id); `identities: { "teams": "…" }` says the same.
        builder.Services.AddIdentityAlias(TeamsServiceUrls.Channel, "teamsAadObjectId");
        if (section.Get<TeamsSettings>() is not { Enabled: true } settings) return builder;
        TeamsStartup.Check(settings);

        // Transient failures are retried in place by the shared handler; Teams:MaxAttempts and friends are its policy.
        builder.Services.AddHttpClient(HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).AddChatRetries(sp => RetryPolicy(
            sp.GetRequiredService<IOptions<TeamsSettings>>().Value));
        builder.Services.AddHttpClient(SigningKeySources.HttpClientName, c => c.Timeout = SigningKeySources.FetchTimeout);
        builder.Services.AddSingleton<SigningKeySources>();
        builder.Services.AddSingleton<BotRequestAuthenticator>();
        builder.Services.AddSingleton<BotTokens>();
        builder.Services.AddSetupCheck<TeamsSetupCheck>();
        builder.Services.AddSingleton<ConnectorClient>();
        builder.Services.AddScoped<TeamsServiceUrls>();
        builder.Services.AddScoped<TeamsCards>();
        builder.Services.AddScoped<CardDecisions>();
        builder.Services.AddScoped<TeamsReassign>();
        builder.Services.AddScoped<TeamsBot>();
        builder.Services.AddSingleton<KnownTeamsUsers>();
        builder.Services.AddScoped<TeamsReplies>();
        builder.Services.AddOutboxHandler<TeamsReplyHandler>(TeamsReplies.Kind, priority: OutboxPriority.Feedback);
        builder.Services.AddSingleton<TeamsDecisionInbox>();
        builder.Services.AddOutboxHandler<TeamsDecisionHandler>(TeamsDecisionInbox.Kind, priority: OutboxPriority.Interactive);
        builder.Services.AddChatChannel<TeamsChannel>(TeamsServiceUrls.Channel);
        return builder;
    }

    private static ChatRetryPolicy RetryPolicy(TeamsSettings s) => new()
    {
        MaxAttempts = s.MaxAttempts, BaseDelay = s.RetryBaseDelay, MaxRetryWait = s.MaxRetryWait,
        RefusedBeforeActing = ConnectorClient.RefusedBeforeActing,
    };

    /// <summary>The Bot Framework messaging endpoint, when Teams is on; otherwise <c>/api/messages</c> stays a 404.</summary>
    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<TeamsSettings>>().Value;
        if (!settings.Enabled) return app;
        var services = app.ServiceProvider;
        TeamsStartup.Report(settings, services.GetRequiredService<IConfiguration>()["PublicBaseUrl"],
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TeamsRegistration).FullName!));
        services.GetRequiredService<SigningKeySources>().Warm([settings.EffectiveOpenIdMetadataUrl, settings.EffectiveEntraOpenIdMetadataUrl]);
        app.MapPost("/api/messages", TeamsEndpoint.MessagesAsync).AllowAnonymous().WithTags("Teams");
        return app;
    }
}
