using System.Security.Cryptography;
using ChatBilling.Core.People;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Host.Security;

/// <summary>
/// The cookie handler's session store (<see cref="ITicketStore"/>, the ASP.NET Core seam for server-side sessions):
/// tickets live in the shared database and the cookie holds a random key. Sign-out removes the row, so the same
/// cookie replayed later is refused (401) on every host; an expired row is refused and pruned.
/// </summary>
internal sealed class ConsoleSessions(IServiceScopeFactory scopes, TimeProvider time) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var now = time.GetUtcNow();
        // Pruning here keeps the table to live sessions without a job of its own.
        await db.SignInSessions.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync();
        db.SignInSessions.Add(new SignInSession
        {
            Id = key, Email = Email(ticket), Ticket = TicketSerializer.Default.Serialize(ticket), CreatedAt = now, ExpiresAt = ExpiresAt(ticket, now),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var session = await db.SignInSessions.FirstOrDefaultAsync(s => s.Id == key);
        // A session ended meanwhile (sign-out on another host) stays ended: renewing never brings it back.
        if (session is null) return;
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        session.ExpiresAt = ExpiresAt(ticket, time.GetUtcNow());
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (key.Length > SignInSession.MaxIdLength) return null;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var session = await db.SignInSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        if (session is null || session.ExpiresAt <= time.GetUtcNow()) return null;
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ChatBillingDb>().SignInSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    private static string Email(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "";

    private static DateTimeOffset ExpiresAt(AuthenticationTicket ticket, DateTimeOffset now) => ticket.Properties.ExpiresUtc ?? now + DefaultLifetime;

    /// <summary>Plugs the store into the console cookie scheme.</summary>
    public static void Use(IServiceCollection services, string scheme) =>
        services.AddOptions<CookieAuthenticationOptions>(scheme)
            .Configure<IServiceScopeFactory, TimeProvider>((o, scopes, time) => o.SessionStore = new ConsoleSessions(scopes, time));
}
