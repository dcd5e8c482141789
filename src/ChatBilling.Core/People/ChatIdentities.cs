using ChatBilling.Core.Approvals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.People;

/// <summary>
/// A person's ids on the chat channels, keyed by the channel's name (<c>"identities": { "&lt;channel&gt;": "&lt;id&gt;" }</c>).
/// Core knows no channel by name: each channel project reads its own key.
/// </summary>
public static class ChatIdentities
{
    /// <summary>The person's id on <paramref name="channel"/>, or null when none is configured.</summary>
    public static string? On(IReadOnlyDictionary<string, string> identities, string channel) =>
        identities.FirstOrDefault(i => i.Key.Equals(channel, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } id ? id : null;

    /// <summary>True when <paramref name="id"/> is this person's id on <paramref name="channel"/> (ids compare without case).</summary>
    public static bool Has(IReadOnlyDictionary<string, string> identities, string channel, string? id) =>
        !string.IsNullOrEmpty(id) && string.Equals(On(identities, channel), id, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads an older per-person key (<c>Approvals:Approvers:N:&lt;key&gt;</c>, <c>Approvals:Viewers:N:&lt;key&gt;</c>) as the
    /// person's id on <paramref name="channel"/> unless <c>identities</c> names one, so settings written before identities
    /// existed keep working. A channel project registers its own alias.
    /// </summary>
    public static IServiceCollection AddIdentityAlias(this IServiceCollection services, string channel, string key)
    {
        services.AddSingleton(new IdentityAlias(channel, key));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ApprovalSettings>, IdentityAliasBinding>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<PeopleSettings>, IdentityAliasBinding>());
        return services;
    }
}

internal sealed record IdentityAlias(string Channel, string Key);

/// <summary>Copies alias keys into <c>Identities</c> after binding; entry N of the section is the Nth bound person.</summary>
internal sealed class IdentityAliasBinding(IConfiguration configuration, IEnumerable<IdentityAlias> aliases)
    : IPostConfigureOptions<ApprovalSettings>, IPostConfigureOptions<PeopleSettings>
{
    public void PostConfigure(string? name, ApprovalSettings options) =>
        Apply("Approvals:Approvers", options.Approvers.Select(a => a.Identities).ToList());

    public void PostConfigure(string? name, PeopleSettings options) =>
        Apply("Approvals:Viewers", options.Viewers.Select(v => v.Identities).ToList());

    private void Apply(string section, List<Dictionary<string, string>> people)
    {
        var entries = configuration.GetSection(section).GetChildren().ToList();
        for (var i = 0; i < Math.Min(entries.Count, people.Count); i++)
            foreach (var alias in aliases)
                if (entries[i][alias.Key] is { Length: > 0 } id && ChatIdentities.On(people[i], alias.Channel) is null)
                    people[i][alias.Channel] = id;
    }
}
