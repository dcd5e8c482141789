using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChatBilling.Core.Storage;

/// <summary>
/// Lets SQLite itself wait for a competing writer (in fine steps) instead of failing fast and leaving the retry to
/// the driver's coarser loop; the outbox benchmark showed contended writers finishing several times sooner.
/// Writers of this process queue in <see cref="SqliteWriterGate"/> first and rarely meet a busy lock; this stays as the
/// fallback for writers in other processes (another host on the same file, a CLI).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(ct);
    }
}
