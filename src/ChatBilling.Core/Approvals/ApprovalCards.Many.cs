namespace ChatBilling.Core.Approvals;

public sealed partial class ApprovalCards
{
    /// <summary>
    /// The channel cards of several invoices (<see cref="ForChannelAsync"/> is this for one), read in a fixed number of
    /// queries (delegations, invoices, steps, clients, questions, checks) whatever their count: the card updates a batch of
    /// decisions causes are built together. Keyed by invoice.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, Channels.ChannelApproval>> ForChannelManyAsync(IReadOnlyList<Guid> invoiceIds,
        CancellationToken ct = default)
    {
        var map = await delegations.TodayAsync(ct);
        var facts = await LoadAsync(invoiceIds, ct);
        // Checks only for the invoices whose card asks for a decision, as the single card runs them.
        var waiting = facts.Where(f => f.Current is not null).Select(f => f.Invoice).ToList();
        var warnings = waiting.Count == 0 ? [] : await checks.RunManyAsync(waiting, ct);
        var cards = new Dictionary<Guid, Channels.ChannelApproval>();
        foreach (var f in facts)
        {
            // Someone away is not mentioned: the person standing in for them is, so the card goes to the delegate.
            var deciders = f.Current is { } current ? approvals.Deciders(f.Invoice, f.Steps, current, map) : [];
            var shown = Build(f, f.Current is null ? null : warnings[f.Invoice.Id], viewerEmail: null);
            cards[f.Invoice.Id] = new(f.Invoice.Id, f.Invoice.Number, shown, deciders);
        }
        return cards;
    }
}
