using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateRenewals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificateRenewals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysLeftBefore = table.Column<int>(type: "INTEGER", nullable: true),
                    PreviousThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NewThumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NewNotAfter = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateRenewals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificateRenewals_StartedAt",
                table: "CertificateRenewals",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateRenewals");
        }
    }
}
