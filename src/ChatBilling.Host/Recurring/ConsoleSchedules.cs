using System.Security.Claims;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Recurring;
using ChatBilling.Host.WebConsole;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Recurring;

/// <summary>The console's list of recurring schedules, worded for people: cadence, amount per period, next run.</summary>
public static class ConsoleSchedules
{
    public static IEndpointRouteBuilder MapConsoleSchedules(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/console/api/schedules").RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        schedules.MapGet("/", ListAsync);
        schedules.MapPost("/", CreateAsync).RequireConsoleHeader().RequireBilling();
        schedules.MapPost("/{id:guid}/pause", (Guid id, ScheduleService service, CancellationToken ct) => SetActiveAsync(id, false, service, ct))
            .RequireConsoleHeader().RequireBilling();
        schedules.MapPost("/{id:guid}/resume", (Guid id, ScheduleService service, CancellationToken ct) => SetActiveAsync(id, true, service, ct))
            .RequireConsoleHeader().RequireBilling();
        return app;
    }

    private static async Task<Created<ScheduleRow>> CreateAsync(ScheduleInput input, ScheduleService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await service.CreateAsync(input, user.ConsoleActor(), ct);
        return TypedResults.Created($"/console/api/schedules/{created.Id}", ScheduleRow.From(await service.GetAsync(created.Id, ct)));
    }

    private static async Task<Ok<ScheduleRow>> SetActiveAsync(Guid id, bool active, ScheduleService service, CancellationToken ct) =>
        TypedResults.Ok(ScheduleRow.From(await service.SetActiveAsync(id, active, ct)));

    private static async Task<Ok<ScheduleRow[]>> ListAsync(ScheduleService schedules, CancellationToken ct) =>
        TypedResults.Ok((await schedules.ListAsync(ct)).Select(ScheduleRow.From).ToArray());
}

public sealed record ScheduleRow(Guid Id, string Name, string Client, string Cadence, string PerPeriod, string NextRun, string? LastInvoice, bool Active)
{
    public static ScheduleRow From(ScheduleView view)
    {
        var s = view.Schedule;
        var cadence = s.Cadence switch
        {
            Core.Recurring.Cadence.Monthly => $"Monthly on day {s.DayOfMonth}",
            Core.Recurring.Cadence.Quarterly => $"Quarterly on day {s.DayOfMonth}",
            _ => $"Cron {s.Cron}",
        } + (s.TimeZone == "UTC" ? "" : $" ({s.TimeZone})") + (s.AutoSubmit ? " · auto-submit" : "");
        // Before tax, in the schedule's currency when it names one: what each period bills.
        var net = s.Lines.Sum(l => (l.Quantity ?? 0) * (l.UnitPrice ?? 0));
        var perPeriod = s.Currency is { } currency ? ChatFormat.Money(net, currency) : $"{net:0.##} (client's currency)";
        var next = !s.Active ? "Paused" : s.NextRunAt is { } at ? ChatFormat.When(at) : "Ended";
        return new(s.Id, s.Name, view.ClientName, cadence, $"{perPeriod} + tax", next, view.LastInvoiceNumber, s.Active);
    }
}
