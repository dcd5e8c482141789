using System.Text.Json;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Recurring;

/// <summary>How often a schedule bills: monthly or quarterly on a day of the month, or by a cron expression.</summary>
public enum Cadence
{
    Monthly,
    Quarterly,
    Cron,
}

/// <summary>
/// A retainer: an invoice for a client every period, from template lines. Which periods were billed is kept in
/// <see cref="ScheduledInvoice"/> rows, not here; the pointers on this row only save work and drive the console.
/// </summary>
public sealed class RecurringSchedule
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public required Guid ClientId { get; init; }
    public required string Name { get; set; }
    public Cadence Cadence { get; init; }
    /// <summary>For monthly and quarterly: 1 to 31; a month without that day bills on its last day.</summary>
    public int? DayOfMonth { get; init; }
    /// <summary>For cron: five fields, minute to day of week, in <see cref="TimeZone"/>.</summary>
    public string? Cron { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public DateOnly StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string? Currency { get; init; }
    public int PaymentTermsDays { get; init; } = 30;
    public bool AutoSubmit { get; init; }
    public string? Notes { get; init; }
    /// <summary>The template lines as JSON; <c>{period}</c> in a description becomes the period's name.</summary>
    public string LinesJson { get; init; } = "[]";
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    /// <summary>The latest period billed (its instant), so a run starts after it instead of at the beginning.</summary>
    public DateTimeOffset? LastPeriodAt { get; set; }
    public Guid? LastInvoiceId { get; set; }
    public DateTimeOffset? NextRunAt { get; set; }

    public IReadOnlyList<LineItemInput> Lines => JsonSerializer.Deserialize<List<LineItemInput>>(LinesJson, Json) ?? [];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>One billed period of a schedule: unique per (schedule, period key), saved with its invoice.</summary>
public sealed class ScheduledInvoice
{
    public long Id { get; private set; }
    public required Guid ScheduleId { get; init; }
    /// <summary>e.g. <c>2026-12</c> for a monthly or quarterly period, <c>2026-12-01T09:00Z</c> for a cron occurrence.</summary>
    public required string PeriodKey { get; init; }
    public required Guid InvoiceId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
