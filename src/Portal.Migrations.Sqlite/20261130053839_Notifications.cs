using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NotificationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Module = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TriggerKind = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false),
                    IncludeActor = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SourceId = table.Column<long>(type: "INTEGER", nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_Users_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationRuleConditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationRuleConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationRuleConditions_NotificationRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "NotificationRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationRuleRecipients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: true),
                    Dynamic = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationRuleRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NotificationRuleRecipients_NotificationRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "NotificationRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "NotificationRules",
                columns: new[] { "Id", "Channels", "CreatedAt", "CreatedById", "IncludeActor", "IsActive", "IsSystem", "Message", "Module", "Name", "Trigger", "TriggerKind", "UpdatedAt", "UpdatedById", "Version" },
                values: new object[,]
                {
                    { 1L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa criada — responsável", "task.created", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 2L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa criada sem responsável — membros do setor", "task.created", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 3L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa atribuída — novo responsável", "task.assigned", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 4L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, "previous_assignee", "tasks", "Tarefa atribuída — responsável anterior", "task.assigned", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 5L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa transferida — acompanhantes", "task.transferred", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 6L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa transferida sem responsável — membros do setor de destino", "task.transferred", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 7L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa editada — responsável e acompanhantes", "task.updated", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 8L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa editada sem responsável — membros do setor e acompanhantes", "task.updated", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 9L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Status alterado — responsável e acompanhantes", "task.status_changed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 10L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Status alterado sem responsável — membros do setor e acompanhantes", "task.status_changed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 11L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa concluída ou reaberta — criador", "task.status_changed", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 12L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Resposta na tarefa — participantes", "task.comment_created", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 13L, 1, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, false, true, true, null, "tasks", "Tarefa excluída — responsável e acompanhantes", "task.deleted", 0, new DateTime(2026, 11, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 }
                });

            migrationBuilder.InsertData(
                table: "NotificationRuleConditions",
                columns: new[] { "Id", "Key", "Operator", "RuleId", "Value" },
                values: new object[,]
                {
                    { 1L, "hasAssignee", "=", 1L, "true" },
                    { 2L, "hasAssignee", "=", 2L, "false" },
                    { 3L, "isPrivate", "=", 2L, "false" },
                    { 4L, "hasAssignee", "=", 6L, "false" },
                    { 5L, "hasAssignee", "=", 7L, "true" },
                    { 6L, "hasAssignee", "=", 8L, "false" },
                    { 7L, "hasAssignee", "=", 9L, "true" },
                    { 8L, "hasAssignee", "=", 10L, "false" },
                    { 9L, "transition", "in", 11L, "completed,reopened" }
                });

            migrationBuilder.InsertData(
                table: "NotificationRuleRecipients",
                columns: new[] { "Id", "Dynamic", "Kind", "RuleId", "TargetId" },
                values: new object[,]
                {
                    { 1L, "assignee", 3, 1L, null },
                    { 2L, "sector_members", 3, 2L, null },
                    { 3L, "assignee", 3, 3L, null },
                    { 4L, "previous_assignee", 3, 4L, null },
                    { 5L, "followers", 3, 5L, null },
                    { 6L, "sector_members", 3, 6L, null },
                    { 7L, "assignee", 3, 7L, null },
                    { 8L, "followers", 3, 7L, null },
                    { 9L, "sector_members", 3, 8L, null },
                    { 10L, "followers", 3, 8L, null },
                    { 11L, "assignee", 3, 9L, null },
                    { 12L, "followers", 3, 9L, null },
                    { 13L, "sector_members", 3, 10L, null },
                    { 14L, "followers", 3, 10L, null },
                    { 15L, "creator", 3, 11L, null },
                    { 16L, "participants", 3, 12L, null },
                    { 17L, "assignee", 3, 13L, null },
                    { 18L, "followers", 3, 13L, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRuleConditions_RuleId",
                table: "NotificationRuleConditions",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRuleRecipients_RuleId",
                table: "NotificationRuleRecipients",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationRules_Trigger_IsActive",
                table: "NotificationRules",
                columns: new[] { "Trigger", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_CreatedAt",
                table: "Notifications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_DedupKey",
                table: "Notifications",
                columns: new[] { "RecipientId", "DedupKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_Id",
                table: "Notifications",
                columns: new[] { "RecipientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_SourceType_SourceId",
                table: "Notifications",
                columns: new[] { "SourceType", "SourceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationRuleConditions");

            migrationBuilder.DropTable(
                name: "NotificationRuleRecipients");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "NotificationRules");
        }
    }
}
