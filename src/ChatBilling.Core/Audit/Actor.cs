namespace ChatBilling.Core.Audit;

/// <summary>Who did something and through which channel ("api", "console", "slack", "teams", "system").</summary>
public sealed record Actor(string Name, string Channel)
{
    public static readonly Actor System = new("system", "system");
}
