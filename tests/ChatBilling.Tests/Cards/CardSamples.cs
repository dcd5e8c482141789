using ChatBilling.Core.Cards;

namespace ChatBilling.Tests.Cards;

/// <summary>
/// Realistic view models for every card, including the awkward cases: empty lists, lists longer than the
/// cap, checks present and absent, and a client whose name holds JSON and Slack markup characters.
/// </summary>
internal static class CardSamples
{
    public const string NastyClient = "\"Quote\" \\ Backslash <!channel> & Co";

    public static readonly Guid InvoiceId = Guid.Parse("0193f3a2-7c1e-7b4d-9a51-2f0c6e8d1a44");

    /// <summary>Every sample as (file name, template name, view model).</summary>
    public static IEnumerable<(string Name, string Template, object Card)> All()
    {
        foreach (var channel in Dialects.All)
        {
            var c = channel.Name;
            yield return Sample(channel, "approval-request.checks", Approval(Checks(2, 1), ["29:1aB-user-id"]));
            yield return Sample(channel, "approval-request.clean", Approval(CardList.Empty<CardCheck>()));
            yield return Sample(channel, "approval-request.many-checks", Approval(Checks(12, 8)) with { ClientName = NastyClient });
            yield return Sample(channel, "decided.approved", Decided(DecisionOutcome.Approved, "Approved by Dana Approver"));
            yield return Sample(channel, "decided.rejected", Decided(DecisionOutcome.Rejected, $"Rejected by Sam Finance: rate for {NastyClient} is wrong"));
            yield return Sample(channel, "decided.waiting", Decided(DecisionOutcome.Waiting, "Waiting for step 2 of 2 · finance"));
            yield return Sample(channel, "digest.busy", Digest(40, 40, 40));
            yield return Sample(channel, "digest.some", Digest(1, 2, 3));
            yield return Sample(channel, "digest.quiet", Digest(0, 0, 0));
            yield return Sample(channel, "invoice-list.long", List(ListItems(40), Totals, [NastyClient, "over €10,000.00", "in EUR", "due by Fri 4 Dec"]));
            yield return Sample(channel, "invoice-list.few", List(ListItems(2), Totals[..1], ["Acme GmbH"]));
            yield return Sample(channel, "invoice-list.waiting", Waiting(17));
            yield return Sample(channel, "invoice-list.empty", List(CardList.Empty<InvoiceListItem>(), [], []) with { ConsoleUrl = null });
            yield return Sample(channel, "invoice-status.sent", Status(Timeline(25), "viewed 2 times, last 10:42"));
            yield return Sample(channel, "invoice-status.pending", Status(CardList.Empty<TimelineItem>(), null) with
            {
                Status = "Waiting for approval", Balance = null,
                Steps = CardList.Of([
                    new StepItem("Step 1 of 2 · approver", "Approved by Dana Approver, 1 Dec 10:00 UTC", false),
                    new StepItem("Step 2 of 2 · finance", "Waiting for Sam Finance · decide by 2 Dec 10:00 UTC", true)]),
            });
            yield return Sample(channel, "invoice-status.draft", Status(CardList.Empty<TimelineItem>(), null) with { Status = "Draft", Balance = null });
            yield return Sample(channel, "help", Help);
            yield return Sample(channel, "help.not-understood", Help with
            {
                Reason = $"I know no client called \"{NastyClient}\".", Suggestions = ["pending over 10k", "pending under 10k", "overdue for Acme GmbH"],
            });

            (string, string, object) Sample<TCard>(CardDialect ch, string name, TCard card) where TCard : ICard =>
                ($"{c}.{name}", ch.NameOf<TCard>(), card);
        }
    }

    public static ApprovalRequestCard Approval(CardList<CardCheck> checks, IReadOnlyList<string>? refreshUserIds = null) => new(
        InvoiceId, "INV-2026-0042", "Acme GmbH", "EUR 2,142.00", "22 Nov 2026", "22 Dec 2026", 3,
        "Step 1 of 2 · approver", "Robin Requester", "https://billing.example.com/api/invoices/0193f3a2/preview.png",
        "https://billing.example.com/api/invoices/0193f3a2/pdf", checks, "41:7",
        [new CardChoice("Sam Second", "sam@example.com"), new CardChoice("Fin Manager", "fin@example.com")], refreshUserIds);

    public static CardList<CardCheck> Checks(int warnings, int infos) => CardList.Of(
        Enumerable.Range(1, warnings).Select(i => new CardCheck(CheckSeverity.Warning, i == 1
                ? "The due date is only 7 days after the issue date; this client usually gets 30."
                : $"Line {i} has a unit price 40 % above the last invoice."))
            .Concat(Enumerable.Range(1, infos).Select(i => new CardCheck(CheckSeverity.Info, $"Work completed on {i} Nov 2026."))));

    public static DecidedCard Decided(DecisionOutcome outcome, string text) => new(
        "INV-2026-0042", "Acme GmbH", "EUR 2,142.00", outcome, text, "23 Nov 2026, 09:14 UTC", "https://billing.example.com/api/invoices/0193f3a2/pdf");

    public static DigestCard Digest(int failed, int pending, int overduePerBucket) => new(
        "Monday, 23 November 2026",
        "All quiet: nothing failed, nothing waits for approval and nothing is overdue.",
        CardList.Of(Enumerable.Range(1, failed).Select(i => new FailedSendItem(Number(i), Client(i), "Mailbox unavailable (550 5.1.1 user unknown)"))),
        CardList.Of(Pending(pending)),
        overduePerBucket == 0 ? [] :
        [
            new OverdueBucket("1–7 days", CardList.Of(Overdue(overduePerBucket))),
            new OverdueBucket("8–30 days", CardList.Of(Overdue(overduePerBucket / 2))),
            new OverdueBucket("31–60 days", CardList.Empty<OverdueItem>()),
            new OverdueBucket("Over 60 days", CardList.Of(Overdue(1))),
        ],
        failed + pending,
        overduePerBucket == 0 ? [] : Totals,
        CardList.Of(Enumerable.Range(1, failed).Select(i => new PaymentExceptionItem($"BANK-{i}", Number(i), "EUR 50.00", "overpaid by EUR 5.00"))),
        failed == 0 ? null : new DigestNumbers("last 30 days",
        [
            new("Work done → sent", "median 3 d · p90 8.5 d"), new("Sent on schedule", "92 % of 48"), new("Approval time", "median 4.5 h"),
            .. Enumerable.Range(0, 7).Select(i => new DigestFact($"DSO {Client(i)}", $"{30 + i} days")),
        ]),
        failed == 0 ? null : $"Reconciliation: {failed} payment(s) with no invoice, 1 overpaid, 2 partly paid for {NastyClient}");

    public static InvoiceStatusCard Status(CardList<TimelineItem> timeline, string? linkViews) => new(
        "INV-2026-0042", "Acme GmbH", "Sent · 3 days overdue", "EUR 2,142.00", "22 Dec 2026", "EUR 1,142.00 of EUR 2,142.00",
        CardList.Of([new StepItem("Step 1 of 1 · approver", "Approved by Dana Approver, 20 Nov 10:00 UTC", false)]), timeline, linkViews,
        "https://billing.example.com/api/invoices/0193f3a2/pdf");

    public static InvoiceListCard List(CardList<InvoiceListItem> items, IReadOnlyList<CurrencyTotal> totals, IReadOnlyList<string> chips) => new(
        $"Overdue for {NastyClient}, over €10,000.00", chips, items, totals, "Still owed", $"Overdue for {NastyClient}: none.",
        "https://billing.example.com/console#/invoices?status=overdue&clientId=0193f3a2-7c1e-7b4d-9a51-2f0c6e8d1a44&above=10000");

    /// <summary>"Waiting for you": ten of <paramref name="total"/> shown, each with its Approve button.</summary>
    public static InvoiceListCard Waiting(int total) => new("Waiting for your approval", [],
        CardList.Counted(Enumerable.Range(1, Math.Min(10, total)).Select(i => new InvoiceListItem(Number(i), i == 1 ? NastyClient : Client(i),
            $"EUR {i * 1130:N2}", $"Step 1 of 2 · approver · Due {i} Dec 2026", $"waiting {i} h", i > 8)
        { Approve = new CardActionData(Guid.Parse($"0193f3a2-7c1e-7b4d-9a51-2f0c6e8d1a{i:D2}"), $"{40 + i}:1") }), total),
        [new("EUR", "EUR 62,150.00")], "Total", "Waiting for your approval: none.", "https://billing.example.com/console#/invoices?status=mine");

    private static CardList<InvoiceListItem> ListItems(int count) => CardList.Of(Enumerable.Range(1, count).Select(i =>
        new InvoiceListItem(Number(i), Client(i), $"EUR {i * 1130:N2}", i % 2 == 0 ? "Due 1 Nov 2026 · EUR 100.00 of EUR 1,230.00 paid" : "Step 1 of 2 · approver · Dana Approver",
            i % 2 == 0 ? $"{i} days overdue" : $"waiting {i} h", i % 3 != 0)));

    public static readonly HelpCard Help = new(
    [
        new HelpCommand("overdue", "Invoices past their due date, oldest first"),
        new HelpCommand("pending", "Invoices waiting for an approval, and for whom"),
        new HelpCommand("status INV-2026-0042", "Where one invoice is, and what happened to it"),
        new HelpCommand("help", "This list"),
    ]);

    private static readonly CurrencyTotal[] Totals =
        [new("EUR", "EUR 48,210.50"), new("USD", "USD 12,000.00"), new("JPY", "JPY 1,250,000")];

    private static IEnumerable<OverdueItem> Overdue(int count) => Enumerable.Range(1, count).Select(i =>
        new OverdueItem(Number(i), Client(i), $"EUR {i * 1130:N2}", "1 Nov 2026", i == 1 ? "1 day" : $"{i} days"));

    private static IEnumerable<PendingItem> Pending(int count) => Enumerable.Range(1, count).Select(i =>
        new PendingItem(Number(100 + i), Client(i), $"USD {i * 990:N2}", i % 2 == 0 ? "Step 2 of 2 · finance" : "Step 1 of 2 · approver",
            i % 2 == 0 ? "Sam Finance" : "Dana Approver", $"{i} h"));

    private static CardList<TimelineItem> Timeline(int count) => CardList.Of(Enumerable.Range(1, count).Select(i =>
        new TimelineItem($"{i:00} Nov 09:{i:00}", i switch { 1 => "Created by Robin Requester", 2 => "Approved by Dana Approver", _ => "Invoice link viewed" })));

    private static string Number(int i) => $"INV-2026-{i:0000}";

    private static string Client(int i) => i % 3 == 0 ? NastyClient : i % 3 == 1 ? "Acme GmbH" : "Nordlicht Design AS";
}
