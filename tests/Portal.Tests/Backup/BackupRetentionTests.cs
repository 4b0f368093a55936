using System.Globalization;
using Portal.Platform.Ops.Backup;
using Portal.Platform.Time;

namespace Portal.Tests.Backup;

/// <summary>Retention (operations.md §8.1 step 10, OPS-08) and the schedule setting; no database involved.</summary>
public sealed class BackupRetentionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("portal-ret-").FullName;
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private string Archive(int daysAgo)
    {
        var local = SaoPaulo.FromUtc(Now.AddDays(-daysAgo));
        var file = Path.Combine(_folder, $"{BackupService.FilePrefix}{local.ToString(BackupService.TimestampFormat, CultureInfo.InvariantCulture)}.zip");
        File.WriteAllText(file, "zip");
        return file;
    }

    [Fact]
    public void Older_than_retention_is_deleted_and_younger_kept()
    {
        var old = Archive(31);
        var young = Archive(29);
        var unrelated = Path.Combine(_folder, "notas.zip");
        File.WriteAllText(unrelated, "não é backup");

        var deleted = BackupService.ApplyRetention(_folder, Now, 30);

        Assert.Equal([old], deleted);
        Assert.False(File.Exists(old));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public void The_newest_backup_is_kept_even_when_older_than_retention()
    {
        var older = Archive(45);
        var newest = Archive(40);
        BackupService.ApplyRetention(_folder, Now, 30);
        Assert.False(File.Exists(older));
        Assert.True(File.Exists(newest));
    }

    [Theory]
    [InlineData("weekly Sun 02:00", "0 0 2 ? * SUN", "semanalmente, domingo às 02:00")]
    [InlineData("weekly wed 23:30", "0 30 23 ? * WED", "semanalmente, quarta-feira às 23:30")]
    [InlineData("daily 02:00", "0 0 2 * * ?", "diariamente às 02:00")]
    public void Schedule_setting_becomes_a_Sao_Paulo_cron(string setting, string cron, string label)
    {
        var schedule = BackupOptions.ParseSchedule(setting);
        Assert.Equal(cron, schedule.Cron);
        Assert.Equal(label, schedule.Label);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("weekly Xyz 02:00")]
    [InlineData("daily 25:00")]
    public void Invalid_schedule_is_a_pt_BR_configuration_error(string setting)
    {
        var error = Assert.Throws<FormatException>(() => BackupOptions.ParseSchedule(setting));
        Assert.Contains("Backup:Schedule inválido", error.Message);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
