using System.Text;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Exports;

/// <summary>Filters of the history export; null means "any". Dates are UTC days, both ends included.</summary>
public sealed record HistoryQuery(Guid? InvoiceId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// Streams invoices and the audit trail as CSV. Rows are read from the database one at a time and written in
/// chunks, so a large export never sits whole in memory.
/// </summary>
public sealed class CsvExports(ChatBillingDb db, InvoiceService invoices, TimeProvider time)
{
    private const int ChunkChars = 32 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static readonly string[] InvoiceColumns =
    [
        "number", "status", "overdue", "clientId", "clientName", "currency", "subtotal", "tax", "total", "amountPaid", "balance",
        "issueDate", "dueDate", "workCompletedOn", "sendOn", "sentAt", "paidAt", "createdAt", "createdBy", "id",
    ];

    public static readonly string[] HistoryColumns =
        ["at", "invoiceNumber", "invoiceId", "actor", "channel", "action", "fromStatus", "toStatus", "detail"];

    /// <summary>Every invoice <see cref="InvoiceService.Matching"/> finds, in the list API's order (paging is ignored).</summary>
    public async Task WriteInvoicesAsync(InvoiceQuery query, Stream output, CancellationToken ct)
    {
        var today = time.Today();
        var rows = invoices.Matching(query).IgnoreAutoIncludes().Select(i => new
        {
            i.Id, i.Number, i.Status, i.ClientId, ClientName = db.Clients.Where(c => c.Id == i.ClientId).Select(c => c.Name).FirstOrDefault(),
            i.Currency, i.Subtotal, i.Tax, i.Total, i.AmountPaid, i.IssueDate, i.DueDate, i.WorkCompletedOn, i.SendOn,
            i.SentAt, i.PaidAt, i.CreatedAt, i.CreatedBy,
        }).AsAsyncEnumerable();
        await WriteAsync(output, InvoiceColumns, rows, (csv, i) => csv
            .Text(i.Number).Text(i.Status.ToString()).Bool(i.Status == InvoiceStatus.Sent && i.DueDate < today)
            .Text(i.ClientId.ToString()).Text(i.ClientName).Text(i.Currency)
            .Money(i.Subtotal, i.Currency).Money(i.Tax, i.Currency).Money(i.Total, i.Currency).Money(i.AmountPaid, i.Currency)
            .Money(Math.Max(0, i.Total - i.AmountPaid), i.Currency)
            .Date(i.IssueDate).Date(i.DueDate).Date(i.WorkCompletedOn).Date(i.SendOn)
            .Instant(i.SentAt).Instant(i.PaidAt).Instant(i.CreatedAt).Text(i.CreatedBy).Text(i.Id.ToString()), ct);
    }

    /// <summary>Audit lines, oldest first, optionally of one invoice and between two days.</summary>
    public async Task WriteHistoryAsync(HistoryQuery query, Stream output, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (query.InvoiceId is { } id) entries = entries.Where(a => a.InvoiceId == id);
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(a => a.At < end);
        }
        var rows = entries.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new
        {
            a.At, Number = db.Invoices.Where(i => i.Id == a.InvoiceId).Select(i => i.Number).FirstOrDefault(),
            a.InvoiceId, a.Actor, a.Channel, a.Action, a.FromStatus, a.ToStatus, a.Detail,
        }).AsAsyncEnumerable();
        await WriteAsync(output, HistoryColumns, rows, (csv, a) => csv
            .Instant(a.At).Text(a.Number).Text(a.InvoiceId.ToString()).Text(a.Actor).Text(a.Channel).Text(a.Action)
            .Text(a.FromStatus?.ToString()).Text(a.ToStatus?.ToString()).Text(a.Detail), ct);
    }

    private static async Task WriteAsync<T>(Stream output, string[] header, IAsyncEnumerable<T> rows, Action<CsvWriter, T> write, CancellationToken ct)
    {
        // The response stream only takes asynchronous writes; rows are formatted into a buffer and written a chunk at a time.
        var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var csv = new CsvWriter(buffer);
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true);
        csv.Header(header);
        await foreach (var row in rows.WithCancellation(ct))
        {
            write(csv, row);
            csv.EndLine();
            if (buffer.GetStringBuilder().Length < ChunkChars) continue;
            await writer.WriteAsync(buffer.GetStringBuilder(), ct);
            await writer.FlushAsync(ct);
            buffer.GetStringBuilder().Clear();
        }
        await writer.WriteAsync(buffer.GetStringBuilder(), ct);
        await writer.FlushAsync(ct);
    }
}
