using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Conversations;

public static class ConversationsRegistration
{
    /// <summary>Ask-the-bot: the answers every channel gives to "overdue", "pending", "status …" and "help".</summary>
    public static IServiceCollection AddConversations(this IServiceCollection services) => services.AddScoped<BotAnswers>();
}
