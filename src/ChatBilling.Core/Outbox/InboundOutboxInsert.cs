using System.Data.Common;
using System.Text;
using System.Text.Json;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Stores a group commit's batch of inbound chat work as one <c>INSERT … ON CONFLICT DO NOTHING RETURNING</c> statement
/// (SQLite 3.35+ and PostgreSQL both speak it), committed on its own. Profiling 200 concurrent Slack clicks showed EF's
/// SaveChanges of a 190-row batch (change tracking, one statement per row, the key look-up before it) as nearly all of
/// an acknowledgement's time; the statement does the same work in one round trip. The unique index on the key is what
/// makes a repeat delivery a no-op, so two hosts storing the same event at once still store it once.
/// Column names and value conversions (ticks on SQLite, the status as text) come from the EF model, so the row is the
/// one <see cref="OutboxWriter"/> would have written.
/// </summary>
internal static class InboundOutboxInsert
{
    private static readonly string[] Columns =
    [
        nameof(OutboxMessage.Id), nameof(OutboxMessage.Kind), nameof(OutboxMessage.Payload), nameof(OutboxMessage.InvoiceId),
        nameof(OutboxMessage.IdempotencyKey), nameof(OutboxMessage.Status), nameof(OutboxMessage.Attempts),
        nameof(OutboxMessage.NextAttemptAt), nameof(OutboxMessage.CreatedAt),
    ];

    /// <summary>Per item, whether it was stored now (false: its key was stored before, or came earlier in this batch).</summary>
    public static async Task<bool[]> InsertAsync(ChatBillingDb db, IReadOnlyList<OutboxItem> items, DateTimeOffset now, CancellationToken ct)
    {
        var added = new bool[items.Count];
        // The first of several items with one key is the one stored; the later ones are repeats, as a second delivery would be.
        var firsts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++) firsts.TryAdd(items[i].IdempotencyKey, i);
        if (firsts.Count == 0) return added;

        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = Columns.Select(c => entity.FindProperty(c)!).ToArray();
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct); // through EF, so its connection interceptors (SQLite's busy timeout) run
        // A raw command passes no command interceptor, so it queues for SQLite's writer here (at the caller's priority).
        var gate = SqliteWriterGate.For(connection);
        if (gate is not null && !await gate.EnterAsync(db, SqliteWriterGate.CurrentPriority, ct)) gate = null;
        try
        {
            await using var command = connection.CreateCommand();
            var text = new StringBuilder("INSERT INTO ").Append(sql.DelimitIdentifier(table.Name, table.Schema))
                .Append(" (").AppendJoin(", ", properties.Select(Column)).Append(") VALUES ");
            var row = 0;
            foreach (var index in firsts.Values)
            {
                var item = items[index];
                // The real clock, as OutboxMessage's own default: ids order the claims, so work is done in the order it came.
                object?[] values =
                [
                    Guid.CreateVersion7(), item.Kind, JsonSerializer.Serialize(item.Payload, OutboxWriter.PayloadJson), item.InvoiceId,
                    item.IdempotencyKey, OutboxStatus.Pending, 0, now, now,
                ];
                text.Append(row == 0 ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var name = sql.GenerateParameterName($"p{row}_{c}");
                    command.Parameters.Add(properties[c].GetRelationalTypeMapping()
                        .CreateParameter(command, name, values[c], properties[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append(sql.GenerateParameterNamePlaceholder($"p{row}_{c}"));
                }
                text.Append(')');
                row++;
            }
            text.Append(" ON CONFLICT (").Append(Column(entity.FindProperty(nameof(OutboxMessage.IdempotencyKey))!))
                .Append(") DO NOTHING RETURNING ").Append(Column(entity.FindProperty(nameof(OutboxMessage.IdempotencyKey))!));
            command.CommandText = text.ToString();

            var stored = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) stored.Add(reader.GetString(0));
            foreach (var (key, index) in firsts) added[index] = stored.Contains(key);
            return added;
        }
        finally
        {
            gate?.Exit(db);
            await db.Database.CloseConnectionAsync();
        }
    }
}
