using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Payments;

/// <summary>A payment recorded, and whether this call recorded it or an earlier identical report had.</summary>
public sealed record RecordedPayment(Payment Payment, bool IsNew, Invoice? Invoice);

/// <summary>Reconciles reported payments with invoices. Nothing reported is lost: what cannot be applied is kept as an exception.</summary>
public sealed class PaymentService(ChatBillingDb db, TimeProvider time)
{
    public async Task<RecordedPayment> RecordAsync(PaymentInput input, Actor by, CancellationToken ct = default)
    {
        PaymentValidator.Validate(input, time.Today());
        // Payments of one invoice queue behind its row lock, so fifty at once are all counted, one after the other.
        var invoiceId = await InvoiceIdAsync(input.InvoiceId, input.InvoiceNumber, ct);
        try
        {
            return await db.ForInvoiceAsync(invoiceId, () => TryRecordAsync(input, by, ct), ct);
        }
        // The very same unmatched report saved first (no invoice lock to queue behind): answer with it.
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await db.ForInvoiceAsync(invoiceId, () => TryRecordAsync(input, by, ct), ct);
        }
    }

    private async Task<Guid?> InvoiceIdAsync(Guid? id, string? number, CancellationToken ct)
    {
        var given = number?.Trim().ToUpperInvariant();
        var invoices = db.Invoices.AsNoTracking();
        return await (id is { } known ? invoices.Where(i => i.Id == known) : invoices.Where(i => i.Number.ToUpper() == given))
            .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<RecordedPayment> TryRecordAsync(PaymentInput input, Actor by, CancellationToken ct)
    {
        var given = input.InvoiceId?.ToString() ?? input.InvoiceNumber!.Trim();
        var invoice = input.InvoiceId is { } id
            ? await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct)
            : await db.Invoices.FirstOrDefaultAsync(i => i.Number.ToUpper() == given.ToUpper(), ct);
        var reference = input.Reference!.Trim();
        var dedupKey = $"{(invoice is null ? $"unmatched:{given.ToUpperInvariant()}" : invoice.Id.ToString("N"))}|{reference}";
        if (await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.DedupKey == dedupKey, ct) is { } earlier)
        {
            // A repeat must be the same report; the same reference with other figures is a mistake to show, not hide.
            if (earlier.Amount != input.Amount || earlier.PaidOn != input.PaidOn)
                throw new ConflictException($"Reference {reference} was already recorded for {given} as {earlier.Amount} paid on {earlier.PaidOn:yyyy-MM-dd}.", "reference");
            return new(earlier, false, invoice);
        }

        var amount = input.Amount!.Value;
        var currency = input.Currency?.Trim().ToUpperInvariant();
        if (invoice is not null && currency is not null && currency != invoice.Currency)
            throw InvalidInputException.For("currency", $"{invoice.Number} is in {invoice.Currency}, not {currency}.");
        if (invoice?.Status is InvoiceStatus.Draft or InvoiceStatus.PendingApproval or InvoiceStatus.Rejected)
            throw new TransitionRefusedException($"{invoice.Number} is {invoice.Status}; it cannot be paid before it is approved.");

        var now = time.GetUtcNow();
        var (outcome, excess) = invoice is null ? (PaymentOutcome.Unmatched, 0m) : Apply(invoice, amount, reference, by, now);
        var payment = new Payment
        {
            InvoiceId = invoice?.Id, InvoiceReference = given, Amount = amount, Currency = currency ?? invoice?.Currency,
            PaidOn = input.PaidOn!.Value, Reference = reference, DedupKey = dedupKey, Outcome = outcome, Excess = excess,
            RecordedAt = now, RecordedBy = by.Name,
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync(ct);
        return new(payment, true, invoice);
    }

    /// <summary>Counts the money towards the invoice, moving it to Paid once the total is covered.</summary>
    private (PaymentOutcome, decimal) Apply(Invoice invoice, decimal amount, string reference, Actor by, DateTimeOffset now)
    {
        var what = $"{amount} {invoice.Currency} (ref {reference})";
        if (invoice.Status == InvoiceStatus.Void)
        {
            db.AuditEntries.Add(invoice.Record(by, AuditActions.PaymentNotApplied, now, $"{what} received for a void invoice; kept as an exception."));
            return (PaymentOutcome.NotApplied, 0m);
        }
        var balanceBefore = Math.Max(0, invoice.Total - invoice.AmountPaid);
        invoice.ReceivePayment(amount, now);
        var excess = Math.Max(0, amount - balanceBefore);
        if (invoice.Status != InvoiceStatus.Paid && invoice.AmountPaid >= invoice.Total)
            db.AuditEntries.Add(invoice.MoveTo(InvoiceStatus.Paid, by, AuditActions.Paid, now, $"{what} settles {invoice.Total} {invoice.Currency}."));
        else
            db.AuditEntries.Add(invoice.Record(by, AuditActions.Payment, now,
                $"{what}; {invoice.AmountPaid} of {invoice.Total} {invoice.Currency} received."));
        return excess > 0 ? (PaymentOutcome.Overpayment, excess) : (PaymentOutcome.Applied, 0m);
    }

    /// <summary>
    /// Applies an unmatched payment to the invoice a person says it pays (a typo'd reference, a payment without one).
    /// Once only: a second match, or two at the same moment, is a conflict and changes nothing.
    /// </summary>
    public async Task<RecordedPayment> MatchAsync(Guid paymentId, PaymentMatch match, Actor by, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(match.InvoiceNumber) == match.InvoiceId is null)
            throw InvalidInputException.For("invoiceNumber", "Give exactly one of invoiceNumber and invoiceId.");
        // PostgreSQL refuses a NUL even as a query parameter; SQLite would only find nothing. Both refuse it here.
        if (match.InvoiceNumber is { } given && !Validation.InputRules.IsStorableText(given))
            throw InvalidInputException.For("invoiceNumber", Validation.InputRules.TextMessage("invoiceNumber"));
        var invoiceId = await InvoiceIdAsync(match.InvoiceId, match.InvoiceNumber, ct);
        // Behind the invoice's lock, like any payment of it; two people matching the same payment lose the outcome race.
        return await db.ForInvoiceAsync(invoiceId, () => TryMatchAsync(paymentId, match, by, ct), ct);
    }

    private async Task<RecordedPayment> TryMatchAsync(Guid paymentId, PaymentMatch match, Actor by, CancellationToken ct)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct) ?? throw new NotFoundException($"There is no payment {paymentId}.");
        if (payment.Outcome != PaymentOutcome.Unmatched)
            throw new ConflictException($"Payment {payment.Reference} is {payment.Outcome}, not unmatched; it was already counted.");
        var field = match.InvoiceId is null ? "invoiceNumber" : "invoiceId";
        var number = match.InvoiceNumber?.Trim().ToUpperInvariant();
        var invoice = match.InvoiceId is { } id
            ? await db.Invoices.FirstOrDefaultAsync(i => i.Id == id, ct)
            : await db.Invoices.FirstOrDefaultAsync(i => i.Number.ToUpper() == number, ct);
        if (invoice is null) throw InvalidInputException.For(field, $"There is no invoice {match.InvoiceId?.ToString() ?? match.InvoiceNumber}.");
        if (payment.Currency is { } currency && currency != invoice.Currency)
            throw InvalidInputException.For(field, $"{invoice.Number} is in {invoice.Currency}; the payment is in {currency}.");
        if (invoice.Status is not (InvoiceStatus.Approved or InvoiceStatus.Sent or InvoiceStatus.Failed or InvoiceStatus.Paid))
            throw new TransitionRefusedException($"{invoice.Number} is {invoice.Status}; only approved, sent or paid invoices take payments.");

        var now = time.GetUtcNow();
        db.AuditEntries.Add(invoice.Record(by, AuditActions.PaymentMatched, now,
            $"Payment {payment.Amount} (ref {payment.Reference}, paid {payment.PaidOn:yyyy-MM-dd}) recorded for '{payment.InvoiceReference}' was matched by hand."));
        (payment.Outcome, payment.Excess) = Apply(invoice, payment.Amount, payment.Reference, by, now);
        payment.InvoiceId = invoice.Id;
        payment.MatchedBy = by.Name;
        payment.MatchedAt = now;
        await db.SaveChangesAsync(ct);
        return new(payment, true, invoice);
    }

    public async Task<Payment> FindAsync(Guid id, CancellationToken ct = default) =>
        await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException($"There is no payment {id}.");

    /// <summary>Payments that need a person: unmatched, overpaid, or received for a void invoice.</summary>
    public async Task<IReadOnlyList<Payment>> ExceptionsAsync(PaymentOutcome? outcome = null, CancellationToken ct = default)
    {
        var payments = db.Payments.AsNoTracking().Where(p => p.Outcome != PaymentOutcome.Applied);
        if (outcome is { } wanted) payments = payments.Where(p => p.Outcome == wanted);
        return await payments.OrderBy(p => p.PaidOn).ThenBy(p => p.Reference).ToListAsync(ct);
    }
}
