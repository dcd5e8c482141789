using Microsoft.EntityFrameworkCore;
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

    /// <summary>Replaces a client's details, checked exactly as a new client's are; invoices already frozen keep what they printed.</summary>
    public async Task<Client> UpdateAsync(Guid id, ClientInput input, CancellationToken ct = default)
    {
        var client = await FindAsync(id, ct);
        var valid = ClientValidator.ToClient(input, client.CreatedAt);
        client.Name = valid.Name;
        client.Email = valid.Email;
        client.Currency = valid.Currency;
        client.Locale = valid.Locale;
        client.PaperSize = valid.PaperSize;
        client.AddressLines = valid.AddressLines;
        client.ReminderOffsetsDays = valid.ReminderOffsetsDays;
        client.TaxId = valid.TaxId;
        client.ExtraRecipients = valid.ExtraRecipients;
        await db.SaveChangesAsync(ct);
        return client;
    }

    /// <summary>Clients by name, optionally those whose name or email contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<Client>> ListAsync(string? search, int limit, int offset, CancellationToken ct = default)
    {
        var clients = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            clients = clients.Where(c => c.Name.ToLower().Contains(term) || c.Email.ToLower().Contains(term));
        }
        return await clients.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(offset).Take(limit).ToListAsync(ct);
    }

    public async Task<Client> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Clients.FindAsync([id], ct) ?? throw new NotFoundException($"There is no client {id}.");
}
