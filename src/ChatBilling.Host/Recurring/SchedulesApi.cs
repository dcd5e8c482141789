using System.Security.Claims;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Recurring;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Recurring;

/// <summary><c>/api/schedules</c>: recurring invoices for retainers.</summary>
public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/schedules").RequireAuthorization(ApiKeys.Policy).WithTags("Schedules");
        schedules.MapPost("/", CreateAsync);
        schedules.MapGet("/", ListAsync);
        schedules.MapGet("/{id:guid}", GetAsync);
        schedules.MapPost("/{id:guid}/pause", (Guid id, ScheduleService service, CancellationToken ct) => SetActiveAsync(id, false, service, ct));
        schedules.MapPost("/{id:guid}/resume", (Guid id, ScheduleService service, CancellationToken ct) => SetActiveAsync(id, true, service, ct));
        return app.MapConsoleSchedules();
    }

    private static async Task<Created<ScheduleResponse>> CreateAsync(
        ScheduleInput input, ScheduleService service, ClaimsPrincipal user, CancellationToken ct)
    {
        var created = await service.CreateAsync(input, user.ApiActor(), ct);
        return TypedResults.Created($"/api/schedules/{created.Id}", ScheduleResponse.From(await service.GetAsync(created.Id, ct)));
    }

    private static async Task<Ok<ScheduleResponse[]>> ListAsync(ScheduleService service, CancellationToken ct) =>
        TypedResults.Ok((await service.ListAsync(ct)).Select(ScheduleResponse.From).ToArray());

    private static async Task<Ok<ScheduleResponse>> GetAsync(Guid id, ScheduleService service, CancellationToken ct) =>
        TypedResults.Ok(ScheduleResponse.From(await service.GetAsync(id, ct)));

    private static async Task<Ok<ScheduleResponse>> SetActiveAsync(Guid id, bool active, ScheduleService service, CancellationToken ct) =>
        TypedResults.Ok(ScheduleResponse.From(await service.SetActiveAsync(id, active, ct)));
}

public sealed record ScheduleResponse(
    Guid Id, Guid ClientId, string ClientName, string Name, string Cadence, int? DayOfMonth, string? Cron, string TimeZone,
    DateOnly StartsOn, DateOnly? EndsOn, string? Currency, int PaymentTermsDays, bool AutoSubmit, bool Active,
    DateTimeOffset? NextRunAt, Guid? LastInvoiceId, string? LastInvoiceNumber, string? Notes, IReadOnlyList<LineItemInput> LineItems)
{
    public static ScheduleResponse From(ScheduleView view)
    {
        var s = view.Schedule;
        return new(s.Id, s.ClientId, view.ClientName, s.Name, s.Cadence.ToString().ToLowerInvariant(), s.DayOfMonth, s.Cron, s.TimeZone,
            s.StartsOn, s.EndsOn, s.Currency, s.PaymentTermsDays, s.AutoSubmit, s.Active, s.NextRunAt, s.LastInvoiceId,
            view.LastInvoiceNumber, s.Notes, s.Lines);
    }
}
