using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatBilling.Host.Security;

/// <summary>
/// Sign-in link requests are limited per address (ASP.NET Core's rate limiter middleware, by the connection address
/// as <see cref="ForwardedHeadersSetup"/> leaves it) and per email (the same limiter type, asked by the handler once
/// the body is read), so nobody can flood an inbox or the outbox. Refusals are 429 problem details with Retry-After.
/// </summary>
public sealed class SignInLimits : IDisposable
{
    public const string Policy = "sign-in-link";
    public const int PerAddress = 10;
    public const int PerEmail = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly PartitionedRateLimiter<string> byEmail = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions { PermitLimit = PerEmail, Window = Window, QueueLimit = 0 }));

    /// <summary>True when another link may go to this email now. Known and unknown emails are counted alike.</summary>
    public bool TryTakeForEmail(string email)
    {
        using var lease = byEmail.AttemptAcquire(email.Trim().ToLowerInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => byEmail.Dispose();

    internal static void Register(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignInLimits>();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = PerAddress, Window = Window, QueueLimit = 0 }));
            o.OnRejected = (context, ct) => TooManyAsync(context.HttpContext);
        });
    }

    internal static async ValueTask TooManyAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "Too many requests", Detail = "Too many sign-in links were asked for; try again later." },
        });
    }
}
