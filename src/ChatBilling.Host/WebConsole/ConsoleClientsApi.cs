using ChatBilling.Core.Clients;
using ChatBilling.Host.Clients;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.WebConsole;

/// <summary>The console's Clients screen: search, create and edit, through the same ClientService as the API.</summary>
internal static class ConsoleClientsApi
{
    public static void MapConsoleClients(this RouteGroupBuilder api)
    {
        // Reading is the API's own handlers; only creating and editing differ (the console's header and the billing role).
        api.MapGet("/clients", ClientsApi.ListAsync);
        api.MapGet("/clients/{id:guid}", ClientsApi.GetAsync);
        api.MapPost("/clients", CreateAsync).RequireConsoleHeader().RequireBilling();
        api.MapPut("/clients/{id:guid}", UpdateAsync).RequireConsoleHeader().RequireBilling();
    }

    private static async Task<Created<ClientResponse>> CreateAsync(ClientInput input, ClientService clients, CancellationToken ct)
    {
        var client = await clients.CreateAsync(input, ct);
        return TypedResults.Created($"/console/api/clients/{client.Id}", ClientResponse.From(client));
    }

    private static async Task<Ok<ClientResponse>> UpdateAsync(Guid id, ClientInput input, ClientService clients, CancellationToken ct) =>
        TypedResults.Ok(ClientResponse.From(await clients.UpdateAsync(id, input, ct)));
}
