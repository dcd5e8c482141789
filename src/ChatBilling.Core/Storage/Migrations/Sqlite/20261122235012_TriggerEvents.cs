using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChatBilling.Core.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriggerEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TriggerEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    InvoiceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TriggerEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TriggerEvents_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TriggerEvents_InvoiceId",
                table: "TriggerEvents",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_TriggerEvents_Source_EventId",
                table: "TriggerEvents",
                columns: new[] { "Source", "EventId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TriggerEvents");
        }
    }
}
