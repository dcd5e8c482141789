using ChatBilling.Core.Audit;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Invoices;

/// <summary>Creates, edits and finds invoices; each change and its audit line are saved together.</summary>
public sealed class InvoiceService(ChatBillingDb db, TimeProvider time)
{
    // Only numbers given by hand can still collide with the sequence; each collision costs one attempt.
    private const int NumberingAttempts = 32;

    /// <summary>
    /// Creates a Draft. <paramref name="alongside"/> adds rows that must commit with the invoice or not at all (a
    /// trigger's event id, a schedule's period key); it runs before every save attempt and may throw to stop.
    /// </summary>
    public async Task<Invoice> CreateAsync(InvoiceInput input, Actor by, CancellationToken ct = default,
        Func<Invoice, CancellationToken, Task>? alongside = null)
    {
        var client = input.ClientId is { } clientId ? await db.Clients.FindAsync([clientId], ct) : null;
        var valid = InvoiceValidator.Validate(input, client?.Currency);
        if (client is null) throw InvalidInputException.For("clientId", $"There is no client {valid.ClientId}.");
        if (valid.Number is { } given && await db.Invoices.AnyAsync(i => i.Number == given, ct))
            throw new ConflictException($"Invoice number {given} is already taken.", "number");

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Numbers of one year are handed out one at a time behind the counter's lock, so a burst of creates queues.
                return valid.Number is null
                    ? await db.ForNumberingAsync(valid.IssueDate.Year, () => CreateOnceAsync(valid, by, alongside, ct), ct)
                    : await CreateOnceAsync(valid, by, alongside, ct);
            }
            catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
                if (valid.Number is not null) throw new ConflictException($"Invoice number {valid.Number} is already taken.", "number");
                // A number given by hand took the one the sequence reached at the same moment; take the next one.
                if (attempt == NumberingAttempts) throw new ConflictException("Could not reserve an invoice number; try again.");
            }
        }
    }

    private async Task<Invoice> CreateOnceAsync(ValidInvoice valid, Actor by, Func<Invoice, CancellationToken, Task>? alongside, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var number = valid.Number ?? await InvoiceNumbers.NextAsync(db, valid.IssueDate.Year, ct);
        var invoice = new Invoice { Number = number, CreatedBy = by.Name, CreatedAt = now };
        invoice.SetContent(valid, now);
        db.Invoices.Add(invoice);
        db.AuditEntries.Add(invoice.Record(by, AuditActions.Created, now, $"{invoice.Number}: {invoice.Total} {invoice.Currency}", to: InvoiceStatus.Draft));
        if (alongside is not null) await alongside(invoice, ct);
        await db.SaveChangesAsync(ct);
        return invoice;
    }

    public async Task<Invoice> UpdateAsync(Guid id, InvoiceInput input, Actor by, CancellationToken ct = default)
    {
        var invoice = await FindAsync(id, ct);
        if (!invoice.IsEditable)
            throw new TransitionRefusedException($"Only Draft or Rejected invoices can be edited; {invoice.Number} is {invoice.Status}.");
        var client = input.ClientId is { } clientId ? await db.Clients.FindAsync([clientId], ct) : null;
        var valid = InvoiceValidator.Validate(input, client?.Currency);
        if (client is null) throw InvalidInputException.For("clientId", $"There is no client {valid.ClientId}.");
        if (valid.Number is { } number && number != invoice.Number)
            throw InvalidInputException.For("number", "An invoice's number cannot be changed.");

        var now = time.GetUtcNow();
        invoice.SetContent(valid, now);
        db.AuditEntries.Add(invoice.Record(by, AuditActions.Edited, now, $"{invoice.Total} {invoice.Currency}, {invoice.LineItems.Count} lines"));
        await SaveAsync(invoice, ct);
        return invoice;
    }

    public async Task<Invoice> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw new NotFoundException($"There is no invoice {id}.");

    public async Task<IReadOnlyList<Invoice>> ListAsync(InvoiceQuery query, CancellationToken ct = default) =>
        await Matching(query)
            .Skip(query.Offset).Take(Math.Clamp(query.Limit, 1, InvoiceQuery.MaxLimit))
            .AsSplitQuery().ToListAsync(ct);

    /// <summary>
    /// Every invoice the query's filters match, in list order, without paging: the list API pages it and the
    /// CSV export streams all of it, so both always agree on what matches.
    /// </summary>
    public IOrderedQueryable<Invoice> Matching(InvoiceQuery query)
    {
        var invoices = db.Invoices.AsNoTracking();
        if (query.Status is { } status) invoices = invoices.Where(i => i.Status == status);
        if (query.ClientId is { } clientId) invoices = invoices.Where(i => i.ClientId == clientId);
        if (query.Sent is { } sent) invoices = sent ? invoices.Where(i => i.SentAt != null) : invoices.Where(i => i.SentAt == null);
        if (query.Overdue is { } overdue)
        {
            var today = time.Today();
            invoices = overdue
                ? invoices.Where(i => i.Status == InvoiceStatus.Sent && i.DueDate < today)
                : invoices.Where(i => !(i.Status == InvoiceStatus.Sent && i.DueDate < today));
        }
        // Overdue lists put the oldest debt first; everything else lists the newest invoices first.
        return query.Overdue == true
            ? invoices.OrderBy(i => i.DueDate).ThenBy(i => i.Number)
            : invoices.OrderByDescending(i => i.IssueDate).ThenByDescending(i => i.Number);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(Guid id, CancellationToken ct = default)
    {
        if (!await db.Invoices.AnyAsync(i => i.Id == id, ct)) throw new NotFoundException($"There is no invoice {id}.");
        return await db.AuditEntries.AsNoTracking().Where(a => a.InvoiceId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>Saves, turning a lost optimistic-concurrency race into a refusal the caller sees as 409.</summary>
    private async Task SaveAsync(Invoice invoice, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new TransitionRefusedException($"{invoice.Number} was changed by someone else at the same moment; reload it and try again.");
        }
    }
}
