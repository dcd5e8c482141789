using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBilling.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegrityCoveringDueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_DueDate_ClientId_Currency_Total_AmountPaid_Number_Id",
                table: "Invoices",
                columns: new[] { "Status", "DueDate", "ClientId", "Currency", "Total", "AmountPaid", "Number", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_Status_DueDate_ClientId_Currency_Total_AmountPaid_Number_Id",
                table: "Invoices");

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Status_DueDate",
                table: "Invoices",
                columns: new[] { "Status", "DueDate" });
        }
    }
}
