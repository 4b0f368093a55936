using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotificationDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BusinessDaysOnly",
                table: "NotificationRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "DigestTime",
                table: "NotificationRules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DigestRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestRuns_NotificationRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "NotificationRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 1L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 2L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 3L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 4L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 5L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 6L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 7L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 8L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 9L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 10L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 11L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 12L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.UpdateData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 13L,
                columns: new[] { "BusinessDaysOnly", "DigestTime" },
                values: new object[] { false, null });

            migrationBuilder.InsertData(
                table: "NotificationRules",
                columns: new[] { "Id", "BusinessDaysOnly", "Channels", "CreatedAt", "CreatedById", "DigestTime", "IncludeActor", "IsActive", "IsSystem", "Message", "Module", "Name", "Trigger", "TriggerKind", "UpdatedAt", "UpdatedById", "Version" },
                values: new object[,]
                {
                    { 101L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Backup falhou", "system.backup_failed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 102L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Backup concluído com avisos", "system.backup_warning", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 103L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, false, true, null, "system", "Backup concluído", "system.backup_succeeded", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 104L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Certificado perto de vencer", "system.certificate_expiring", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 105L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Renovação do certificado falhou", "system.certificate_renewal_failed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 106L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Tarefa agendada falhou", "system.job_failed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 107L, false, 3, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "Falha de autenticação em integração", "system.integration_auth_failed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 108L, false, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "system", "E-mail não enviado", "system.email_failed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 }
                });

            migrationBuilder.InsertData(
                table: "NotificationRuleRecipients",
                columns: new[] { "Id", "Dynamic", "Kind", "RuleId", "TargetId" },
                values: new object[,]
                {
                    { 101L, "permission_holders:system.health", 3, 101L, null },
                    { 102L, "permission_holders:system.health", 3, 102L, null },
                    { 103L, "permission_holders:system.health", 3, 103L, null },
                    { 104L, "permission_holders:system.health", 3, 104L, null },
                    { 105L, "permission_holders:system.health", 3, 105L, null },
                    { 106L, "permission_holders:system.health", 3, 106L, null },
                    { 107L, "permission_holders:system.health", 3, 107L, null },
                    { 108L, "permission_holders:system.health", 3, 108L, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRules_TriggerKind_IsActive",
                table: "NotificationRules",
                columns: new[] { "TriggerKind", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_DigestRuns_RuleId_RunDate",
                table: "DigestRuns",
                columns: new[] { "RuleId", "RunDate" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestRuns");

            migrationBuilder.DropIndex(
                name: "IX_NotificationRules_TriggerKind_IsActive",
                table: "NotificationRules");

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 101L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 102L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 103L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 104L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 105L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 106L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 107L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 108L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 101L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 102L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 103L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 104L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 105L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 106L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 107L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 108L);

            migrationBuilder.DropColumn(
                name: "BusinessDaysOnly",
                table: "NotificationRules");

            migrationBuilder.DropColumn(
                name: "DigestTime",
                table: "NotificationRules");
        }
    }
}
