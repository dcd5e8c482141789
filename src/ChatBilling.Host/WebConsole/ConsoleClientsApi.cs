using ChatBilling.Core.Clients;
using ChatBilling.Host.Clients;
using ChatBilling.Host.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.WebConsole;

/// <summary>The console's Clients screen: search, create and edit, through the same ClientService as the API.</summary>
internal static class ConsoleClientsApi
{
    public static void MapConsoleClients(this RouteGroupBuilder api)
    {
        api.MapGet("/clients", ListAsync);
        api.MapGet("/clients/{id:guid}", GetAsync);
        api.MapPost("/clients", CreateAsync).RequireConsoleHeader().RequireBilling();
        api.MapPut("/clients/{id:guid}", UpdateAsync).RequireConsoleHeader().RequireBilling();
    }

    private static async Task<Ok<ClientResponse[]>> ListAsync(ClientService clients, CancellationToken ct,
        string? search = null, int limit = 50, int offset = 0)
    {
        Paging.Check(limit, offset);
        return TypedResults.Ok((await clients.ListAsync(search, limit, offset, ct)).Select(ClientResponse.From).ToArray());
    }

    private static async Task<Ok<ClientResponse>> GetAsync(Guid id, ClientService clients, CancellationToken ct) =>
        TypedResults.Ok(ClientResponse.From(await clients.FindAsync(id, ct)));

    private static async Task<Created<ClientResponse>> CreateAsync(ClientInput input, ClientService clients, CancellationToken ct)
    {
        var client = await clients.CreateAsync(input, ct);
        return TypedResults.Created($"/console/api/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<Ok<ClientResponse>> UpdateAsync(Guid id, ClientInput input, ClientService clients, CancellationToken ct) =>
        TypedResults.Ok(ClientResponse.From(await clients.UpdateAsync(id, input, ct)));
}
