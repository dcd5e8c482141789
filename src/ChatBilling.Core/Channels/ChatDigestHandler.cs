using ChatBilling.Core.Digests;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Channels;

/// <summary>Posts the digest, as it stands when it goes out, into one channel.</summary>
public sealed class ChatDigestHandler(DigestBuilder digests, IServiceProvider services) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ChatDigestRequest>();
        if (services.GetKeyedService<IChatChannel>(request.Channel) is not { } channel) return;
        await channel.PostDigestAsync(await digests.BuildAsync(ct), ct);
    }
}
