using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBilling.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InboxListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Invoices_ClientId_UpdatedAt_Version",
                table: "Invoices",
                columns: new[] { "ClientId", "UpdatedAt", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_UpdatedAt_Number",
                table: "Invoices",
                columns: new[] { "Status", "UpdatedAt", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_ClientId_UpdatedAt_Version",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_UpdatedAt_Number",
                table: "Invoices");
        }
    }
}
