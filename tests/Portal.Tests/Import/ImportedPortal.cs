using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Clients;
using Portal.Features.Notifications;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Platform.Ops.Import;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Import;

/// <summary>
/// A fresh portal (empty database plus its administrator) and a source database of the original, imported three
/// times: dry run, real run, and again (must add nothing). Facts assert on the outcomes.
/// </summary>
public abstract class ImportedPortal(DatabaseKind provider) : IAsyncLifetime
{
    public PortalApp App { get; private set; } = null!;
    public TestUsers Users { get; private set; } = null!;
    public LegacySourceDatabase Source { get; private set; } = null!;
    public string Uploads { get; private set; } = "";
    public ImportOutcome DryRun { get; private set; } = null!;
    public ImportOutcome First { get; private set; } = null!;
    public ImportOutcome Second { get; private set; } = null!;
    public int FilesOnDiskBeforeDryRun { get; private set; }
    public int FilesOnDiskAfterDryRun { get; private set; }

    private int FilesOnDisk()
    {
        var files = Path.Combine(App.DataPath, "files");
        return Directory.Exists(files) ? Directory.EnumerateFiles(files, "*", SearchOption.AllDirectories).Count() : 0;
    }
    public Counts BeforeDryRun { get; private set; } = null!;
    public Counts AfterDryRun { get; private set; } = null!;
    public Counts AfterFirst { get; private set; } = null!;
    public Counts AfterSecond { get; private set; } = null!;

    public sealed record Counts(int Users, int Sectors, int Roles, int Grants, int Clients, int Credentials, int Tasks, int Comments,
        int History, int Notifications, int Audit, int Files, int Map, int Runs);

    public async Task InitializeAsync()
    {
        App = await PortalApp.StartAsync(provider);
        Users = new TestUsers(App);
        await Users.EnsureAdministratorAsync();
        Source = await LegacySourceDatabase.CreateAsync(provider);
        Uploads = Path.Combine(App.DataPath, "legacy-uploads");
        await LegacyTestData.FillAsync(Source, Uploads);

        BeforeDryRun = await CountAsync();
        FilesOnDiskBeforeDryRun = FilesOnDisk();
        DryRun = await RunAsync(dryRun: true);
        AfterDryRun = await CountAsync();
        FilesOnDiskAfterDryRun = FilesOnDisk();
        First = await RunAsync(dryRun: false);
        AfterFirst = await CountAsync();
        Second = await RunAsync(dryRun: false);
        AfterSecond = await CountAsync();
    }

    public async Task<ImportOutcome> RunAsync(bool dryRun, string? source = null, string? key = LegacyTestData.LegacyKey, string? uploads = null, bool update = false)
    {
        ImportOutcome? outcome = null;
        await App.WithScopeAsync(async sp =>
        {
            var options = new LegacyImportOptions(source ?? Source.ConnectionString, uploads ?? Uploads, key, dryRun, update,
                PersonRules: new Dictionary<string, IReadOnlyList<string>> { ["societario.access"] = ["joao.fiscal", "ninguem"] });
            outcome = await sp.GetRequiredService<LegacyImporter>().RunAsync(options, Users.Administrator.Id);
        });
        return outcome!;
    }

    public Task<Counts> CountAsync() => App.WithDbAsync(async db => new Counts(
        await db.Users.CountAsync(), await db.Sectors.CountAsync(), await db.Roles.CountAsync(), await db.PermissionGrants.CountAsync(),
        await db.Clients().CountAsync(), await db.ClientCredentials().CountAsync(), await db.Tasks.CountAsync(), await db.TaskComments.CountAsync(),
        await db.TaskHistory.CountAsync(), await db.Notifications.CountAsync(), await db.AuditEntries.CountAsync(), await db.StoredFiles.CountAsync(),
        await db.LegacyImportMap.CountAsync(), await db.LegacyImportRuns.CountAsync()));

    public async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await App.DisposeAsync();
    }
}

public sealed class ImportedSqlitePortal() : ImportedPortal(DatabaseKind.Sqlite);

public sealed class ImportedMySqlPortal() : ImportedPortal(DatabaseKind.MySql);
