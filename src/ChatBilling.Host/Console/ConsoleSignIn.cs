using System.Security.Cryptography;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Delivery;
using ChatBilling.Host.Documents;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Console;

/// <summary>How approvers get into the console: a picker where that is safe, a short-lived emailed link everywhere.</summary>
public sealed class ConsoleSignIn(ExpiringTokens tokens, IWebHostEnvironment env, IConfiguration configuration)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);
    private readonly ExpiringTokens.Protector links = tokens.For("ChatBilling.ConsoleSignIn");

    /// <summary>The picker signs anyone in as any approver: only for Development or when explicitly allowed.</summary>
    public bool PickerEnabled => env.IsDevelopment() || configuration.GetValue("Console:DevSignIn", false);

    /// <summary>A link token for one approver, with a random nonce so that it can be used once.</summary>
    public string Protect(string email) => links.Protect($"{email}\n{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}", LinkLifetime);

    /// <summary>The email and nonce of a valid, unexpired link; null for anything else.</summary>
    public (string Email, string Nonce)? Unprotect(string token) =>
        links.Unprotect(token)?.Split('\n') is [var email, var nonce] ? (email, nonce) : null;
}

internal static class ConsoleSignInRoutes
{
    public static void MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/console/api").WithTags("Console").ExcludeFromDescription();
        api.MapGet("/approvers", Approvers);
        api.MapPost("/sign-in", SignInAsync).RequireConsoleHeader();
        api.MapPost("/sign-in-link", SendLinkAsync).RequireConsoleHeader();
        api.MapPost("/sign-out", SignOutAsync).RequireConsoleHeader();
        app.MapGet("/console/sign-in/{token}", ShowLink).ExcludeFromDescription();
        app.MapPost("/console/sign-in/{token}", UseLinkAsync).ExcludeFromDescription();
    }

    private static Results<Ok<ApproverView[]>, NotFound> Approvers(ConsoleSignIn signIn, ApproverDirectory approvers) =>
        signIn.PickerEnabled ? TypedResults.Ok(approvers.All.Select(ApproverView.From).ToArray()) : TypedResults.NotFound();

    private static async Task<Results<Ok<ApproverView>, NotFound, ProblemHttpResult>> SignInAsync(
        EmailBody body, HttpContext http, ConsoleSignIn signIn, ApproverDirectory approvers)
    {
        if (!signIn.PickerEnabled) return TypedResults.NotFound();
        if (approvers.ByEmail(body.Email) is not { } approver)
            return TypedResults.Problem($"{body.Email} is not a configured approver.", statusCode: 403, title: "Not permitted");
        await ConsoleFeature.SignInAsync(http, approver);
        return TypedResults.Ok(ApproverView.From(approver));
    }

    /// <summary>Always 202: the answer must not tell a stranger who is an approver.</summary>
    private static async Task<Accepted> SendLinkAsync(EmailBody body, ConsoleSignIn signIn, ApproverDirectory approvers, PublicUrls urls,
        StaffEmails emails, ILogger<ConsoleSignIn> log, CancellationToken ct)
    {
        if (approvers.ByEmail(body.Email) is { } approver)
        {
            var link = urls.To($"/console/sign-in/{signIn.Protect(approver.Email)}");
            var text = $"Sign in to the ChatBilling console with this link (valid for {ConsoleSignIn.LinkLifetime.TotalMinutes:0} minutes):\n\n{link}\n\nIf you did not ask for it, ignore this email.";
            await emails.SendAsync($"console-sign-in:{Guid.NewGuid():N}", "Your ChatBilling sign-in link", text, [approver], ct);
            log.LogInformation("Sign-in link sent to {Email}", approver.Email);
        }
        return TypedResults.Accepted("/console/");
    }

    /// <summary>
    /// Opening the link only shows a button: mail scanners fetch links to check them, and a GET that signed in
    /// would spend the one use before the person clicks.
    /// </summary>
    private static Results<ContentHttpResult, NotFound> ShowLink(string token, ConsoleSignIn signIn, ApproverDirectory approvers)
    {
        if (signIn.Unprotect(token) is not { } link || approvers.ByEmail(link.Email) is not { } approver) return TypedResults.NotFound();
        return TypedResults.Content(SignInLinkPage.Render(approver.Name, token), "text/html; charset=utf-8");
    }

    /// <summary>Signs in once per link: the nonce is recorded under a unique key, so a second use is refused.</summary>
    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> UseLinkAsync(
        string token, HttpContext http, ConsoleSignIn signIn, ApproverDirectory approvers, ChatInbox used, PublicUrls urls, CancellationToken ct)
    {
        // Only our own page posts here; another site's form cannot sign a visitor in as someone else. Hosts are
        // compared, not schemes: behind a TLS-terminating proxy the browser says https while we see http.
        if (http.Request.Headers.Origin is [{ } origin] && !IsOwnOrigin(origin, http, urls))
            return TypedResults.Problem("Sign-in links can only be used from ChatBilling's own page.", statusCode: 403, title: "Not permitted");
        if (signIn.Unprotect(token) is not { } link || approvers.ByEmail(link.Email) is not { } approver) return TypedResults.NotFound();
        if (!await used.FirstDeliveryAsync("console", $"sign-in:{link.Nonce}", ct)) return TypedResults.NotFound();
        await ConsoleFeature.SignInAsync(http, approver);
        return TypedResults.Redirect("/console/");
    }

    private static bool IsOwnOrigin(string origin, HttpContext http, PublicUrls urls) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var from)
        && (from.Authority.Equals(http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || from.Authority.Equals(new Uri(urls.Base).Authority, StringComparison.OrdinalIgnoreCase));

    private static async Task<NoContent> SignOutAsync(HttpContext http, ILogger<ConsoleSignIn> log)
    {
        log.LogInformation("Console sign-out");
        await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(http, ConsoleFeature.Scheme);
        return TypedResults.NoContent();
    }
}

public sealed record EmailBody(string? Email);

public sealed record ApproverView(string Name, string Email, IReadOnlyList<string> Roles, decimal? MaxAmount)
{
    public static ApproverView From(ApproverSettings a) => new(a.Name, a.Email, a.Roles, a.MaxAmount);
}
