namespace ChatBilling.Core.Cards;

/// <summary>One invoice waiting for an approval step, as the digest lists it.</summary>
/// <param name="Step">e.g. "Step 2 of 2 · finance".</param>
/// <param name="WaitingFor">Who can decide, e.g. "Dana Approver".</param>
/// <param name="Age">How long it has waited, e.g. "3 h".</param>
public sealed record PendingItem(string Number, string ClientName, string Amount, string Step, string WaitingFor, string Age);
