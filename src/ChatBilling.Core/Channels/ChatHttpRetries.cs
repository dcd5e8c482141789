using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ChatBilling.Core.Channels;

/// <summary>How often and how long a chat adapter's HttpClient retries a transient failure in place.</summary>
public sealed record ChatRetryPolicy
{
    /// <summary>Sends in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The first backoff; it doubles each attempt, with jitter so several hosts spread out.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A longer wait (a long Retry-After) is not waited here: the adapter hands it to the outbox.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Answers the platform documents as refused before anything was done (Teams: 429 and 412), so repeating them cannot
    /// post twice, even for a create.
    /// </summary>
    public IReadOnlySet<HttpStatusCode> RefusedBeforeActing { get; init; } = new HashSet<HttpStatusCode>();
}

/// <summary>
/// The one transient-retry story of every chat adapter: Microsoft.Extensions.Http.Resilience's retry strategy (Polly) on the
/// product's <see cref="TimeProvider"/>, for network failures, 5xx and 408. Those are ambiguous: the platform may have
/// acted and failed only its answer. So they are retried only for a request that may be repeated (a read or a replace:
/// GET/PUT/DELETE, or one marked <see cref="Repeatable"/>). A create (chat.postMessage, a Teams activity) is never repeated
/// here; the adapter decides what the outbox does with it, and the outbox's idempotency key keeps one post per message.
/// </summary>
public static class ChatHttpRetries
{
    /// <summary>Marks a POST that reads or replaces (Slack's chat.update), so an ambiguous failure may be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> Repeatable = new("ChatBilling.Repeatable");

    /// <summary>Marks a send that gets one attempt: an answer while the platform waits on us falls back to the outbox instead.</summary>
    public static readonly HttpRequestOptionsKey<bool> SingleAttempt = new("ChatBilling.SingleAttempt");

    /// <summary>Adds the retry handler to an adapter's HttpClient, with that adapter's policy.</summary>
    public static IHttpClientBuilder AddChatRetries(this IHttpClientBuilder http, Func<IServiceProvider, ChatRetryPolicy> policyOf)
    {
        http.AddResilienceHandler("chat-retries", (pipeline, context) =>
        {
            var policy = policyOf(context.ServiceProvider);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, policy.MaxAttempts - 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxRetryWait,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber, policy, time)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfterHeader.Of(response, time) : null),
            });
        });
        return http;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, int attempt, ChatRetryPolicy policy, TimeProvider time)
    {
        var request = context.GetRequestMessage();
        if (request is null || attempt + 1 >= policy.MaxAttempts) return false;
        if (request.Options.TryGetValue(SingleAttempt, out var single) && single) return false;
        // A wait longer than the policy allows (a 503's long Retry-After too) is the adapter's to hand to the outbox.
        if (outcome.Result is { } answer && RetryAfterHeader.Of(answer, time) > policy.MaxRetryWait) return false;
        if (outcome.Result is { } response && policy.RefusedBeforeActing.Contains(response.StatusCode)) return true;
        var transient = outcome switch
        {
            { Exception: HttpRequestException } => true,
            { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.RequestTimeout,
            _ => false,
        };
        return transient && MayRepeat(request);
    }

    private static bool MayRepeat(HttpRequestMessage request) =>
        request.Method == HttpMethod.Get || request.Method == HttpMethod.Put || request.Method == HttpMethod.Delete
        || (request.Options.TryGetValue(Repeatable, out var repeatable) && repeatable);
}
