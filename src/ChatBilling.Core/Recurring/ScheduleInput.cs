using ChatBilling.Core.Invoices;
using ChatBilling.Core.Validation;
using Cronos;

namespace ChatBilling.Core.Recurring;

/// <summary>Body of <c>POST /api/schedules</c>.</summary>
public sealed record ScheduleInput(
    Guid? ClientId,
    string? Name,
    string? Cadence,
    int? DayOfMonth,
    string? Cron,
    string? TimeZone,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Currency,
    int? PaymentTermsDays,
    bool? AutoSubmit,
    string? Notes,
    IReadOnlyList<LineItemInput?>? LineItems);

internal static class ScheduleValidator
{
    /// <summary>The store's column lengths; checked here so both providers refuse the same input.</summary>
    public const int MaxCronLength = 100;
    public const int MaxTimeZoneLength = 64;

    /// <summary>Checks everything but the lines and currency, which the invoice validator checks as for any invoice.</summary>
    public static Dictionary<string, string[]> Check(ScheduleInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Name)) errors["name"] = ["name is required, e.g. \"Monthly retainer\"."];
        else if (input.Name.Length > Storage.FieldLengths.Name) errors["name"] = [$"name must be at most {Storage.FieldLengths.Name} characters."];
        if (!Enum.TryParse<Cadence>(input.Cadence, ignoreCase: true, out var cadence) || int.TryParse(input.Cadence, out _))
            errors["cadence"] = ["cadence is monthly, quarterly or cron."];
        else if (cadence == Recurring.Cadence.Cron)
        {
            if (string.IsNullOrWhiteSpace(input.Cron)) errors["cron"] = ["cron is required for the cron cadence, e.g. \"0 9 1 * *\"."];
            else if (input.Cron.Length > MaxCronLength) errors["cron"] = [$"cron must be at most {MaxCronLength} characters."];
            else if (!TryParseCron(input.Cron)) errors["cron"] = [$"'{input.Cron}' is not a five-field cron expression."];
        }
        else if (input.DayOfMonth is not (>= 1 and <= 31)) errors["dayOfMonth"] = ["dayOfMonth is 1 to 31 (31 bills on the last day of shorter months)."];
        if (input.TimeZone is { Length: > MaxTimeZoneLength }) errors["timeZone"] = [$"timeZone must be at most {MaxTimeZoneLength} characters."];
        else if (input.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) errors["timeZone"] = [$"'{zone}' is not a known time zone."];
        InputRules.CheckText(errors, "name", input.Name);
        InputRules.CheckText(errors, "notes", input.Notes);
        InputRules.CheckDate(errors, "startsOn", input.StartsOn);
        InputRules.CheckDate(errors, "endsOn", input.EndsOn);
        if (input.StartsOn is null) errors["startsOn"] = ["startsOn is required."];
        else if (input.EndsOn < input.StartsOn) errors["endsOn"] = ["endsOn cannot be before startsOn."];
        if (input.PaymentTermsDays is < 0 or > 365) errors["paymentTermsDays"] = ["paymentTermsDays is 0 to 365."];
        if (input.Notes?.Length > Storage.FieldLengths.Notes) errors["notes"] = [$"notes must be at most {Storage.FieldLengths.Notes} characters."];
        return errors;
    }

    private static bool TryParseCron(string cron)
    {
        try
        {
            CronExpression.Parse(cron);
            return true;
        }
        catch (Exception e) when (e is CronFormatException or ArgumentException)
        {
            return false;
        }
    }
}
