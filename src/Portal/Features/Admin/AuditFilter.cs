using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Platform.Audit;
using Portal.Platform.Text;
using Portal.Platform.Time;
using Portal.Platform.Validation;

namespace Portal.Features.Admin;

/// <summary>
/// Filters of the audit viewer (operations.md §7.2), shared by the list and the CSV export so both show the same rows.
/// Dates are São Paulo days: "to" includes the whole day.
/// </summary>
public sealed record AuditFilter(string? From, string? To, long? ActorId, string? Action, string? ResourceType, string? Resource, string? Ip)
{
    public const string InvalidDate = "Data inválida. Use dd/mm/aaaa.";

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, bool canSeeRestricted, FieldErrors errors)
    {
        if (ParseDate(From, nameof(From), errors) is DateOnly from)
        {
            var start = SaoPaulo.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.OccurredAt >= start);
        }
        if (ParseDate(To, nameof(To), errors) is DateOnly to)
        {
            var end = SaoPaulo.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(a => a.OccurredAt < end);
        }
        if (ActorId is long actor) query = query.Where(a => a.ActorUserId == actor);
        if (TextNormalizer.Clean(Action) is { } action) query = query.Where(a => a.Action == action);
        if (TextNormalizer.Clean(ResourceType) is { } type) query = query.Where(a => a.ResourceType == type);
        if (TextNormalizer.Clean(Resource) is { } resource)
        {
            var pattern = "%" + EscapeLike(resource) + "%";
            query = query.Where(a => a.ResourceId == resource || EF.Functions.Like(a.ResourceLabel!, pattern, "\\"));
            // Searching restricted labels would reveal what they say, one guess at a time.
            if (!canSeeRestricted) query = query.Where(a => !a.IsRestricted);
        }
        if (TextNormalizer.Clean(Ip) is { } ip) query = query.Where(a => a.Ip != null && a.Ip.StartsWith(ip));
        return query;
    }

    /// <summary>The filters in use, for the export's own audit entry.</summary>
    public List<AuditChange> Describe()
    {
        var list = new List<AuditChange>();
        void Add(string field, string? value)
        {
            if (TextNormalizer.Clean(value) is { } v) list.Add(new AuditChange(field, null, v));
        }
        Add("De", From);
        Add("Até", To);
        Add("Usuário", ActorId?.ToString(CultureInfo.InvariantCulture));
        Add("Ação", Action);
        Add("Tipo de recurso", ResourceType);
        Add("Recurso", Resource);
        Add("IP", Ip);
        return list;
    }

    /// <summary>Accepts the HTML date input's yyyy-MM-dd and typed dd/MM/aaaa.</summary>
    public static DateOnly? ParseDate(string? value, string field, FieldErrors errors)
    {
        var clean = TextNormalizer.Clean(value);
        if (clean is null) return null;
        if (DateOnly.TryParseExact(clean, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(field, InvalidDate);
        return null;
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
