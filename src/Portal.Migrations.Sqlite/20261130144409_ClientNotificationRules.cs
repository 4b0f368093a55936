using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClientNotificationRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "NotificationRules",
                columns: new[] { "Id", "BusinessDaysOnly", "Channels", "CreatedAt", "CreatedById", "DigestTime", "IncludeActor", "IsActive", "IsSystem", "Message", "Module", "Name", "Trigger", "TriggerKind", "UpdatedAt", "UpdatedById", "Version" },
                values: new object[,]
                {
                    { 201L, false, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "clients", "Responsável de departamento definido — novo responsável", "client.department_responsible_assigned", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 202L, false, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, null, false, true, true, null, "clients", "Cliente desativado — responsáveis pelos departamentos", "client.deactivated", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 }
                });

            migrationBuilder.InsertData(
                table: "NotificationRuleRecipients",
                columns: new[] { "Id", "Dynamic", "Kind", "RuleId", "TargetId" },
                values: new object[,]
                {
                    { 201L, "responsible", 3, 201L, null },
                    { 202L, "department_responsibles", 3, 202L, null }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 201L);

            migrationBuilder.DeleteData(
                table: "NotificationRuleRecipients",
                keyColumn: "Id",
                keyValue: 202L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 201L);

            migrationBuilder.DeleteData(
                table: "NotificationRules",
                keyColumn: "Id",
                keyValue: 202L);
        }
    }
}
