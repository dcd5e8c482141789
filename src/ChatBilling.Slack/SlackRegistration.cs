using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Core.Setup;
using ChatBilling.Slack.Inbound;
using ChatBilling.Slack.Outbound;
using ChatBilling.Slack.SocketMode;
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
    /// Slack as a chat channel, when <c>Slack:BotToken</c> is set with <c>Slack:SigningSecret</c> (request URLs),
    /// <c>Slack:AppToken</c> (Socket Mode) or both; otherwise nothing is registered and <see cref="MapSlack"/> maps no routes.
    /// </summary>
    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SlackSettings.SectionName);
        builder.Services.AddOptions<SlackSettings>().Bind(section).Configure<IConfiguration>((slack, configuration) =>
            slack.ConsoleUrl = configuration["PublicBaseUrl"] is { Length: > 0 } publicBase ? publicBase.TrimEnd('/') + "/console" : null);
        // shared/CONTRACT.md's per-person key; `identities: { "slack": "U…" }` says the same.
        builder.Services.AddIdentityAlias(SlackChannel.Name, "slackUserId");
        if (section.Get<SlackSettings>() is not { IsEnabled: true } settings) return builder;

        var services = builder.Services;
        // Transient failures of reads and replaces are retried in place, no longer than a paced turn may wait; a longer
        // wait, and every create, goes back to the outbox (SlackApi says which methods may be repeated).
        services.AddHttpClient<SlackApi>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SlackSettings>>().Value.ApiBase)
            .AddChatRetries(_ => new ChatRetryPolicy { MaxAttempts = 3, MaxRetryWait = SlackPacing.MaxInlineWait });
        services.AddSingleton<SlackPacing>();
        services.AddScoped<SlackFiles>();
        services.AddSingleton<SlackPreviewUploads>();
        services.AddSingleton<SlackPeople>();
        services.AddChatChannel<SlackChannel>(SlackChannel.Name);
        services.AddScoped<SlackChannel>();
        services.AddScoped<SlackInbox>();
        services.AddOutboxHandler<SlackDecisionHandler>(SlackInbox.DecisionKind, priority: OutboxPriority.Interactive);
        services.AddOutboxHandler<SlackMentionHandler>(SlackInbox.MentionKind, priority: OutboxPriority.Interactive);
        services.AddOutboxHandler<Questions.SlackQuestionHandler>(Questions.SlackQuestions.Kind, priority: OutboxPriority.Interactive);
        services.AddOutboxHandler<Questions.SlackReassignHandler>(Questions.SlackReassign.Kind, priority: OutboxPriority.Interactive);
        services.AddOutboxHandler<SlackEphemeralHandler>(SlackInbox.EphemeralKind, priority: OutboxPriority.Feedback);
        services.AddSingleton<SlackInboxWriter>();
        services.AddSetupCheck<SlackSetupCheck>();
        services.AddSingleton<SlackModals>();
        services.AddHostedService(sp => sp.GetRequiredService<SlackModals>());
        if (settings.UsesSocketMode)
        {
            services.AddSingleton<SlackEnvelopes>();
            services.AddSingleton<SlackSocketMode>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        }
        return builder;
    }

    /// <summary>
    /// The Slack request URLs, each behind the signature check; none when Slack is off or has no signing secret (Socket
    /// Mode only), so they are 404.
    /// </summary>
    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<SlackSettings>>().Value is not { IsEnabled: true, HasRequestUrls: true }) return app;
        // Anonymous to the host's policies: Slack's request signature, checked by the filter, is the authentication.
        var slack = app.MapGroup("/slack").AllowAnonymous().AddEndpointFilter<SlackSignatureFilter>().WithTags("Slack").ExcludeFromDescription();
        slack.MapPost("/events", SlackEvents.HandleAsync);
        slack.MapPost("/interactions", SlackInteractions.HandleAsync);
        slack.MapPost("/commands", SlackCommands.HandleAsync);
        return app;
    }
}
