using ChatBilling.Core.Caching;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// The checks that read a client's other invoices (possible duplicates, an unusual total), remembered per invoice: they
/// are the same for every viewer, and they can change only when the invoice's own client, currency, total or issue
/// date changes, or when any invoice of its client is added or saved. <see cref="ClientStamp"/> captures the latter in
/// the database itself (every save of an invoice bumps its version; invoices are never deleted), so a change made by
/// another host is seen as well. One per process.
/// </summary>
public sealed class PreviewCheckMemo
{
    // More than a busy inbox shows in a day; past it the memo starts again rather than growing.
    private readonly ClearingMemo<Guid, (PreviewCheckMemoKey Key, IReadOnlyList<PreviewCheck> Checks)> entries = new(10_000);

    internal bool TryGet(Guid invoiceId, PreviewCheckMemoKey key, out IReadOnlyList<PreviewCheck> checks)
    {
        if (entries.TryGet(invoiceId, out var entry) && entry.Key == key)
        {
            checks = entry.Checks;
            return true;
        }
        checks = [];
        return false;
    }

    internal void Remember(Guid invoiceId, PreviewCheckMemoKey key, IReadOnlyList<PreviewCheck> checks) =>
        entries.Set(invoiceId, (key, checks));
}

/// <summary>
/// How many invoices a client has, the sum of their versions and the latest change: an insert moves the count and every
/// save the sum (the version is bumped on each), and the latest change keeps an edit that moved an invoice to another
/// client, followed by new invoices and saves that bring count and sum back, from ever matching an earlier state.
/// </summary>
internal readonly record struct ClientStamp(int Count, long Versions, DateTimeOffset Latest);

/// <summary>Everything the remembered checks of one invoice were worked out from.</summary>
internal readonly record struct PreviewCheckMemoKey(Guid ClientId, string Currency, decimal Total, DateOnly IssueDate, ClientStamp Client);
