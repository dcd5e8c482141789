using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using static ChatBilling.Core.Invoices.InvoiceStatus;

namespace ChatBilling.Tests.Invoices;

public class TransitionTableTests
{
    // Written out independently of the production table: the business rules as a person would list them.
    private static readonly HashSet<(InvoiceStatus, InvoiceStatus)> Legal =
    [
        (Draft, PendingApproval), (Draft, Approved), (Draft, InvoiceStatus.Void),
        (PendingApproval, Approved), (PendingApproval, Rejected), (PendingApproval, Draft), (PendingApproval, InvoiceStatus.Void),
        (Rejected, PendingApproval), (Rejected, Approved), (Rejected, InvoiceStatus.Void),
        (Approved, Sent), (Approved, Failed), (Approved, Paid), (Approved, InvoiceStatus.Void),
        (Failed, Approved), (Failed, Paid), (Failed, InvoiceStatus.Void),
        (Sent, Paid), (Sent, InvoiceStatus.Void),
    ];

    public static TheoryData<InvoiceStatus, InvoiceStatus> EveryPair()
    {
        var data = new TheoryData<InvoiceStatus, InvoiceStatus>();
        foreach (var from in Enum.GetValues<InvoiceStatus>())
        foreach (var to in Enum.GetValues<InvoiceStatus>())
            data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_status_pair_is_allowed_or_refused_with_a_reason(InvoiceStatus from, InvoiceStatus to)
    {
        var reason = InvoiceTransitions.Check(from, to);
        if (Legal.Contains((from, to))) Assert.Null(reason);
        else Assert.False(string.IsNullOrWhiteSpace(reason), $"{from} -> {to} must be refused with a reason");
    }

    [Fact]
    public void Paid_and_void_are_final()
    {
        foreach (var to in Enum.GetValues<InvoiceStatus>())
        {
            Assert.False(InvoiceTransitions.IsAllowed(Paid, to));
            Assert.False(InvoiceTransitions.IsAllowed(InvoiceStatus.Void, to));
        }
    }

    [Fact]
    public void An_illegal_move_leaves_the_invoice_unchanged_and_records_nothing()
    {
        var invoice = new Invoice { Number = "INV-2026-0001", CreatedBy = "test" };
        var refused = Assert.Throws<TransitionRefusedException>(() =>
            invoice.MoveTo(Sent, Actor.System, "sent", DateTimeOffset.UnixEpoch));
        Assert.Contains("Draft", refused.Message);
        Assert.Equal(Draft, invoice.Status);
        Assert.Null(invoice.SentAt);
    }

    [Fact]
    public void A_legal_move_returns_the_audit_line_for_it()
    {
        var invoice = new Invoice { Number = "INV-2026-0001", CreatedBy = "test" };
        var at = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var entry = invoice.MoveTo(PendingApproval, new Actor("ops", "api"), "submitted", at);
        Assert.Equal((Draft, PendingApproval, "ops", "api", at), (entry.FromStatus!.Value, entry.ToStatus!.Value, entry.Actor, entry.Channel, entry.At));
        Assert.Equal(invoice.Id, entry.InvoiceId);
    }
}
