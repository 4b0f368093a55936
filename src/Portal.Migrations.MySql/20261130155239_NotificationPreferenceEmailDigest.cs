using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.MySql
{
    /// <inheritdoc />
    public partial class NotificationPreferenceEmailDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EmailDigest",
                table: "NotificationPreferences",
                type: "tinyint(1)",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmailDigest",
                table: "NotificationPreferences");
        }
    }
}
