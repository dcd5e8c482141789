using ChatBilling.Core.Clients;
using ChatBilling.Host.Http;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Clients;

public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/clients").RequireAuthorization(ApiKeys.Policy).WithTags("Clients");
        clients.MapPost("/", CreateAsync);
        clients.MapGet("/", ListAsync);
        clients.MapGet("/{id:guid}", GetAsync);
        return app;
    }

    private static async Task<Created<ClientResponse>> CreateAsync(ClientInput input, ClientService clients, CancellationToken ct)
    {
        var client = await clients.CreateAsync(input, ct);
        return TypedResults.Created($"/api/clients/{client.Id}", ClientResponse.From(client));
    }

    /// <summary>Clients by name: <c>?search=</c> matches name or email; paged like the invoice list.</summary>
    internal static async Task<Ok<ClientResponse[]>> ListAsync(ClientService clients, CancellationToken ct,
        string? search = null, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        return TypedResults.Ok((await clients.ListAsync(search, limit, offset, ct)).Select(ClientResponse.From).ToArray());
    }

    internal static async Task<Ok<ClientResponse>> GetAsync(Guid id, ClientService clients, CancellationToken ct) =>
        TypedResults.Ok(ClientResponse.From(await clients.FindAsync(id, ct)));
}

public sealed record ClientResponse(
    Guid Id, string Name, string Email, string Currency, string Locale, string PaperSize,
    IReadOnlyList<string> AddressLines, IReadOnlyList<int>? ReminderOffsetsDays, DateTimeOffset CreatedAt, string? TaxId,
    IReadOnlyList<string> ExtraRecipients)
{
    public static ClientResponse From(Client c) =>
        new(c.Id, c.Name, c.Email, c.Currency, c.Locale, c.PaperSize, c.AddressLines, c.ReminderOffsetsDays, c.CreatedAt, c.TaxId, c.ExtraRecipients);
}
