using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBilling.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditActionIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries");
        }
    }
}
