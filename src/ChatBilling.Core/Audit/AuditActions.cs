namespace ChatBilling.Core.Audit;

/// <summary>
/// The <see cref="AuditEntry.Action"/> names. They are stored in every history row, read by the numbers, the bot's
/// answers and the console, and returned by <c>GET /api/invoices/{id}/history</c>: once written, a name never changes.
/// </summary>
public static class AuditActions
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Triggered = "triggered";
    public const string Scheduled = "scheduled";
    public const string Submitted = "submitted";
    public const string AutoApproved = "auto-approved";
    public const string ApprovedStep = "approved-step";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Recalled = "recalled";
    public const string Reassigned = "reassigned";
    /// <summary>An approver asked the requester a question before deciding; the step keeps waiting.</summary>
    public const string Asked = "asked";
    /// <summary>The requester (or an operator) answered the open questions.</summary>
    public const string Answered = "answered";
    public const string ApprovalReminded = "approval-reminded";
    public const string Escalated = "escalated";
    public const string Sent = "sent";
    public const string Emailed = "emailed";
    public const string EmailSkipped = "email-skipped";
    public const string SendFailed = "send-failed";
    public const string SendRetried = "send-retried";
    public const string Voided = "voided";
    public const string Viewed = "viewed";
    public const string Downloaded = "downloaded";
    public const string Payment = "payment";
    public const string Paid = "paid";
    public const string PaymentMatched = "payment-matched";
    public const string PaymentNotApplied = "payment-not-applied";
    public const string ReminderSent = "reminder-sent";
    public const string ReminderSkipped = "reminder-skipped";
    public const string JobFailed = "job-failed";
    public const string ResendRequested = "resend-requested";
    public const string ExceptionDismissed = "exception-dismissed";
    public const string ExceptionRestored = "exception-restored";
}
