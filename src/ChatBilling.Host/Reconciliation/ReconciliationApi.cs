using ChatBilling.Core.Reconciliation;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Reconciliation;

/// <summary><c>GET /api/reconciliation</c>: the exception report as it stands now (the weekly email sends the same).</summary>
public static class ReconciliationApi
{
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reconciliation", GetAsync).RequireAuthorization(ApiKeys.Policy).WithTags("Reconciliation");
        app.MapGet("/console/api/reconciliation", GetAsync).RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<ReconciliationReport>> GetAsync(ReconciliationBuilder reports, CancellationToken ct) =>
        TypedResults.Ok(await reports.BuildAsync(ct));
}
