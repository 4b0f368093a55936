using Microsoft.Extensions.DependencyInjection;
using Portal.Features.Tasks;
using Portal.Platform.Data;
using Portal.Platform.Settings;
using Portal.Tests.Infrastructure;
using static Portal.Tests.Admin.AccessTestData;
using static Portal.Tests.Tasks.TaskTestData;

namespace Portal.Tests.Tasks;

/// <summary>The size of the Concluída column is a setting (tasks.md §5: 5 by default, 0–50).</summary>
public sealed class TaskBoardSettingsTests
{
    [Theory]
    [InlineData("2", 2)]
    [InlineData("0", 0)]
    [InlineData("80", 50)]
    public async Task The_Concluida_column_shows_as_many_completions_as_the_setting_says(string value, int shown)
    {
        await using var app = await PortalApp.StartAsync(DatabaseKind.Sqlite);
        var users = new TestUsers(app);
        await users.EnsureAdministratorAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDb>();
            db.SystemSettings.Add(new SystemSetting { Key = TaskQueries.DoneColumnSizeKey, Value = value, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            sp.GetRequiredService<SettingsService>().Invalidate();
        });
        var sector = await SectorAsync(app);
        var member = await users.CreateAsync(roles: ["Colaborador"], sectors: [sector.Name]);
        await InsertAsync(app, Enumerable.Range(0, 60).Select(i =>
            NewTask($"Feita {i}", member.Id, sector.Id, TaskItemStatus.Done, completedAt: DateTime.UtcNow.AddMinutes(-i))));

        using var client = await users.LoginAsync(member);
        var doc = await PageAsync(client, $"/tarefas/setor/{sector.Id}");
        Assert.Equal("Concluída (60)", ColumnTitle(doc, TaskItemStatus.Done));
        Assert.Equal(shown, CardIds(Column(doc, TaskItemStatus.Done)).Count);
        Assert.Contains($"Ver histórico ({60 - shown})", Text(doc));
    }
}
