using System.Threading.Channels;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.People;
using ChatBilling.Host.Documents;

namespace ChatBilling.Host.WebConsole;

/// <summary>The payload of a sign-in link request: the email as typed, known or not.</summary>
public sealed record SignInLinkRequest(string Email);

/// <summary>
/// Sends a sign-in link when the email belongs to a known person and does nothing otherwise. It runs from the
/// outbox after the request was answered, which is what keeps known and unknown emails alike to the asker.
/// </summary>
internal sealed class SignInLinkMailHandler(PeopleDirectory people, ConsoleSignIn signIn, PublicUrls urls, StaffEmails emails,
    ILogger<SignInLinkMailHandler> log) : IOutboxHandler
{
    public const string Kind = "console.sign-in-link";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<SignInLinkRequest>();
        if (people.ByEmail(request.Email) is not { Email.Length: > 0 } person) return;
        var link = urls.To($"/console/sign-in/{signIn.Protect(person.Email)}");
        var text = $"Sign in to the ChatBilling console with this link (valid for {ConsoleSignIn.LinkLifetime.TotalMinutes:0} minutes):\n\n{link}\n\nIf you did not ask for it, ignore this email.";
        await emails.SendAsync(message.IdempotencyKey, "Your ChatBilling sign-in link", text, [new ApproverSettings { Name = person.Name, Email = person.Email }], ct);
        log.LogInformation("Sign-in link sent to {Email}", person.Email);
    }
}
