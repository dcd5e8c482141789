using ChatBilling.Core.Approvals;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Links;
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
    public DbSet<InvoiceLink> InvoiceLinks => Set<InvoiceLink>();
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

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Enough for any currency's amounts and for quantities like 1.375 hours.
        conventions.Properties<decimal>().HavePrecision(19, 4);
        conventions.Properties<InvoiceStatus>().HaveConversion<string>().HaveMaxLength(20);
        conventions.Properties<StepStatus>().HaveConversion<string>().HaveMaxLength(20);
        conventions.Properties<Payments.PaymentOutcome>().HaveConversion<string>().HaveMaxLength(20);
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfiguration(new Exceptions.ExceptionDismissalConfiguration());
        model.Entity<Client>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Email).HasMaxLength(254);
            e.Property(c => c.Currency).HasMaxLength(3);
            e.Property(c => c.Locale).HasMaxLength(35);
            e.Property(c => c.PaperSize).HasMaxLength(10);
            e.Property(c => c.TaxId).HasMaxLength(ClientValidator.MaxTaxIdLength);
        });

        model.Entity<Invoice>(e =>
        {
            e.Property(i => i.Number).HasMaxLength(32);
            e.HasIndex(i => i.Number).IsUnique();
            e.Property(i => i.Currency).HasMaxLength(3);
            e.Property(i => i.CreatedBy).HasMaxLength(200);
            e.Property(i => i.Notes).HasMaxLength(4000);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasOne<Client>().WithMany().HasForeignKey(i => i.ClientId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(i => i.LineItems).WithOne().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(i => i.LineItems).AutoInclude();
            // Overdue questions (Sent, due before today, oldest debt first) read this range.
            e.HasIndex(i => new { i.Status, i.DueDate });
            // List pages by status (pending, sent) newest first stop after one page instead of sorting every match.
            e.HasIndex(i => new { i.Status, i.IssueDate, i.Number });
            // The console's invoice list, newest first over every status, reads one page of this instead of sorting all.
            e.HasIndex(i => new { i.IssueDate, i.Number });
            e.HasIndex(i => new { i.ClientId, i.IssueDate });
        });

        model.Entity<LineItem>(e =>
        {
            e.Property(l => l.Description).HasMaxLength(1000);
            e.HasIndex(l => new { l.InvoiceId, l.Position });
        });

        model.Entity<People.SignInSession>(e =>
        {
            e.Property(s => s.Id).HasMaxLength(People.SignInSession.MaxIdLength);
            e.Property(s => s.Email).HasMaxLength(254);
            e.HasIndex(s => s.ExpiresAt);
        });

        model.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.Actor).HasMaxLength(200);
            e.Property(a => a.Channel).HasMaxLength(20);
            e.Property(a => a.Action).HasMaxLength(50);
            e.Property(a => a.Detail).HasMaxLength(4000);
            e.Property(a => a.Via).HasMaxLength(200);
            e.HasOne<Invoice>().WithMany().HasForeignKey(a => a.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(a => new { a.InvoiceId, a.At });
            // The numbers that matter read the trail by action (sent, approved, submitted) over a window.
            e.HasIndex(a => new { a.Action, a.At });
        });

        model.Entity<ApprovalStep>(e =>
        {
            e.Property(s => s.Role).HasMaxLength(50);
            e.Property(s => s.DecidedBy).HasMaxLength(254);
            e.Property(s => s.Reason).HasMaxLength(1000);
            e.Property(s => s.DocumentSha256).HasMaxLength(64);
            e.Ignore(s => s.Label);
            e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => new { s.InvoiceId, s.Round, s.Sequence }).IsUnique();
            // Inboxes and escalations look for open steps.
            e.HasIndex(s => new { s.Status, s.OpenedAt });
        });

        model.Entity<StoredDocument>(e =>
        {
            e.HasKey(d => d.InvoiceId);
            e.Property(d => d.Sha256).HasMaxLength(64);
            e.HasOne<Invoice>().WithOne().HasForeignKey<StoredDocument>(d => d.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<InvoiceLink>(e =>
        {
            e.Property(l => l.TokenHash).HasMaxLength(64);
            e.HasIndex(l => l.TokenHash).IsUnique();
            e.HasOne<Invoice>().WithMany().HasForeignKey(l => l.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Payments.Payment>(e =>
        {
            e.Property(p => p.InvoiceReference).HasMaxLength(64);
            e.Property(p => p.Currency).HasMaxLength(3);
            e.Property(p => p.Reference).HasMaxLength(200);
            e.Property(p => p.DedupKey).HasMaxLength(300);
            e.Property(p => p.RecordedBy).HasMaxLength(200);
            e.Property(p => p.MatchedBy).HasMaxLength(200);
            e.Property(p => p.Outcome).IsConcurrencyToken();
            // The same report (invoice + reference) counts once, even when two deliveries of it race.
            e.HasIndex(p => p.DedupKey).IsUnique();
            e.HasIndex(p => new { p.Outcome, p.PaidOn });
            e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<InvoiceNumberCounter>(e =>
        {
            e.HasKey(c => c.Year);
            e.Property(c => c.Year).ValueGeneratedNever();
            e.Property(c => c.Version).IsConcurrencyToken();
        });

        model.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.Kind).HasMaxLength(OutboxMessage.MaxKindLength);
            e.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.MaxKeyLength);
            e.HasIndex(m => m.IdempotencyKey).IsUnique();
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.LeaseOwner).HasMaxLength(200);
            e.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
            // The lease is the concurrency token: a host whose lease was taken over cannot save over the new owner's work.
            e.Property(m => m.LeaseOwner).IsConcurrencyToken();
            e.Property(m => m.LeaseExpiresAt).IsConcurrencyToken();
            e.HasOne<Invoice>().WithMany().HasForeignKey(m => m.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            // The claim query: pending messages by due time.
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        });

        model.Entity<Channels.ChatPost>(e =>
        {
            e.Property(p => p.Channel).HasMaxLength(20);
            e.Property(p => p.ConversationId).HasMaxLength(300);
            e.Property(p => p.MessageId).HasMaxLength(300);
            e.HasIndex(p => new { p.InvoiceId, p.Channel, p.Round }).IsUnique();
            e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Channels.ChatConversation>(e =>
        {
            e.Property(c => c.Channel).HasMaxLength(20);
            e.Property(c => c.ConversationId).HasMaxLength(300);
            e.Property(c => c.Endpoint).HasMaxLength(500);
            e.Property(c => c.Scope).HasMaxLength(30);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.TeamId).HasMaxLength(300);
            e.Property(c => c.TenantId).HasMaxLength(100);
            e.HasIndex(c => new { c.Channel, c.ConversationId }).IsUnique();
        });

        model.Entity<Channels.ChatUser>(e =>
        {
            e.Property(u => u.Channel).HasMaxLength(20);
            e.Property(u => u.PersonKey).HasMaxLength(100);
            e.Property(u => u.UserId).HasMaxLength(300);
            e.HasIndex(u => new { u.Channel, u.PersonKey }).IsUnique();
        });

        model.Entity<Triggers.TriggerEvent>(e =>
        {
            e.Property(t => t.Source).HasMaxLength(100);
            e.Property(t => t.EventId).HasMaxLength(Triggers.TriggerEvent.MaxEventIdLength);
            e.Property(t => t.Type).HasMaxLength(50);
            // The once-only guarantee: a second delivery of an event cannot commit a second invoice.
            e.HasIndex(t => new { t.Source, t.EventId }).IsUnique();
            e.HasOne<Invoice>().WithMany().HasForeignKey(t => t.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Recurring.RecurringSchedule>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Cadence).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Cron).HasMaxLength(100);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.Currency).HasMaxLength(3);
            e.Property(s => s.Notes).HasMaxLength(4000);
            e.Property(s => s.CreatedBy).HasMaxLength(200);
            e.Ignore(s => s.Lines);
            e.HasOne<Client>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Restrict);
        });

        model.Entity<Recurring.ScheduledInvoice>(e =>
        {
            e.Property(s => s.PeriodKey).HasMaxLength(40);
            // Exactly one invoice per period, across reruns and hosts.
            e.HasIndex(s => new { s.ScheduleId, s.PeriodKey }).IsUnique();
            e.HasOne<Recurring.RecurringSchedule>().WithMany().HasForeignKey(s => s.ScheduleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Invoice>().WithMany().HasForeignKey(s => s.InvoiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<Channels.ChatInboundEvent>(e =>
        {
            e.Property(i => i.Channel).HasMaxLength(20);
            e.Property(i => i.EventId).HasMaxLength(Channels.ChatInboundEvent.MaxEventIdLength);
            e.HasIndex(i => new { i.Channel, i.EventId }).IsUnique();
            // Old entries can be pruned by age; platforms stop retrying within minutes to hours.
            e.HasIndex(i => i.ReceivedAt);
        });
    }

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
