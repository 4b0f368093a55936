namespace Portal.Platform.Views;

public sealed record SavedViewRoleOption(long Id, string Name);

/// <summary>What <c>_SavedViews.cshtml</c> renders for one list: the menu, the save form and its last error.</summary>
public sealed class SavedViewsPanel
{
    public required SavedViewList List { get; init; }
    public required IReadOnlyList<SavedViewItem> Views { get; init; }
    /// <summary>The list's current filters (cleaned query string, no leading "?").</summary>
    public required string Query { get; init; }
    public long? ActiveViewId { get; init; }
    /// <summary>Roles the save form offers for sharing; empty when the user may not share.</summary>
    public IReadOnlyList<SavedViewRoleOption> ShareRoles { get; init; } = [];
    public string? Error { get; init; }
    public string? AttemptedName { get; init; }
    public bool AttemptedDefault { get; init; }

    public bool CanShare => ShareRoles.Count > 0;
    public SavedViewItem? Active => Views.FirstOrDefault(v => v.Id == ActiveViewId);
    public string Id => "sv-" + List.Key.Replace('.', '-');

    public string LinkFor(SavedViewItem view) => SavedViewHandlers.Link(List.Path, view.Query, view.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string ModuleDefaultLink => SavedViewHandlers.Link(List.Path, "", SavedViewHandlers.ModuleDefault);

    /// <summary>POST target: the handler plus the current filters, which the handler saves or returns to.</summary>
    public string PostUrl(string handler) => List.PostPath + "?" + (Query.Length > 0 ? Query + "&" : "") + "handler=" + handler;
}
