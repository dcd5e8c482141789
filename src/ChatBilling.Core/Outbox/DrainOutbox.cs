using Coravel.Invocable;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// The Coravel job that drains the outbox. Schedule it with <c>PreventOverlapping</c>; other hosts may run it at the
/// same time, since leases keep them apart.
/// </summary>
public sealed class DrainOutbox(OutboxDispatcher dispatcher) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }

    public Task Invoke() => dispatcher.DrainAsync(CancellationToken);
}
