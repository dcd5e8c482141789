using System.Security.Cryptography;
using ChatBilling.Core.Channels;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.WebConsole;

/// <summary>How known people get into the console: a picker where that is safe, a short-lived emailed link everywhere.</summary>
public sealed class ConsoleSignIn(ExpiringTokens tokens, IWebHostEnvironment env, IConfiguration configuration)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);
    private readonly ExpiringTokens.Protector links = tokens.For("ChatBilling.ConsoleSignIn");

    /// <summary>The picker signs anyone in as any approver: only for Development or when explicitly allowed.</summary>
    public bool PickerEnabled => env.IsDevelopment() || configuration.GetValue("Console:DevSignIn", false);

    /// <summary>A link token for one person, with a random nonce so that it can be used once.</summary>
    public string Protect(string email) => links.Protect($"{email}\n{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}", LinkLifetime);

    /// <summary>The email and nonce of a valid, unexpired link; null for anything else.</summary>
    public (string Email, string Nonce)? Unprotect(string token) =>
        links.Unprotect(token)?.Split('\n') is [var email, var nonce] ? (email, nonce) : null;
}

internal static class ConsoleSignInRoutes
{
    public static void MapConsoleSignIn(this IEndpointRouteBuilder app)
    {
        // Signing in is what makes a caller known, so these routes are anonymous to the authorization policies.
        var api = app.MapGroup("/console/api").AllowAnonymous().WithTags("Console").ExcludeFromDescription();
        api.MapGet("/approvers", Approvers);
        api.MapPost("/sign-in", SignInAsync).RequireConsoleHeader();
        api.MapPost("/sign-in-link", SendLinkAsync).RequireConsoleHeader().RequireRateLimiting(SignInLimits.Policy);
        api.MapPost("/sign-out", SignOutAsync).RequireConsoleHeader();
        app.MapGet("/console/sign-in/{token}", ShowLink).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/console/sign-in/{token}", UseLinkAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static Results<Ok<ApproverView[]>, NotFound> Approvers(ConsoleSignIn signIn, PeopleDirectory people) =>
        signIn.PickerEnabled ? TypedResults.Ok(people.All.Where(p => p.Email.Length > 0).Select(ApproverView.From).ToArray()) : TypedResults.NotFound();

    private static async Task<Results<Ok<ApproverView>, NotFound, ProblemHttpResult>> SignInAsync(
        EmailBody body, HttpContext http, ConsoleSignIn signIn, PeopleDirectory people)
    {
        if (!signIn.PickerEnabled) return TypedResults.NotFound();
        if (people.ByEmail(body.Email) is not { } person)
            return TypedResults.Problem($"{body.Email} is not a configured approver or viewer.", statusCode: 403, title: "Not permitted");
        await ConsoleFeature.SignInAsync(http, person);
        return TypedResults.Ok(ApproverView.From(person));
    }

    /// <summary>
    /// Always 202 and always the same work (one outbox row, whoever the email belongs to), so neither the answer nor
    /// its timing tells a stranger who is known; the email itself is sent from the outbox, after the answer.
    /// </summary>
    private static async Task<IResult> SendLinkAsync(EmailBody body, HttpContext http, SignInLimits limits, OutboxWriter outbox, CancellationToken ct)
    {
        var email = body.Email?.Trim() ?? "";
        if (email.Length is 0 or > 254) throw InvalidInputException.For("email", "email is required (at most 254 characters).");
        if (!limits.TryTakeForEmail(email))
        {
            await SignInLimits.TooManyAsync(http);
            return TypedResults.Empty;
        }
        await outbox.EnqueueAsync(SignInLinkMailHandler.Kind, $"{SignInLinkMailHandler.Kind}:{Guid.NewGuid():N}", new SignInLinkRequest(email), ct: ct);
        await outbox.SaveChangesAsync(ct);
        return TypedResults.Accepted("/console/");
    }

    /// <summary>
    /// Opening the link only shows a button: mail scanners fetch links to check them, and a GET that signed in
    /// would spend the one use before the person clicks.
    /// </summary>
    private static Results<ContentHttpResult, NotFound> ShowLink(string token, ConsoleSignIn signIn, PeopleDirectory people)
    {
        if (signIn.Unprotect(token) is not { } link || people.ByEmail(link.Email) is not { } person) return TypedResults.NotFound();
        return TypedResults.Content(SignInLinkPage.Render(person.Name, token), "text/html; charset=utf-8");
    }

    /// <summary>Signs in once per link: the nonce is recorded under a unique key, so a second use is refused.</summary>
    private static async Task<Results<RedirectHttpResult, NotFound, ProblemHttpResult>> UseLinkAsync(
        string token, HttpContext http, ConsoleSignIn signIn, PeopleDirectory people, ChatInbox used, Documents.PublicUrls urls, CancellationToken ct)
    {
        // Only our own page posts here; another site's form cannot sign a visitor in as someone else (login CSRF).
        if (!SameOriginPost.IsAllowed(http, urls))
            return TypedResults.Problem("Sign-in links can only be used from ChatBilling's own page.", statusCode: 403, title: "Not permitted");
        if (signIn.Unprotect(token) is not { } link || people.ByEmail(link.Email) is not { } person) return TypedResults.NotFound();
        if (!await used.FirstDeliveryAsync("console", $"sign-in:{link.Nonce}", ct)) return TypedResults.NotFound();
        await ConsoleFeature.SignInAsync(http, person);
        return TypedResults.Redirect("/console/");
    }

    /// <summary>Ends the session on the server too: the cookie's session row is deleted, so a copy of it is refused afterwards.</summary>
    private static async Task<NoContent> SignOutAsync(HttpContext http, ILogger<ConsoleSignIn> log)
    {
        log.LogInformation("Console sign-out");
        await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(http, ConsoleFeature.Scheme);
        return TypedResults.NoContent();
    }
}

public sealed record EmailBody(string? Email);

/// <summary>A known person as the console shows them; <c>mayDecide</c> is false for viewers.</summary>
public sealed record ApproverView(string Name, string Email, IReadOnlyList<string> Roles, decimal? MaxAmount, bool MayDecide = true)
{
    public static ApproverView From(Person p) => new(p.Name, p.Email, p.Roles, p.MaxAmount, p.MayDecide);
}
