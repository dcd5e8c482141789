using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Invoices;

/// <summary>Hands out <c>INV-2026-0001</c>-style numbers, one sequence per issue year.</summary>
internal static class InvoiceNumbers
{
    /// <summary>
    /// Reserves the next free number. The counter change is saved with the invoice, so a concurrent
    /// reservation on another connection fails the save and the caller retries with a fresh counter.
    /// </summary>
    public static async Task<string> NextAsync(ChatBillingDb db, int year, CancellationToken ct)
    {
        var counter = await db.InvoiceNumberCounters.FindAsync([year], ct);
        if (counter is null) db.InvoiceNumberCounters.Add(counter = new InvoiceNumberCounter { Year = year });
        while (true)
        {
            counter.Last++;
            var number = $"INV-{year}-{counter.Last:D4}";
            // Numbers given by hand may already sit where the sequence is heading; skip past them.
            if (!await db.Invoices.AnyAsync(i => i.Number == number, ct)) return number;
        }
    }
}
