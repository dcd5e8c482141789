using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Outbox;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Storage;

/// <summary>
/// The store. Provider-neutral: the SQLite and PostgreSQL subclasses only add what their provider needs,
/// and each keeps its own checked-in migrations.
/// </summary>
public abstract class ChatBillingDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApprovalStep> ApprovalSteps => Set<ApprovalStep>();
    public DbSet<StoredDocument> StoredDocuments => Set<StoredDocument>();
    public DbSet<CustomerLink> CustomerLinks => Set<CustomerLink>();
    public DbSet<Payments.Payment> Payments => Set<Payments.Payment>();
    internal DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Channels.ChatPost> ChatPosts => Set<Channels.ChatPost>();
    public DbSet<Channels.ChatConversation> ChatConversations => Set<Channels.ChatConversation>();
    public DbSet<Channels.ChatInboundEvent> ChatInboundEvents => Set<Channels.ChatInboundEvent>();
    public DbSet<Channels.ChatUser> ChatUsers => Set<Channels.ChatUser>();
    public DbSet<Triggers.TriggerEvent> TriggerEvents => Set<Triggers.TriggerEvent>();
    public DbSet<Recurring.RecurringSchedule> RecurringSchedules => Set<Recurring.RecurringSchedule>();
    public DbSet<Recurring.ScheduledInvoice> ScheduledInvoices => Set<Recurring.ScheduledInvoice>();
    /// <summary>The Data Protection key ring every host shares (sign-in links, console cookies, signed document links).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<People.SignInSession> SignInSessions => Set<People.SignInSession>();
    public DbSet<Exceptions.ExceptionDismissal> ExceptionDismissals => Set<Exceptions.ExceptionDismissal>();
    public DbSet<Delegation.ApprovalDelegation> Delegations => Set<Delegation.ApprovalDelegation>();

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Enough for any currency's amounts and for quantities like 1.375 hours.
        conventions.Properties<decimal>().HavePrecision(19, 4);
        conventions.Properties<InvoiceStatus>().HaveConversion<string>().HaveMaxLength(20);
        conventions.Properties<StepStatus>().HaveConversion<string>().HaveMaxLength(20);
        conventions.Properties<Payments.PaymentOutcome>().HaveConversion<string>().HaveMaxLength(20);
    }

    // Each entity's mapping lives beside it, in its feature folder, as an IEntityTypeConfiguration.
    protected override void OnModelCreating(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(ChatBillingDb).Assembly);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAndStamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAndStamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// The last line behind the validators: text PostgreSQL would refuse (NUL, broken surrogates) and SQLite would keep
    /// is refused on both, as bad input naming the field, so the providers never differ and nothing ends as a 500.
    /// </summary>
    private static void RefuseUnstorableText(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var property in entry.Properties)
        {
            if (property.CurrentValue is not string text || Validation.InputRules.IsStorableText(text)) continue;
            var field = char.ToLowerInvariant(property.Metadata.Name[0]) + property.Metadata.Name[1..];
            throw InvalidInputException.For(field, Validation.InputRules.TextMessage(field));
        }
    }

    private void GuardAndStamp()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
                throw new InvalidOperationException("The audit trail is append-only.");
            if (entry.Entity is Invoice invoice && entry.State == EntityState.Modified) invoice.BumpVersion();
            if (entry.Entity is InvoiceNumberCounter counter && entry.State == EntityState.Modified) counter.Version++;
            if (entry.State is EntityState.Added or EntityState.Modified) RefuseUnstorableText(entry);
        }
    }
}
