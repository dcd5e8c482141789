using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Setup;

/// <summary>
/// One look at whether a piece of the configuration works against the real service it names, changing nothing.
/// Each feature registers its own; <c>dotnet ChatBilling.Host.dll check</c> and the operators' page run them all.
/// </summary>
public interface ISetupCheck
{
    /// <summary>What is checked, in a few words ("Database", "SMTP", "Slack").</summary>
    string Name { get; }

    Task<SetupCheckResult> RunAsync(CancellationToken ct);
}

/// <summary>The outcome of a check: passed, failed (with the setting to fix), or skipped because it is not configured.</summary>
public sealed record SetupCheckResult(string Name, SetupCheckOutcome Outcome, string Message)
{
    public static SetupCheckResult Pass(string name, string message) => new(name, SetupCheckOutcome.Passed, message);
    public static SetupCheckResult Fail(string name, string message) => new(name, SetupCheckOutcome.Failed, message);
    public static SetupCheckResult Skip(string name, string message) => new(name, SetupCheckOutcome.Skipped, message);
}

public enum SetupCheckOutcome { Passed, Failed, Skipped }

public static class SetupCheckRegistration
{
    public static IServiceCollection AddSetupCheck<TCheck>(this IServiceCollection services) where TCheck : class, ISetupCheck =>
        services.AddTransient<ISetupCheck, TCheck>();

    /// <summary>Runs every registered check; one that throws fails with its message instead of stopping the rest.</summary>
    public static async Task<IReadOnlyList<SetupCheckResult>> RunSetupChecksAsync(this IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var results = new List<SetupCheckResult>();
        foreach (var check in scope.ServiceProvider.GetServices<ISetupCheck>())
        {
            try
            {
                results.Add(await check.RunAsync(ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                results.Add(SetupCheckResult.Fail(check.Name, e.Message));
            }
        }
        return results;
    }
}
