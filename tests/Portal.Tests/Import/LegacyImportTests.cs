using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Features.Notifications;
using Portal.Features.Tasks;
using Portal.Platform.Audit;
using Portal.Platform.Data;
using Portal.Platform.Identity;
using Portal.Platform.Ops.Import;
using Portal.Platform.Text;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Import;

/// <summary>OPS-19/20/21 and issue 8: import of a faithful source database of the original portal.</summary>
public abstract class LegacyImportTests(ImportedPortal portal)
{
    private PortalApp App => portal.App;

    private static EntityReport Entity(ImportOutcome outcome, string prefix) =>
        outcome.Report.Entities.Single(e => e.Entity.StartsWith(prefix, StringComparison.Ordinal));

    [Fact]
    public void Dry_run_reports_everything_and_leaves_the_target_unchanged()
    {
        Assert.True(portal.DryRun.Succeeded, portal.DryRun.Report.Error);
        Assert.Null(portal.DryRun.RunId);
        Assert.Equal(portal.BeforeDryRun, portal.AfterDryRun);
        Assert.Equal(5, Entity(portal.DryRun, "tasks").Imported);
        Assert.Equal(5, Entity(portal.DryRun, "tbl_empresas").Imported);
        Assert.Equal(1, Entity(portal.DryRun, "task_attachments").Imported); // checked, not copied
        Assert.Contains(portal.DryRun.Report.UnknownTables, t => t == "dashboards_backup");
        Assert.Equal(portal.FilesOnDiskBeforeDryRun, portal.FilesOnDiskAfterDryRun);
    }

    [Fact]
    public void Real_run_counts_match_the_report_and_the_target()
    {
        var r = portal.First;
        Assert.True(r.Succeeded, r.Report.Error);
        Assert.NotNull(r.RunId);
        var before = portal.AfterDryRun;
        var after = portal.AfterFirst;
        Assert.Equal(6, Entity(r, "users").Source);
        Assert.Equal(before.Users + Entity(r, "users").Imported, after.Users);
        Assert.Equal(6, Entity(r, "users").Imported);
        Assert.Equal(before.Clients + 5, after.Clients);
        Assert.Equal(5, Entity(r, "tbl_empresas").Imported);
        Assert.Equal(1, Entity(r, "tbl_empresas").Skipped); // no document
        Assert.Equal(before.Tasks + 5, after.Tasks);
        Assert.Equal(before.Comments + 2, after.Comments);
        Assert.Equal(before.History + 3, after.History);
        Assert.Equal(before.Notifications + 1, after.Notifications);
        Assert.Equal(2, Entity(r, "task_notifications").Skipped);
        Assert.Equal(before.Audit + 2 + 1, after.Audit); // two imported entries + the run's own entry
        Assert.Equal(before.Files + 4, after.Files); // the attachment, and the PDF, image and inline image of rich text
        Assert.Equal(before.Credentials + 2, after.Credentials);
        Assert.Equal(before.Runs + 1, after.Runs);
    }

    [Fact]
    public void Second_run_imports_nothing_twice()
    {
        Assert.True(portal.Second.Succeeded, portal.Second.Report.Error);
        Assert.All(portal.Second.Report.Entities, e => Assert.Equal(0, e.Imported));
        var first = portal.AfterFirst;
        var second = portal.AfterSecond;
        Assert.Equal(first with { Audit = 0, Runs = 0 }, second with { Audit = 0, Runs = 0 });
        Assert.Equal(first.Audit + 1, second.Audit); // only the second run's own audit entry
    }

    [Fact]
    public async Task Users_keep_their_werkzeug_hashes_and_sign_in_with_the_old_passwords()
    {
        using (var scrypt = App.NewClient())
        {
            var response = await scrypt.LoginAsync("maria@escritorio.com.br", LegacyTestData.ScryptPassword);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        using (var pbkdf2 = App.NewClient())
        {
            var response = await pbkdf2.LoginAsync("joao@escritorio.com.br", LegacyTestData.Pbkdf2Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        using (var wrong = App.NewClient())
        {
            var response = await wrong.LoginAsync("joao@escritorio.com.br", "senha errada");
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        }
        await App.WithDbAsync(async db =>
        {
            var maria = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.Email == "maria@escritorio.com.br");
            Assert.False(new PasswordHashing().IsLegacy(maria.PasswordHash!)); // rehashed at the first sign-in
            Assert.Contains(maria.Roles, r => r.Role.IsAdministrator);
            var joao = await db.Users.SingleAsync(u => u.Username == "joao.fiscal");
            Assert.Equal("google-sub-joao", joao.GoogleSubject);
            Assert.Equal("João da Silva", joao.FullName);
            var ana = await db.Users.SingleAsync(u => u.Username == "ana.contabil");
            Assert.False(ana.IsActive);
            Assert.EndsWith("@" + IdentityImportStep.PlaceholderDomain, ana.Email, StringComparison.Ordinal);
            var carla = await db.Users.SingleAsync(u => u.Username == "carla");
            Assert.False(carla.IsActive);
            var pedro = await db.Users.Include(u => u.Roles).ThenInclude(r => r.Role).SingleAsync(u => u.Username == "pedro.diretor");
            Assert.Null(pedro.PasswordHash);
            Assert.Contains(pedro.Roles, r => r.Role.IsAdministrator); // is_master
            Assert.False((await db.Users.SingleAsync(u => u.Username == "ex.funcionario")).IsActive);
        });
        Assert.Contains("ana.contabil", portal.First.Report.UsersWithoutEmail);
    }

    [Fact]
    public async Task Tags_become_sectors_and_roles_with_their_members_and_report_permissions_become_grants()
    {
        await App.WithDbAsync(async db =>
        {
            var fiscal = await db.Sectors.Include(s => s.Members).SingleAsync(s => s.NameNormalized == TextNormalizer.Key("Fiscal"));
            var joao = await db.Users.SingleAsync(u => u.Username == "joao.fiscal");
            Assert.Contains(fiscal.Members, m => m.UserId == joao.Id);
            var juridico = await db.Sectors.SingleAsync(s => s.NameNormalized == TextNormalizer.Key("Jurídico"));
            Assert.False(juridico.HasTaskBoard);
            Assert.False(await db.Sectors.AnyAsync(s => s.Name.StartsWith("__personal__")));

            // OPS-21: a tag mapped to Papel creates a role with the tag's members.
            var gestao = await db.Roles.Include(r => r.Members).SingleAsync(r => r.NameNormalized == TextNormalizer.Key("Gestão"));
            Assert.Contains(gestao.Members, m => m.UserId == joao.Id);
            Assert.True(await db.PermissionGrants.AnyAsync(g => g.RoleId == gestao.Id && g.PermissionCode == "procedures.manage"));
            // A permission-group tag brings the grants the wizard proposes for it (accepted by default).
            var gestaoGrants = await db.PermissionGrants.Where(g => g.RoleId == gestao.Id).Select(g => g.PermissionCode).ToListAsync();
            Assert.Contains("agenda.manage", gestaoGrants);
            Assert.Contains("agenda.manage_any", gestaoGrants);
            var meeting = await db.Roles.Include(r => r.Members).SingleAsync(r => r.Name == "Somente Sala de Reuniões");
            var carla = await db.Users.SingleAsync(u => u.Username == "carla");
            Assert.Contains(meeting.Members, m => m.UserId == carla.Id);

            // OPS-21: a report permission granted to one user → "Permissões individuais – <username>".
            var personal = await db.Roles.Include(r => r.Members).SingleAsync(r => r.Name == "Permissões individuais – joao.fiscal");
            Assert.Equal([joao.Id], personal.Members.Select(m => m.UserId));
            Assert.True(await db.PermissionGrants.AnyAsync(g => g.RoleId == personal.Id && g.PermissionCode == "announcements.manage"));

            // Wizard step 3: a rule the original hard-coded for named people becomes a role with the grant.
            var societario = await db.Roles.Include(r => r.Members).SingleAsync(r => r.Name == "Acesso ao Societário (importado)");
            Assert.Equal([joao.Id], societario.Members.Select(m => m.UserId));
            Assert.True(await db.PermissionGrants.AnyAsync(g => g.RoleId == societario.Id && g.PermissionCode == "societario.access"));
        });
        Assert.Contains(Entity(portal.First, "regras").Warnings, w => w.Contains("ninguem", StringComparison.Ordinal));
        Assert.Contains(Entity(portal.First, "tags").Warnings, w => w.Contains("Gestão", StringComparison.Ordinal) && w.Contains("agenda.manage", StringComparison.Ordinal));
        Assert.Contains(Entity(portal.First, "report_permissions").Warnings, w => w.Contains("reports.view:clients", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clients_bring_dirty_data_in_with_warnings_and_encrypted_credentials()
    {
        var warnings = Entity(portal.First, "tbl_empresas").Warnings;
        await App.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            var vault = sp.GetRequiredService<IDataProtectionProvider>().CreateProtector(CredentialVault.Purpose);
            var padaria = await db.Clients().Include(c => c.Credentials).Include(c => c.Contacts).ThenInclude(c => c.Channels)
                .Include(c => c.Partners).Include(c => c.Systems).SingleAsync(c => c.Document == LegacyTestData.ValidCnpj);
            Assert.Equal("100", padaria.Code);
            Assert.Equal(ClientDocumentType.CNPJ, padaria.DocumentType);
            Assert.Equal(TaxRegime.SimplesNacional, padaria.TaxRegime);
            Assert.True(padaria.BookkeepingCash);
            Assert.Equal(new DateOnly(2015, 3, 10), padaria.OpeningDate);
            Assert.Equal(2, padaria.Systems.Count);
            Assert.Contains(warnings, w => w.Contains("SISTEMA_X", StringComparison.Ordinal));
            Assert.Equal("José Padeiro", Assert.Single(padaria.Partners).Name);
            var rosa = padaria.Contacts.Single(c => c.Name == "Rosa");
            Assert.Contains(rosa.Channels, c => c.Type == ContactChannelType.Email && c.Value == "rosa@padaria.com.br");
            var prefeitura = Assert.Single(padaria.Credentials);
            Assert.Equal("padaria", prefeitura.Username);
            Assert.Equal(LegacyTestData.PortalPassword, System.Text.Encoding.UTF8.GetString(vault.Unprotect(prefeitura.PasswordEncrypted!)));

            var branch = await db.Clients().SingleAsync(c => c.Document == LegacyTestData.BranchCnpj);
            Assert.Equal("100-2", branch.Code); // duplicate code suffixed
            Assert.Equal(EstablishmentType.Filial, branch.EstablishmentType);
            Assert.Equal(padaria.Id, branch.ParentClientId);
            Assert.Contains(warnings, w => w.Contains("100-2", StringComparison.Ordinal));

            var mercado = await db.Clients().Include(c => c.Credentials).SingleAsync(c => c.Document == LegacyTestData.InvalidCnpj);
            Assert.True(mercado.DocumentInvalid);
            Assert.Equal(TaxRegime.LucroPresumido, mercado.TaxRegime);
            Assert.StartsWith(LegacyImportContext.NotInterpretedPrefix + "regime_lancamento", mercado.Notes, StringComparison.Ordinal);
            // A Fernet token in the original is decrypted with the legacy key and re-encrypted with the portal's.
            Assert.Equal(LegacyTestData.EncryptedPortalPassword, System.Text.Encoding.UTF8.GetString(vault.Unprotect(Assert.Single(mercado.Credentials).PasswordEncrypted!)));

            var mei = await db.Clients().SingleAsync(c => c.Document == LegacyTestData.ValidCpf);
            Assert.Equal(ClientDocumentType.CPF, mei.DocumentType);
            Assert.Equal(TaxRegime.MEI, mei.TaxRegime);
            Assert.Equal(EstablishmentType.Matriz, mei.EstablishmentType);

            var orphan = await db.Clients().Include(c => c.Contacts).SingleAsync(c => c.Document == LegacyTestData.OrphanBranchCnpj);
            Assert.Null(orphan.ParentClientId);
            Assert.Contains(ClientsLegacyImport.UnlinkedBranch, orphan.Notes, StringComparison.Ordinal);
            Assert.Contains("contatos", orphan.Notes, StringComparison.Ordinal);
            Assert.True(orphan.BookkeepingAccrual);

            var profiles = await db.DepartmentProfiles().Include(p => p.DepartmentType).Where(p => p.ClientId == padaria.Id).ToListAsync();
            var joao = await db.Users.SingleAsync(u => u.Username == "joao.fiscal");
            Assert.Equal(joao.Id, profiles.Single(p => p.DepartmentType.Code == "fiscal").ResponsibleUserId);
            var pessoal = profiles.Single(p => p.DepartmentType.Code == "pessoal");
            Assert.Equal("Versão nova", pessoal.Description); // the most recently updated row wins
            Assert.Equal("Folha até o dia 5", pessoal.Particularities);
            // departamentos.contatos: "ROSA" is the client's Rosa; Carlos joins the client's contacts; both deal with Fiscal.
            var carlos = padaria.Contacts.Single(c => c.Name == "Carlos Contábil");
            Assert.Contains(carlos.Channels, c => c.Type == ContactChannelType.Email && c.Value == "carlos@padaria.com.br");
            Assert.Equal(2, padaria.Contacts.Count);
            var fiscalId = profiles.Single(p => p.DepartmentType.Code == "fiscal").Id;
            var fiscalContacts = await db.Set<ClientDepartmentContact>().Where(c => c.ProfileId == fiscalId)
                .Select(c => c.ContactId).ToListAsync();
            Assert.Equal(new[] { rosa.Id, carlos.Id }.Order(), fiscalContacts.Order());
            Assert.Contains(LegacyImportContext.NotInterpretedPrefix, pessoal.ContactNotes, StringComparison.Ordinal);
        });
        Assert.Contains(warnings, w => w.Contains("dígitos verificadores", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("#6", StringComparison.Ordinal));
        Assert.Contains(Entity(portal.First, "departamentos").Warnings, w => w.Contains("#2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tasks_keep_structure_people_and_times_converted_from_sao_paulo()
    {
        await App.WithDbAsync(async db =>
        {
            var joao = await db.Users.SingleAsync(u => u.Username == "joao.fiscal");
            var icms = await db.Tasks.SingleAsync(t => t.Title == "Apurar ICMS outubro");
            Assert.Equal(new DateTime(2025, 10, 1, 12, 0, 0, DateTimeKind.Utc), icms.CreatedAt); // 01/10/2025 09:00 São Paulo
            Assert.Equal(TaskPriority.High, icms.Priority);
            Assert.Equal(TaskItemStatus.Pending, icms.Status);
            Assert.Equal(joao.Id, icms.CreatorId);
            Assert.Equal(joao.Id, icms.AssigneeId);
            Assert.Equal(new DateOnly(2025, 10, 20), icms.DueDate);
            Assert.False(icms.IsPrivate);
            var fiscal = await db.Sectors.SingleAsync(s => s.NameNormalized == TextNormalizer.Key("Fiscal"));
            Assert.Equal(fiscal.Id, icms.SectorId);
            Assert.Equal(icms.Id, icms.RootId);
            Assert.Contains("saída", icms.Description, StringComparison.Ordinal);

            var child = await db.Tasks.SingleAsync(t => t.Title == "Separar notas");
            Assert.Equal(icms.Id, child.ParentId);
            Assert.Equal(1, child.Depth);
            Assert.Equal(icms.Id, child.RootId);
            Assert.Equal(TaskItemStatus.InProgress, child.Status);
            Assert.Equal(new DateTime(2025, 10, 2, 12, 0, 0, DateTimeKind.Utc), child.StartedAt);

            var personal = await db.Tasks.SingleAsync(t => t.Title == "Lembrete pessoal");
            Assert.True(personal.IsPrivate);
            Assert.Null(personal.SectorId);
            Assert.Equal(TaskItemStatus.Done, personal.Status);
            Assert.Equal(new DateTime(2025, 9, 2, 11, 0, 0, DateTimeKind.Utc), personal.CompletedAt);

            var balancete = await db.Tasks.SingleAsync(t => t.Title == "Balancete setembro");
            Assert.Null(balancete.ParentId); // its parent never existed
            Assert.DoesNotContain("script", balancete.Description, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("balancete</", balancete.Description, StringComparison.Ordinal); // markup kept, re-sanitized

            var orphanAuthor = await db.Tasks.SingleAsync(t => t.Title == "Tarefa de autor removido");
            Assert.Equal(portal.Users.Administrator.Id, orphanAuthor.CreatorId);

            Assert.Equal(2, await db.TaskComments.CountAsync(c => c.TaskId == icms.Id));
            Assert.True(await db.TaskFollowers.AnyAsync(f => f.TaskId == icms.Id));
            Assert.Equal(new DateTime(2025, 10, 1, 14, 31, 0, DateTimeKind.Utc), (await db.TaskReadStates.SingleAsync(r => r.TaskId == icms.Id && r.UserId == joao.Id)).LastReadAt);
            var history = await db.TaskHistory.Where(h => h.TaskId == icms.Id).OrderBy(h => h.At).ToListAsync();
            Assert.Equal(TaskHistoryKind.Created, history[0].Kind);
            Assert.Equal("Apurar ICMS outubro", history[1].NewValue);
            var file = await db.StoredFiles.SingleAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == icms.Id);
            Assert.Equal("Guia ICMS.pdf", file.OriginalName);
        });
        Assert.Contains(Entity(portal.First, "task_attachments").Warnings, w => w.Contains("sumiu.pdf", StringComparison.Ordinal));
        Assert.Contains(Entity(portal.First, "tasks").Warnings, w => w.Contains("99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rich_text_links_to_the_old_uploads_point_at_stored_copies_and_inline_images_become_files()
    {
        var (description, comment) = await App.WithDbAsync(async db =>
        {
            var balancete = await db.Tasks.SingleAsync(t => t.Title == "Balancete setembro");
            var icms = await db.Tasks.SingleAsync(t => t.Title == "Apurar ICMS outubro");
            var body = await db.TaskComments.Where(c => c.TaskId == icms.Id && c.Body!.Contains("manual")).Select(c => c.Body).SingleAsync();
            return (balancete.Description!, body!);
        });
        Assert.DoesNotContain("uploads", description, StringComparison.Ordinal);
        Assert.DoesNotContain("data:", description, StringComparison.Ordinal);
        var manual = System.Text.RegularExpressions.Regex.Match(description, "href=\"(/arquivos/[0-9a-f-]{36})\"[^>]*>manual<");
        Assert.True(manual.Success, description);
        Assert.Contains($"href=\"{manual.Groups[1].Value}\"", comment, StringComparison.Ordinal); // the same file, stored once
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(description, "<img src=\"/arquivos/[0-9a-f-]{36}\""));
        Assert.Contains("modelo", description, StringComparison.Ordinal); // missing file: the text stays, the link goes
        Assert.DoesNotContain("sumiu.docx", description, StringComparison.Ordinal);
        Assert.Contains(Entity(portal.First, "tasks").Warnings, w => w.Contains("docs/sumiu.docx", StringComparison.Ordinal));
        Assert.Contains(Entity(portal.DryRun, "tasks").Warnings, w => w.Contains("docs/sumiu.docx", StringComparison.Ordinal));

        using var anonymous = App.NewClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(manual.Groups[1].Value)).StatusCode);
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var pdf = await admin.GetAsync(manual.Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains("% manual", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Imported_attachments_are_served_only_through_authorized_endpoints()
    {
        var (taskId, fileId) = await App.WithDbAsync(async db =>
        {
            var icms = await db.Tasks.SingleAsync(t => t.Title == "Apurar ICMS outubro");
            var file = await db.StoredFiles.SingleAsync(f => f.OwnerType == TaskService.FileOwnerType && f.OwnerId == icms.Id);
            return (icms.Id, file.Id);
        });
        using var anonymous = App.NewClient();
        var response = await anonymous.GetAsync($"/arquivos/{fileId}");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        using var admin = await portal.Users.LoginAsync(portal.Users.Administrator);
        var page = await admin.GetAsync($"/tarefas/{taskId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Only_recent_unread_notifications_come_over_with_links_to_the_imported_task()
    {
        await App.WithDbAsync(async db =>
        {
            var joao = await db.Users.SingleAsync(u => u.Username == "joao.fiscal");
            var icms = await db.Tasks.SingleAsync(t => t.Title == "Apurar ICMS outubro");
            var n = await db.Notifications.SingleAsync(x => x.RecipientId == joao.Id && x.DedupKey.StartsWith("legacy:"));
            Assert.Equal("task.comment_created", n.EventType);
            Assert.Equal($"/tarefas/{icms.Id}", n.Link);
            Assert.Null(n.ReadAt);
        });
    }

    [Fact]
    public async Task Audit_entries_are_imported_on_the_import_channel_without_passwords()
    {
        await App.WithDbAsync(async db =>
        {
            var imported = await db.AuditEntries.Where(a => a.Channel == AuditChannels.Import && a.Action != "legacy_import").OrderBy(a => a.OccurredAt).ToListAsync();
            Assert.Equal(2, imported.Count);
            Assert.Equal(new DateTime(2025, 10, 1, 12, 0, 0, DateTimeKind.Utc), imported[0].OccurredAt);
            Assert.Equal("maria.admin", imported[0].ActorName);
            Assert.Contains(AuditImportStep.Redacted, imported[0].ChangesJson, StringComparison.Ordinal);
            var changes = AuditLog.ParseChanges(imported[0].ChangesJson);
            Assert.Contains(changes, c => c.Field == "nome_empresa" && c.Old == "Padaria" && c.New == "Padaria Pão Quente Ltda");
            Assert.Contains(changes, c => c.Field == "password" && c.New == AuditImportStep.Redacted);
            var run = await db.AuditEntries.SingleAsync(a => a.Action == "legacy_import" && a.ResourceId == portal.First.RunId.ToString());
            Assert.Equal(AuditChannels.Import, run.Channel);
        });
    }

    [Fact]
    public async Task No_password_or_decrypted_secret_appears_in_logs_reports_audit_or_the_database()
    {
        var texts = new List<string> { App.ReadLogs(), portal.DryRun.Report.ToText(), portal.First.Report.ToText(), portal.Second.Report.ToText(),
            JsonSerializer.Serialize(portal.First.Report) };
        texts.AddRange(await App.WithDbAsync(async db =>
        {
            var audit = await db.AuditEntries.Select(a => (a.Summary ?? "") + "|" + (a.ChangesJson ?? "") + "|" + (a.ResourceLabel ?? "")).ToListAsync();
            var reports = await db.LegacyImportRuns.Select(r => r.ReportJson).ToListAsync();
            var clients = await db.Clients().Select(c => (c.Notes ?? "") + "|" + (c.CredentialsNotes ?? "")).ToListAsync();
            var credentials = await db.ClientCredentials().Select(c => (c.Notes ?? "") + "|" + (c.Username ?? "")).ToListAsync();
            return audit.Concat(reports).Concat(clients).Concat(credentials).ToList();
        }));
        if (App.Provider == DatabaseKind.Sqlite)
        {
            await App.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
            foreach (var file in Directory.GetFiles(App.DataPath, "portal.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                texts.Add(await reader.ReadToEndAsync());
            }
        }
        foreach (var secret in LegacyTestData.Secrets)
        {
            var latin1 = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes(secret));
            Assert.All(texts, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
            Assert.All(texts, t => Assert.DoesNotContain(latin1, t, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_input_gives_a_clear_message_and_writes_nothing()
    {
        var before = await portal.CountAsync();
        var missing = await portal.RunAsync(dryRun: false, source: Path.Combine(App.DataPath, "nao-existe.db"));
        Assert.Contains("não encontrado", missing.Report.Error, StringComparison.Ordinal);
        var badKey = await portal.RunAsync(dryRun: false, key: "curta");
        Assert.Contains("Chave do portal original inválida", badKey.Report.Error, StringComparison.Ordinal);
        var badUploads = await portal.RunAsync(dryRun: false, uploads: Path.Combine(App.DataPath, "sem-pasta"));
        Assert.Contains("Pasta de uploads", badUploads.Report.Error, StringComparison.Ordinal);
        Assert.Equal(before, await portal.CountAsync());
    }

    [Fact]
    public async Task Update_refreshes_already_imported_rows_without_duplicating()
    {
        var before = await portal.CountAsync();
        var update = await portal.RunAsync(dryRun: false, update: true);
        Assert.True(update.Succeeded, update.Report.Error);
        Assert.Equal(5, Entity(update, "tasks").Updated);
        Assert.All(update.Report.Entities, e => Assert.Equal(0, e.Imported));
        var after = await portal.CountAsync();
        Assert.Equal(before with { Audit = 0, Runs = 0 }, after with { Audit = 0, Runs = 0 });
    }
}

public sealed class LegacyImportTestsSqlite(ImportedSqlitePortal portal) : LegacyImportTests(portal), IClassFixture<ImportedSqlitePortal>;

public sealed class LegacyImportTestsMySql(ImportedMySqlPortal portal) : LegacyImportTests(portal), IClassFixture<ImportedMySqlPortal>;
