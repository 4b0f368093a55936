using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Clients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Clients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CodeNormalized = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameNormalized = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TradeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TradeNameNormalized = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Document = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    DocumentInvalid = table.Column<bool>(type: "INTEGER", nullable: false),
                    OpeningDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EstablishmentType = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ParentClientId = table.Column<long>(type: "INTEGER", nullable: true),
                    TaxRegime = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BookkeepingCash = table.Column<bool>(type: "INTEGER", nullable: false),
                    BookkeepingAccrual = table.Column<bool>(type: "INTEGER", nullable: false),
                    MainActivityCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    MainActivity = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClientSystem = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Complement = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CredentialsNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeactivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeactivationReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AcessoriasSyncedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clients_Clients_ParentClientId",
                        column: x => x.ParentClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DepartmentTypes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliesToMei = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsRestricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    FieldSet = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClientContacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientContacts_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientCredentials",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    SystemName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Username = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    PasswordEncrypted = table.Column<byte[]>(type: "BLOB", maxLength: 2048, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PasswordUpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PasswordUpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientCredentials_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientPartners",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Qualification = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IsAdministrator = table.Column<bool>(type: "INTEGER", nullable: false),
                    Document = table.Column<string>(type: "TEXT", maxLength: 14, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientPartners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientPartners_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientSystems",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    LookupValueId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientSystems", x => new { x.ClientId, x.LookupValueId });
                    table.ForeignKey(
                        name: "FK_ClientSystems_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientSystems_LookupValues_LookupValueId",
                        column: x => x.LookupValueId,
                        principalTable: "LookupValues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClientDepartmentProfiles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    DepartmentTypeId = table.Column<long>(type: "INTEGER", nullable: false),
                    ResponsibleUserId = table.Column<long>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Particularities = table.Column<string>(type: "TEXT", nullable: true),
                    MovementNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ImportNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ContactNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportControlNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PayrollSendDate = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmployeeRegistration = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    TimeClock = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Payment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDepartmentProfiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientDepartmentProfiles_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientDepartmentProfiles_DepartmentTypes_DepartmentTypeId",
                        column: x => x.DepartmentTypeId,
                        principalTable: "DepartmentTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClientDepartmentProfiles_Users_ResponsibleUserId",
                        column: x => x.ResponsibleUserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ClientContactChannels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientContactChannels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientContactChannels_ClientContacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "ClientContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientDepartmentContacts",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDepartmentContacts", x => new { x.ProfileId, x.ContactId });
                    table.ForeignKey(
                        name: "FK_ClientDepartmentContacts_ClientContacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "ClientContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClientDepartmentContacts_ClientDepartmentProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "ClientDepartmentProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientDepartmentOptions",
                columns: table => new
                {
                    ProfileId = table.Column<long>(type: "INTEGER", nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OptionCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDepartmentOptions", x => new { x.ProfileId, x.Group, x.OptionCode });
                    table.ForeignKey(
                        name: "FK_ClientDepartmentOptions_ClientDepartmentProfiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "ClientDepartmentProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DepartmentTypes",
                columns: new[] { "Id", "AppliesToMei", "Code", "CreatedAt", "CreatedById", "FieldSet", "IsRestricted", "Label", "SortOrder", "UpdatedAt", "UpdatedById", "Version" },
                values: new object[,]
                {
                    { 1L, false, "fiscal", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "Fiscal", false, "Fiscal", 10, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 2L, false, "contabil", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "Contabil", false, "Contábil", 20, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 3L, true, "pessoal", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "Pessoal", false, "Pessoal", 30, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 4L, true, "administrativo", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "TextOnly", false, "Administrativo", 40, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 5L, false, "financeiro", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "TextOnly", true, "Financeiro", 50, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 },
                    { 6L, true, "notas_fiscais", new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, "TextOnly", false, "Notas Fiscais", 60, new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null, 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientContactChannels_ContactId_SortOrder",
                table: "ClientContactChannels",
                columns: new[] { "ContactId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientContacts_ClientId_SortOrder",
                table: "ClientContacts",
                columns: new[] { "ClientId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientCredentials_ClientId_SystemName",
                table: "ClientCredentials",
                columns: new[] { "ClientId", "SystemName" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientDepartmentContacts_ContactId",
                table: "ClientDepartmentContacts",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientDepartmentOptions_Group_OptionCode",
                table: "ClientDepartmentOptions",
                columns: new[] { "Group", "OptionCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientDepartmentProfiles_ClientId_DepartmentTypeId",
                table: "ClientDepartmentProfiles",
                columns: new[] { "ClientId", "DepartmentTypeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientDepartmentProfiles_DepartmentTypeId",
                table: "ClientDepartmentProfiles",
                column: "DepartmentTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientDepartmentProfiles_ResponsibleUserId",
                table: "ClientDepartmentProfiles",
                column: "ResponsibleUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientPartners_ClientId_SortOrder",
                table: "ClientPartners",
                columns: new[] { "ClientId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_CodeNormalized",
                table: "Clients",
                column: "CodeNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Document",
                table: "Clients",
                column: "Document",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_IsActive_CodeNormalized",
                table: "Clients",
                columns: new[] { "IsActive", "CodeNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_IsActive_NameNormalized",
                table: "Clients",
                columns: new[] { "IsActive", "NameNormalized" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_NameNormalized",
                table: "Clients",
                column: "NameNormalized");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ParentClientId",
                table: "Clients",
                column: "ParentClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_TaxRegime",
                table: "Clients",
                column: "TaxRegime");

            migrationBuilder.CreateIndex(
                name: "IX_ClientSystems_LookupValueId",
                table: "ClientSystems",
                column: "LookupValueId");

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentTypes_Code",
                table: "DepartmentTypes",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientContactChannels");

            migrationBuilder.DropTable(
                name: "ClientCredentials");

            migrationBuilder.DropTable(
                name: "ClientDepartmentContacts");

            migrationBuilder.DropTable(
                name: "ClientDepartmentOptions");

            migrationBuilder.DropTable(
                name: "ClientPartners");

            migrationBuilder.DropTable(
                name: "ClientSystems");

            migrationBuilder.DropTable(
                name: "ClientContacts");

            migrationBuilder.DropTable(
                name: "ClientDepartmentProfiles");

            migrationBuilder.DropTable(
                name: "Clients");

            migrationBuilder.DropTable(
                name: "DepartmentTypes");
        }
    }
}
