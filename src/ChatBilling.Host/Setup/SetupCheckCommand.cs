using ChatBilling.Core.Setup;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatBilling.Host.Setup;

/// <summary>
/// <c>dotnet ChatBilling.Host.dll check</c>: runs every feature's setup check against the real services, changes
/// nothing (not even the schema), prints one line per check and exits non-zero when any failed.
/// </summary>
public static class SetupCheckCommand
{
    public static bool IsRequested(string[] args) => args is ["check", ..];

    public static IHostApplicationBuilder AddSetupChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(PublicAddressCheck.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSetupCheck<DatabaseCheck>();
        builder.Services.AddSetupCheck<SmtpCheck>();
        builder.Services.AddSetupCheck<PublicAddressCheck>();
        builder.Services.AddSetupCheck<SellerDetailsCheck>();
        return builder;
    }

    /// <summary>For operators: the same checks as JSON, so the console can show them.</summary>
    public static IEndpointRouteBuilder MapSetupCheck(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/setup/check", async Task<Ok<IReadOnlyList<SetupCheckResult>>> (IServiceProvider services, CancellationToken ct) =>
            TypedResults.Ok(await services.RunSetupChecksAsync(ct))).RequireAuthorization(ApiKeys.Policy).RequireScope(ApiScopes.Operate).WithTags("Setup");
        return app;
    }

    public static async Task<int> RunAsync(WebApplication app)
    {
        var results = await app.Services.RunSetupChecksAsync(app.Lifetime.ApplicationStopping);
        foreach (var r in results)
            System.Console.WriteLine($"{Mark(r.Outcome)} {r.Name}: {r.Message}");
        var failed = results.Count(r => r.Outcome == SetupCheckOutcome.Failed);
        System.Console.WriteLine(failed == 0 ? "All checks passed." : $"{failed} check(s) failed.");
        return failed == 0 ? 0 : 1;
    }

    private static string Mark(SetupCheckOutcome outcome) => outcome switch
    {
        SetupCheckOutcome.Passed => "[ok]  ",
        SetupCheckOutcome.Failed => "[FAIL]",
        _ => "[skip]",
    };
}
