namespace ChatBilling.Core.Audit;

/// <summary>Who did something and through which channel ("api", "console", "slack", "teams", "system").</summary>
/// <param name="Via">What carried the act for the actor when that was someone else, e.g. <c>key:erp-sync</c> recording an approver's decision.</param>
public sealed record Actor(string Name, string Channel, string? Via = null)
{
    public static readonly Actor System = new("system", "system");
}
