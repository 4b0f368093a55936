namespace Portal.Platform.Time;

/// <summary>
/// Store UTC, show America/Sao_Paulo (spec README §5). One helper so no page converts by hand.
/// </summary>
public static class SaoPaulo
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(
        OperatingSystem.IsWindows() ? "E. South America Standard Time" : "America/Sao_Paulo");

    public static DateTime FromUtc(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public static DateTime ToUtc(DateTime local) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(FromUtc(clock.GetUtcNow().UtcDateTime));

    /// <summary>dd/MM/aaaa HH:mm in São Paulo time; empty for null.</summary>
    public static string Format(DateTime? utc) => utc is null ? "" : FromUtc(utc.Value).ToString("dd/MM/yyyy HH:mm", Culture.PtBr);

    public static string FormatDate(DateOnly? date) => date?.ToString("dd/MM/yyyy", Culture.PtBr) ?? "";

    /// <summary>"agora", "há 5 minutos", "há 2 horas", "ontem", then the date (platform.md §11).</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var delta = nowUtc - utc;
        if (delta < TimeSpan.FromMinutes(1)) return "agora";
        if (delta < TimeSpan.FromHours(1)) return Plural((int)delta.TotalMinutes, "minuto", "minutos");
        if (delta < TimeSpan.FromHours(24) && FromUtc(utc).Date == FromUtc(nowUtc).Date)
            return Plural((int)delta.TotalHours, "hora", "horas");
        if (FromUtc(utc).Date == FromUtc(nowUtc).Date.AddDays(-1)) return "ontem";
        return FromUtc(utc).ToString("dd/MM/yyyy", Culture.PtBr);
    }

    private static string Plural(int n, string one, string many) => $"há {n} {(n == 1 ? one : many)}";
}

public static class Culture
{
    public static readonly System.Globalization.CultureInfo PtBr = System.Globalization.CultureInfo.GetCultureInfo("pt-BR");
}
