namespace ChatBilling.Core.Approvals;

/// <summary>
/// The history's action names for approval depth (the lead folds these into the shared audit action constants).
/// </summary>
public static class ApprovalActions
{
    public const string Recalled = RecallService.Action;
    public const string Reassigned = "reassigned";
}
