using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;

namespace ChatBilling.Core.Clients;

public sealed class ClientService(ChatBillingDb db, TimeProvider time)
{
    public async Task<Client> CreateAsync(ClientInput input, CancellationToken ct = default)
    {
        var client = ClientValidator.ToClient(input, time.GetUtcNow());
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        return client;
    }

    public async Task<Client> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Clients.FindAsync([id], ct) ?? throw new NotFoundException($"There is no client {id}.");
}
